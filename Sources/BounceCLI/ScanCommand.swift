import ArgumentParser
import BounceKit

/// `bounce scan PATH...`: reads many messages and prints one row per recipient.
struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Scan files, folders, Maildirs and mbox files of bounces into rows.",
    discussion: "Every message read gives at least one row: a recipient, a not-bounce, or an error."
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, jsonl, csv, json
  }

  @OptionGroup var common: CommonOptions

  @Option(name: .long, help: "Output format: table, jsonl, csv or json.")
  var format: Format = .table

  @Argument(help: "Files, folders, Maildirs or mbox files; - for standard input.")
  var paths: [String]

  func validate() throws {
    if paths.isEmpty { throw ValidationError("Name at least one file or folder to scan (- for standard input).") }
  }

  func run() throws {
    _ = try common.language()
    let analyzer = try common.analyzer()
    let out = Output.standardOutput()
    var writer = RowWriter(format: format, output: out)
    var bounces = 0
    var failures = 0
    var messages = 0
    writer.begin()
    for item in MessageInput(paths: paths) {
      switch item {
      case .message(let message):
        messages += 1
        let result = analyzer.analyze(message)
        if result.isBounce { bounces += 1 }
        for row in ScanRow.rows(for: result, source: message.source, index: message.index) { writer.write(row) }
      case .failure(let failure):
        failures += 1
        printError(failure.description)
        writer.write(ScanRow(kind: .error, source: failure.source, message: failure.index, error: failure.reason))
      }
    }
    writer.end()
    out.flush()
    if messages == 0 && failures > 0 { throw ExitCode(2) }
    if bounces == 0 { throw ExitCode(1) }
  }
}

/// Writes scan rows in the chosen format, one at a time.
struct RowWriter {
  let format: ScanCommand.Format
  let output: Output
  private var count = 0

  init(format: ScanCommand.Format, output: Output) {
    self.format = format
    self.output = output
  }

  mutating func begin() {
    switch format {
    case .csv: output.write(ScanRow.columns.joined(separator: ",") + "\n")
    case .json: output.write("[")
    case .table:
      output.write(TableLayout.header() + "\n")
    case .jsonl: break
    }
  }

  mutating func write(_ row: ScanRow) {
    switch format {
    case .jsonl:
      output.write(bytes: row.json())
      output.write("\n")
    case .json:
      output.write(count == 0 ? "\n" : ",\n")
      output.write(bytes: row.json())
    case .csv:
      output.write(ScanRow.columns.map { SafeText.csvCell(row.text($0)) }.joined(separator: ",") + "\n")
    case .table:
      output.write(TableLayout.line(for: row) + "\n")
    }
    count += 1
  }

  mutating func end() {
    if format == .json { output.write(count == 0 ? "]\n" : "\n]\n") }
  }
}

/// Fixed-width columns for `--format table`.
enum TableLayout {
  static let columns: [(String, Int)] = [
    ("source", 28), ("recipient", 34), ("status", 7), ("reply", 5), ("reason", 15), ("hard", 5),
  ]

  static func header() -> String {
    columns.map { pad($0.0, $0.1) }.joined(separator: " ").trimmingTrailingSpaces()
  }

  static func line(for row: ScanRow) -> String {
    var source = SafeText.terminal(row.source)
    if let m = row.message { source += "#\(m)" }
    let values: [String]
    switch row.kind {
    case .recipient:
      values = [source, row.text("recipient"), row.text("status"), row.text("replyCode"), row.text("reason"),
                row.recipient?.hardBounce == true ? "hard" : "soft"]
    case .notBounce:
      values = [source, "(not a bounce)", "", "", "", ""]
    case .error:
      values = [source, "(error: \(row.error ?? ""))", "", "", "", ""]
    }
    return zip(values, columns).map { pad(SafeText.terminal($0.0), $0.1.1) }.joined(separator: " ").trimmingTrailingSpaces()
  }

  /// Pads or cuts (keeping the end of long paths readable) to `width` columns.
  static func pad(_ s: String, _ width: Int) -> String {
    var text = s
    if displayWidth(text) > width {
      var cut = ""
      for ch in text.reversed() {
        if displayWidth(String(ch) + cut) > width - 1 { break }
        cut = String(ch) + cut
      }
      text = "…" + cut
    }
    return text + String(repeating: " ", count: max(0, width - displayWidth(text)))
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
