import BounceKit

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
