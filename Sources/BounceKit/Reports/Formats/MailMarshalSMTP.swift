/// Trustwave (Marshal) MailMarshal SMTP: "Undeliverable Mail: "<subject>"", with "Could not be
/// delivered because of" and the server's answer, "The following recipients were affected:"
/// and an "Additional Information" block (`Remote-MTA:`, `Reporting-MTA:`).
enum MailMarshalSMTP: BounceFormat {
  static let name = "MailMarshalSMTP"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    mail.subject.hasBytePrefix("Undeliverable Mail: ")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.trimmedBodyLines
    guard let because = ReportText.firstLine(in: lines, where: { ReportText.contains($0, "could not be delivered because of") }),
      let affected = ReportText.firstLine(in: lines, from: because + 1, where: { ReportText.contains($0, "following recipients were affected") })
    else { return nil }
    var reason = Array(lines[(because + 1)..<affected])
    if let rest = ReportText.after("because of", in: lines[because]), !ReportText.isBlank(rest) { reason.insert(rest, at: 0) }
    let diagnostic = ReportText.joinAnswer(reason)
    var report = DeliveryReport(format: name)
    var remote: String? = nil
    var i = affected + 1
    while i < lines.count, ReportText.isBlank(lines[i]) { i += 1 }
    while i < lines.count, !ReportText.isBlank(lines[i]) {
      if let address = ReportText.address(in: lines[i]) {
        report.recipients.append(ReportText.recipient(address, diagnostic: diagnostic))
      }
      i += 1
    }
    for line in lines[i...] {
      let t = ReportText.trimmed(line)
      if t.hasBytePrefix("Remote-MTA:") { remote = ReportText.host(at: t.dropFirst("Remote-MTA:".count)) }
      if t.hasBytePrefix("Reporting-MTA:") { report.reportingMTA = ReportText.host(at: t.dropFirst("Reporting-MTA:".count)) }
    }
    for k in report.recipients.indices { report.recipients[k].remoteMTA = remote }
    return report.recipients.isEmpty ? nil : report
  }
}
