import BounceKit

/// The human-readable explanation of one analysed message.
struct TextRenderer {
  let labels: Labels
  let color: Bool
  var verbose = false

  private func bold(_ s: String) -> String { color ? "\u{1B}[1m" + s + "\u{1B}[0m" : s }
  private func tint(_ s: String, hard: Bool) -> String {
    color ? (hard ? "\u{1B}[31m" : "\u{1B}[33m") + s + "\u{1B}[0m" : s
  }

  /// The explanation. Every string that came from the message goes through
  /// ``SafeText/terminal(_:keepNewlines:)``; so do values a format unit or rule may have
  /// copied from it (status, command, format, rule).
  func render(_ result: BounceResult) -> String {
    guard result.isBounce else { return labels.notBounce + "\n" }
    var out = ""
    let language = labels.language
    for (i, r) in result.recipients.enumerated() {
      if i > 0 { out += "\n" }
      let address = SafeText.terminal(r.recipient)
      let verdict = r.reason.summary(in: language)
      out += bold(address) + " — " + tint(verdict, hard: r.hardBounce) + "\n"
      var lines: [(String, String)] = []
      lines.append((labels.result, labels.action(r.action) + " / " + labels.hardness(r.hardBounce)))
      lines.append((labels.reason, SafeText.terminal(r.reason.rawValue)))
      if let code = r.replyCode { lines.append((labels.replyCode, String(code))) }
      if let status = r.status {
        let meaning = EnhancedStatus.meaning(of: status, in: language).map { " — " + $0 } ?? ""
        lines.append((labels.status, SafeText.terminal(status + meaning)))
      }
      if !r.diagnostic.isEmpty { lines.append((labels.serverSaid, SafeText.terminal(r.diagnostic))) }
      if let host = r.remoteMTA { lines.append((labels.remoteServer, SafeText.terminal(host))) }
      if let command = r.command { lines.append((labels.command, SafeText.terminal(command))) }
      if verbose {
        if let mta = result.report?.reportingMTA { lines.append((labels.reportedBy, SafeText.terminal(mta))) }
        if let format = result.report?.format { lines.append((labels.format, SafeText.terminal(format))) }
        lines.append((labels.rule, SafeText.terminal(r.rule)))
        if !r.evidence.isEmpty { lines.append((labels.evidence, SafeText.terminal(r.evidence))) }
      }
      let width = lines.map { displayWidth($0.0) }.max() ?? 0
      for (label, value) in lines {
        out += "  " + label + String(repeating: " ", count: width - displayWidth(label)) + "  " + value + "\n"
      }
    }
    if let subject = result.original?.subject, !subject.isEmpty {
      out += "\n" + labels.originalMessage + ": " + labels.subject + " \u{201C}" + SafeText.terminal(subject) + "\u{201D}\n"
    }
    return out
  }
}

/// Columns a string takes in a terminal: East Asian wide characters take two.
func displayWidth(_ s: String) -> Int {
  var width = 0
  for scalar in s.unicodeScalars {
    let v = scalar.value
    let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    width += wide ? 2 : 1
  }
  return width
}
