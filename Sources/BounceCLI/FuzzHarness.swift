import BounceKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One input through every decode path and every output format, with the output promises
/// checked: the body of the fuzz target (`bounce-fuzz`, see `scripts/fuzz.sh`) and of the test
/// that replays `Fixtures/fuzz/` and every other fixture.
///
/// A broken promise stops the process (`precondition`), which is what libFuzzer records as a
/// crash. The promises: every message read is counted once as a bounce, a not-bounce or an
/// error and gives at least one row; a bounce has recipients; JSON is valid and holds no raw
/// control character; CSV cells cannot start a formula; table, text and summary output hold no
/// control character or escape sequence but the renderer's own colours.
public enum FuzzHarness {
  /// Limits small enough that fuzz-sized inputs reach every one of them.
  public static let tinyLimits = DecodeLimits(
    maxMessageBytes: 2048, maxMIMEDepth: 3, maxMIMEParts: 8, maxHeaderFields: 12, maxHeaderFieldBytes: 200,
    maxRecipients: 3, maxPartBytes: 300, maxScannedTextBytes: 100
  )

  /// Runs `bytes` through the library and every renderer, twice: as one message with the
  /// standard limits, and as a stream (mbox splitting, line endings, blocks of a size taken
  /// from the input) with ``tinyLimits``.
  public static func run(_ bytes: [UInt8]) {
    // `bounce explain`: one message, standard limits, every explain output.
    let result = BounceAnalyzer().analyze(message: bytes)
    checkResult(result)
    for language in [TextLanguage.english, .japanese] {
      for color in [false, true] {
        let text = TextRenderer(labels: Labels(language: language), color: color, verbose: true).render(result)
        checkTerminalText(text, allowingColour: color)
      }
    }
    if let json = try? JSONOutput.encode(.one(result)) {
      // JSONEncoder writes valid JSON; what is checked is the escaping done after it.
      checkJSONBytes(Array(json.utf8))
    } else {
      preconditionFailure("a result could not be encoded as JSON")
    }

    // `bounce scan`: the bytes as a stream, tiny limits, every row format and the summary.
    let blockSize = 1 + Int(bytes.last ?? 0) % 97
    let items = MessageInput.items(in: bytes, source: "fuzz\u{1B}[2J.mbox", limits: InputLimits(maxMessageBytes: tinyLimits.maxMessageBytes, blockSize: blockSize))
    let analyzer = BounceAnalyzer(limits: tinyLimits)
    var totals = ScanSummary()
    for item in items {
      // What a scan worker does for the item: rows and counts.
      let jsonl = ScanOutput.make(item, analyzer: analyzer, format: .jsonl, addresses: .all)
      precondition(jsonl.rowCount >= 1, "a message gave no row")
      precondition(jsonl.summary.messages == 1, "a message was not counted once")
      let s = jsonl.summary
      precondition(s.bounces + s.notBounces + s.errors == 1, "a message was counted as more or less than one kind")
      checkJSONLines(jsonl.rows, count: jsonl.rowCount)
      for address in jsonl.addresses { checkTerminalText(SafeText.terminal(address), allowingColour: false) }
      totals.merge(jsonl.summary)
      // The same rows in the other formats.
      let rows: [ScanRow]
      switch item {
      case .message(let message):
        let result = analyzer.analyze(message)
        checkResult(result)
        rows = ScanRow.rows(for: result, source: message.source, index: message.index)
      case .failure(let failure):
        rows = [ScanRow(kind: .error, source: failure.source, message: failure.index, error: failure.reason)]
      }
      precondition(rows.count == jsonl.rowCount, "formats disagree on the number of rows")
      checkCSV(RowWriter.render(rows, format: .csv), count: rows.count)
      checkTableLines(RowWriter.render(rows, format: .table), count: rows.count)
      checkJSONBytes([0x5B] + RowWriter.render(rows, format: .json) + [0x5D])
    }
    precondition(totals.messages == items.count, "the summary lost or invented a message")
    precondition(totals.messages == totals.bounces + totals.notBounces + totals.errors, "the summary does not add up")
    for language in [TextLanguage.english, .japanese] {
      checkTerminalText(SummaryRenderer(labels: Labels(language: language), top: 5).render(totals), allowingColour: false)
    }
  }

  /// A result is consistent: a bounce has recipients and a report; a not-bounce has neither.
  static func checkResult(_ result: BounceResult) {
    if result.isBounce {
      precondition(!result.recipients.isEmpty, "a bounce without recipients")
      precondition(result.report != nil, "a bounce without a report")
    } else {
      precondition(result.recipients.isEmpty, "a not-bounce with recipients")
    }
  }

