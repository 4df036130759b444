import Foundation
import Testing

@testable import BounceCLI
@testable import BounceKit

/// Text from messages never drives a terminal or a spreadsheet, and JSON stays exact and valid.
@Suite("Safe output")
struct SafeOutputTests {
  /// Characters a hostile message may carry: ESC sequences (CSI, OSC), C1 controls (U+009B is
  /// an 8-bit CSI), DEL, NUL, line and paragraph separators, bidirectional overrides.
  static let hostile = "a\u{1B}[2Jb\u{1B}]0;title\u{07}c\u{9B}31md\u{85}e\u{7F}f\u{0}g\u{2028}h\u{202E}i\u{2067}j\rk\tl\nm"

  @Test func terminalTextKeepsOnlyPrintableCharacters() {
    let safe = SafeText.terminal(Self.hostile)
    #expect(safe == "ab" + "c" + "d" + "ef" + "g\u{2028}h" + "ij" + "k l m")
    #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    // An escape sequence that never ends swallows the rest, never leaves half a sequence.
    #expect(SafeText.terminal("ok\u{1B}[12;34") == "ok")
    #expect(SafeText.terminal("ok\u{1B}") == "ok")
  }

  @Test func errorLinesQuoteFileNamesSafely() {
    let line = errorLine("cannot read /tmp/\u{1B}]0;pwned\u{07}x.eml: permission denied")
    #expect(line == "bounce: cannot read /tmp/x.eml: permission denied\n")
  }

  @Test func csvCellsCannotStartAFormula() {
    // A neutralised cell holds a `'`, so it is also quoted.
    for (input, expected) in [
      ("=1+1", "\"'=1+1\""), ("+1", "\"'+1\""), ("-1", "\"'-1\""), ("@SUM(A1)", "\"'@SUM(A1)\""),
      ("\t=1+1", "\"' =1+1\""), ("\r=1+1", "\"'=1+1\""), ("  =1+1", "\"'  =1+1\""), ("\u{1B}[0m=1", "\"'=1\""),
      ("\u{FF1D}1+1", "\"'\u{FF1D}1+1\""), ("a=b", "a=b"), ("", ""), ("5.1.1", "5.1.1"), (" x", "\" x\""),
    ] {
      #expect(SafeText.csvCell(input) == expected, "\(input.debugDescription) → \(SafeText.csvCell(input))")
    }
    // Quotes are doubled inside a quoted cell; line breaks never split a row.
    #expect(SafeText.csvCell("say \"hi\"\nthere") == "\"say \"\"hi\"\" there\"")
    // A quote or a comma followed by a combining mark is one Character to Swift but still a
    // quote or a comma to a CSV reader: doubled, and quoted.
    #expect(Array(SafeText.csvCell("a\"\u{308}b").utf8) == Array("\"a\"\"\u{308}b\"".utf8))
    #expect(Array(SafeText.csvCell("a,\u{308}b").utf8) == Array("\"a,\u{308}b\"".utf8))
  }

  @Test func jsonLinesEscapeWhatATerminalWouldObey() throws {
    var w = JSONObjectWriter()
    w.field("text", Self.hostile)
    let bytes = w.finish()
    // No raw control, C1 or bidi character in the bytes…
    let raw = String(decoding: bytes, as: UTF8.self)
    #expect(!raw.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    #expect(!raw.unicodeScalars.contains { (0x2028...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    #expect(raw.contains("\\u009b") && raw.contains("\\u202e") && raw.contains("\\u001b") && raw.contains("\\u0000"))
    // …and a JSON reader gets the exact text back.
    let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
    #expect(object["text"] == Self.hostile)
  }

  @Test func wholeResultJSONIsEscapedToo() throws {
    let result = BounceResult(kind: .notBounce, subject: Self.hostile)
    let json = try JSONOutput.encode(.one(result))
    #expect(!json.unicodeScalars.contains { $0 == "\u{1B}" || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["subject"] as? String == Self.hostile)
    // Escaping after the encoder leaves the rest of the text byte for byte.
    let plain = Array("{\"a\":\"日本語 \u{2027}\u{2030} é\"}".utf8)
    #expect(JSONObjectWriter.escapingTerminalControls(plain) == plain)
  }

  @Test func invalidBytesBecomeValidJSON() throws {
    // Bytes that are no text at all reach JSON as U+FFFD, never as invalid UTF-8.
    let message: [UInt8] = Array("Subject: ".utf8) + [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0x00] + Array("\n\nx\n".utf8)
    let result = BounceAnalyzer().analyze(message: message)
    let row = ScanRow.rows(for: result, source: "s", index: 0)[0].json()
    #expect(String(validating: row, as: UTF8.self) != nil)
    #expect(try JSONSerialization.jsonObject(with: Data(row)) is [String: Any])
  }

  @Test func hostileFixtureRendersSafelyEverywhere() throws {
    let url = FuzzRegressionTests.fixtures.appendingPathComponent("fuzz/review-terminal-escapes.eml")
    let result = BounceAnalyzer().analyze(message: Array(try Data(contentsOf: url)))
    #expect(result.isBounce)
    let text = TextRenderer(labels: Labels(language: .english), color: false, verbose: true).render(result)
    #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\u{202E}" || $0 == "\u{7F}" || $0 == "\u{0}" })
    let rows = ScanRow.rows(for: result, source: "x\u{1B}[2J", index: 0)
    let table = String(decoding: RowWriter.render(rows, format: .table), as: UTF8.self)
    #expect(!table.unicodeScalars.contains { $0 == "\u{1B}" })
    let csv = String(decoding: RowWriter.render(rows, format: .csv), as: UTF8.self)
    #expect(csv.contains("\"'=HYPERLINK("))
    #expect(csv.contains(",\"'+mx\","))
  }
}
