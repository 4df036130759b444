import ArgumentParser
import BounceKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `bounce scan PATH...`: reads many messages and prints one row per recipient.
struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Scan files, folders, Maildirs and mbox files of bounces into rows.",
    discussion: """
      Every message read gives at least one row: a recipient, a not-bounce, or an error. \
      Messages are decoded on several cores (--jobs) and written in input order.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, jsonl, csv, json, summary
  }

  enum AddressSelection: String, ExpressibleByArgument, CaseIterable {
    case hard, soft, all
  }

  @OptionGroup var common: CommonOptions

  @Option(name: .long, help: "Output format: table, jsonl, csv, json, or summary (totals only).")
  var format: Format = .table

  @Option(name: [.customShort("j"), .long], help: "Messages decoded at once (default: the number of cores).")
  var jobs: Int?

  @Flag(name: .long, help: "Write rows as soon as they are ready instead of in input order.")
  var unordered = false

  @Flag(name: .long, help: "End with totals by reason, hard/soft, domain and sender.")
  var summary = false

  @Option(name: .long, help: "How many domains and senders the summary lists.")
  var top = 10

  @Option(name: .long, help: "Print only the unique bounced addresses (hard, soft or all), one per line.")
  var addresses: AddressSelection?

  @Flag(name: .long, help: "Show a progress line on standard error even when it is not a terminal.")
  var progress = false

  @Argument(help: "Files, folders, Maildirs or mbox files; - for standard input.")
  var paths: [String]

  func validate() throws {
    if paths.isEmpty { throw ValidationError("Name at least one file or folder to scan (- for standard input).") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more.") }
    if top < 1 { throw ValidationError("--top must be 1 or more.") }
  }

  func run() throws {
    try run(writingTo: Output.standardOutput())
  }

  /// The scan, writing its rows to `out` (standard output, or a file in tests). Returns the
  /// totals (with the lists by reason, domain, MTA and format only when a summary was asked
  /// for); throws the exit status when it is not 0.
  @discardableResult
  func run(writingTo out: Output) throws -> ScanSummary {
    let language = try common.language()
    let analyzer = try common.analyzer()
    let rowFormat: Format? = addresses != nil || format == .summary ? nil : format
    let wantAddresses = addresses
    var writer = rowFormat.map { RowWriter(format: $0, output: out) }
    var totals = ScanSummary()
    var seenAddresses = Set<String>()
    let meter = ProgressMeter(enabled: progress || Terminal.isTerminal(2))
    writer?.begin()

    let scanner = ParallelScanner(jobs: jobs ?? ProcessInfoLite.activeProcessorCount, ordered: !unordered)
    // The summary's lists (by reason, domain, MTA, format) only when it is printed.
    let breakdowns = summary || format == .summary
    scanner.run(MessageInput(paths: paths)) { item in
      ScanOutput.make(item, analyzer: analyzer, format: rowFormat, addresses: wantAddresses, breakdowns: breakdowns)
    } consume: { output in
      if let error = output.error { printError(error) }
      writer?.write(output)
      for address in output.addresses {
        // Addresses come from the message: shown only once made safe for a terminal.
        let safe = SafeText.terminal(address)
        if !safe.isEmpty, seenAddresses.insert(safe.lowercased()).inserted { out.write(safe + "\n") }
      }
      totals.add(output.tally)
      meter.update(messages: totals.messages, bytes: totals.bytes)
    }
    writer?.end()
    meter.finish()
    if summary || format == .summary {
      if rowFormat != nil { out.write("\n") }
      out.write(SummaryRenderer(labels: Labels(language: language), top: top).render(totals))
    }
    out.flush()
    if totals.messages == totals.errors && totals.errors > 0 { throw ExitCode(2) }
    if totals.bounces == 0 { throw ExitCode(1) }
    return totals
  }
}

/// What a worker hands back for one input item: rendered rows and the counts for the summary.
struct ScanOutput: Sendable {
  var rows: [UInt8] = []
  var rowCount = 0
  var tally = ScanTally()
  var addresses: [String] = []
  var error: String?

  /// The counts of ``tally`` as a summary of their own (for checks).
  var summary: ScanSummary {
    var summary = ScanSummary()
    summary.add(tally)
    return summary
  }

  static func make(_ item: InputItem, analyzer: BounceAnalyzer, format: ScanCommand.Format?,
                   addresses: ScanCommand.AddressSelection?, breakdowns: Bool = true) -> ScanOutput {
    var output = ScanOutput()
    let rows: [ScanRow]
    switch item {
    case .message(let message):
      let result = analyzer.analyze(message)
      output.tally = ScanTally(result, bytes: message.bytes.count, breakdowns: breakdowns)
      if let format, format == .jsonl || format == .json, result.isBounce, !result.recipients.isEmpty {
        // Recipient rows written straight from the result: no row (and no copy of the
        // result) per recipient. The same bytes as rendering `ScanRow.rows(for:…)`.
        output.rows = RowWriter.renderRecipients(of: result, source: message.source, index: message.index, format: format)
        output.rowCount = result.recipients.count
        rows = []
      } else {
        rows = ScanRow.rows(for: result, source: message.source, index: message.index)
      }
      if let addresses {
        for r in result.recipients where r.reason != .delivered && r.reason != .feedback && r.reason != .vacation {
          if addresses == .all || (addresses == .hard) == r.hardBounce { output.addresses.append(r.recipient) }
        }
      }
    case .failure(let failure):
      output.tally = .error
      output.error = failure.description
      rows = [ScanRow(kind: .error, source: failure.source, message: failure.index, error: failure.reason)]
    }
    if let format, !rows.isEmpty {
      output.rows = RowWriter.render(rows, format: format)
      output.rowCount = rows.count
    }
    return output
  }
}

/// Writes scan rows in the chosen format; rows themselves are rendered by workers.
struct RowWriter {
  let format: ScanCommand.Format
  let output: Output
  /// Rows written so far (JSON arrays need to know whether a comma is due).
  var count = 0

  init(format: ScanCommand.Format, output: Output) {
    self.format = format
    self.output = output
  }

  func begin() {
    switch format {
    case .csv: output.write(ScanRow.columns.joined(separator: ",") + "\n")
    case .json: output.write("[")
    case .table: output.write(TableLayout.header() + "\n")
    case .jsonl, .summary: break
    }
  }

  /// Writes one worker's rows, with the separator a JSON array needs between them.
  mutating func write(_ rendered: ScanOutput) {
    guard rendered.rowCount > 0 else { return }
    if format == .json { output.write(count == 0 ? "\n" : ",\n") }
    output.write(bytes: rendered.rows)
    count += rendered.rowCount
  }

  /// The bytes of `rows` in `format` (JSON objects joined by `,\n`, no leading separator).
  static func render(_ rows: [ScanRow], format: ScanCommand.Format) -> [UInt8] {
    var out: [UInt8] = []
    if format == .jsonl || format == .json { out.reserveCapacity(1024 * rows.count) }
    // Read in place: `for row in rows` would copy (retain and release) every row.
    rows.withUnsafeBufferPointer { rows in
      render(rows, format: format, into: &out)
    }
    return out
  }

  /// The JSON objects (`jsonl` or `json`) of every recipient row of a bounce that has
  /// recipients, as ``render(_:format:)`` writes `ScanRow.rows(for:source:index:)`.
  static func renderRecipients(of result: BounceResult, source: String, index: Int, format: ScanCommand.Format) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(1024 * result.recipients.count)
    // Each recipient borrowed in place: an array subscript copies it (a retain and a release
    // of every field).
    result.recipients.withUnsafeBufferPointer { recipients in
      for i in recipients.indices {
        if format == .json, i > 0 {
          out.append(0x2C)
          out.append(0x0A)
        }
        ScanRow.recipientJSON(source: source, message: index, result: result, recipient: recipients[i], appendingTo: &out)
        if format == .jsonl { out.append(0x0A) }
      }
    }
    return out
  }

  private static func render(_ rows: UnsafeBufferPointer<ScanRow>, format: ScanCommand.Format, into out: inout [UInt8]) {
    for i in rows.indices {
      switch format {
      case .jsonl:
        rows[i].json(appendingTo: &out)
        out.append(0x0A)
      case .json:
        if !out.isEmpty {
          out.append(0x2C)
          out.append(0x0A)
        }
        rows[i].json(appendingTo: &out)
      case .csv:
        out.append(contentsOf: Array((ScanRow.columns.map { SafeText.csvCell(rows[i].text($0)) }.joined(separator: ",") + "\n").utf8))
      case .table:
        out.append(contentsOf: Array((TableLayout.line(for: rows[i]) + "\n").utf8))
      case .summary:
        break
      }
    }
  }

  func end() {
    if format == .json { output.write(count == 0 ? "]\n" : "\n]\n") }
  }
}
