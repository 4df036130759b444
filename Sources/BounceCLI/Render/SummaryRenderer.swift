import BounceKit

/// The totals printed by `bounce scan --summary` and `--format summary`.
struct SummaryRenderer {
  let labels: Labels
  let top: Int

  func render(_ s: ScanSummary) -> String {
    let ja = labels.language == .japanese
    var out = ""
    func line(_ label: String, _ value: Int) {
      out += "  " + label + String(repeating: " ", count: max(1, 28 - displayWidth(label))) + String(value) + "\n"
    }
    out += (ja ? "集計" : "Summary") + "\n"
    line(ja ? "読んだメール" : "messages read", s.messages)
    line(ja ? "  エラーメール（バウンス）" : "  bounces", s.bounces)
    line(ja ? "  エラーメール以外" : "  not bounces", s.notBounces)
    line(ja ? "  読めなかったもの" : "  errors", s.errors)
    line(ja ? "宛先（行）" : "recipients", s.recipients)
    line(ja ? "  恒久的（hard）" : "  hard", s.hard)
    line(ja ? "  一時的・対処可能（soft）" : "  soft", s.soft)
    if s.warnings > 0 { line(ja ? "警告付きのメール" : "messages with warnings", s.warnings) }
    func table(_ title: String, _ tally: [String: Int], limit: Int) {
      guard !tally.isEmpty else { return }
      out += "\n" + title + "\n"
      for (name, count) in ScanSummary.top(tally, limit) {
        line(SafeText.terminal(name), count)
      }
      if tally.count > limit {
        out += "  " + (ja ? "ほか \(tally.count - limit) 件" : "… \(tally.count - limit) more") + "\n"
      }
    }
    table(ja ? "原因別" : "By reason", s.byReason, limit: Int.max)
    table(ja ? "宛先ドメイン別（上位）" : "By recipient domain (top)", s.byDomain, limit: top)
    table(ja ? "通知したサーバー別（上位）" : "By reporting MTA (top)", s.byReportingMTA, limit: top)
    table(ja ? "形式別" : "By sender family", s.byFormat, limit: top)
    return out
  }
}