  /// Valid UTF-8 with no C0 control but the line break, no DEL, no C1 control, and no escape
  /// sequence but the text renderer's own colours when `allowingColour`.
  static func checkTerminalText(_ text: String, allowingColour: Bool) {
    var scalars = Array(text.unicodeScalars)
    if allowingColour {
      let own: Set<String> = ["[0m", "[1m", "[31m", "[33m"]
      var kept: [Unicode.Scalar] = []
      var i = 0
      while i < scalars.count {
        if scalars[i] == "\u{1B}", let end = scalars[i...].firstIndex(of: "m"),
          own.contains(String(String.UnicodeScalarView(scalars[(i + 1)...end])))
        {
          i = end + 1
          continue
        }
        kept.append(scalars[i])
        i += 1
      }
      scalars = kept
    }
    for s in scalars {
      let v = s.value
      precondition(v == 0x0A || (v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v)), "a control character reached terminal text: U+\(String(v, radix: 16))")
      precondition(!(0x202A...0x202E).contains(v) && !(0x2066...0x2069).contains(v), "a bidirectional control reached terminal text")
    }
  }

  /// Terminal-safe lines, `count` of them.
  static func checkTableLines(_ bytes: [UInt8], count: Int) {
    let text = String(decoding: bytes, as: UTF8.self)
    precondition(Array(text.utf8) == bytes, "table output is not valid UTF-8")
    checkTerminalText(text, allowingColour: false)
    precondition(bytes.filter { $0 == 0x0A }.count == count, "a table row spans more than one line")
  }

  /// `count` lines, each one valid JSON object with nothing a terminal would act on.
  static func checkJSONLines(_ bytes: [UInt8], count: Int) {
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    precondition(lines.count == count + 1 && lines.last?.isEmpty == true, "JSON Lines rows are not one per line")
    for line in lines.dropLast() { checkJSON(Array(line)) }
  }

  /// Valid UTF-8, parses as JSON, and no raw control character (C0, DEL, C1) anywhere.
  static func checkJSON(_ bytes: [UInt8]) {
    checkJSONBytes(bytes)
    do {
      _ = try JSONDecoder().decode(AnyJSON.self, from: Data(bytes))
    } catch {
      preconditionFailure("JSON output does not parse: \(error)")
    }
  }

  /// Valid UTF-8 and no raw control character (C0 but the line break, DEL, C1) anywhere.
  static func checkJSONBytes(_ bytes: [UInt8]) {
    precondition(Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes, "JSON output is not valid UTF-8")
    var previous: UInt8 = 0
    for b in bytes {
      precondition(b >= 0x20 || b == 0x0A, "a raw control byte in JSON output")
      precondition(b != 0x7F, "a raw DEL in JSON output")
      precondition(!(previous == 0xC2 && (0x80...0x9F).contains(b)), "a raw C1 control in JSON output")
      previous = b
    }
  }

  /// `count` CSV lines of ``ScanRow/columns`` cells, none starting a formula.
  static func checkCSV(_ bytes: [UInt8], count: Int) {
    let text = String(decoding: bytes, as: UTF8.self)
    checkTerminalText(text, allowingColour: false)
    // Split and parsed on scalars, as a CSV reader does: a combining mark after a comma or a
    // quote is a new cell's first character, not part of the delimiter.
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    precondition(lines.count == count + 1, "a CSV row spans more than one line")
    for line in lines.dropLast() {
      let cells = csvCells(line)
      precondition(cells.count == ScanRow.columns.count, "a CSV row has \(cells.count) cells")
      for cell in cells {
        let first = cell.unicodeScalars.first { $0 != " " && $0 != "\u{3000}" }
        precondition(first.map { !"=+-@\u{FF1D}\u{FF0B}\u{FF0D}\u{FF20}".unicodeScalars.contains($0) } ?? true, "a CSV cell starts a formula: \(cell)")
      }
    }
  }

  /// The cells of one CSV line (RFC 4180 quoting).
  static func csvCells(_ line: Substring.UnicodeScalarView) -> [String] {
    var cells: [String] = []
    var cell = String.UnicodeScalarView()
    var quoted = false
    var chars = line.makeIterator()
    var atCellStart = true
    while let c = chars.next() {
      if atCellStart && c == "\"" {
        quoted = true
        atCellStart = false
        continue
      }
      atCellStart = false
      if quoted {
        if c == "\"" {
          // `""` is a quote; a lone `"` ends the quoted part.
          var look = chars
          if look.next() == "\"" {
            cell.append("\"")
            chars = look
          } else {
            quoted = false
          }
        } else {
          cell.append(c)
        }
      } else if c == "," {
        cells.append(String(cell))
        cell = String.UnicodeScalarView()
        atCellStart = true
      } else {
        cell.append(c)
      }
    }
    cells.append(String(cell))
    return cells
  }
}

/// Any JSON value: decoding into it proves the text is JSON.
private enum AnyJSON: Decodable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([AnyJSON])
  case object([String: AnyJSON])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? container.decode(Double.self) {
      self = .number(n)
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let a = try? container.decode([AnyJSON].self) {
      self = .array(a)
    } else {
      self = .object(try container.decode([String: AnyJSON].self))
    }
  }
}
