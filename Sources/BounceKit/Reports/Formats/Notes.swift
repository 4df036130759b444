/// Lotus Notes' SMTP gateway (Lotus SMTP MTA), "Undeliverable message": a "------- Failure
/// Reasons --------" section listing, for each recipient, the reason (in the server's language,
/// often Japanese in ISO-2022-JP) followed by the address, then "------- Returned Message
/// --------".
enum Notes: BounceFormat {
  static let name = "Notes"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    mail.subject.hasBytePrefix("Undeliverable message")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = ReportText.lines(of: mail, stoppingAt: ["------- returned message"])
    guard let start = ReportText.firstLine(in: lines, where: { ReportText.contains($0, "------- failure reasons") }) else {
      return nil
    }
    var report = DeliveryReport(format: name)
    var reason: [Substring] = []
    var lastReason = ""
    for line in lines[(start + 1)...] where !ReportText.isBlank(line) {
      let t = ReportText.trimmed(line)
      if !t.containsByte(ASCII.space), t.containsByte(ASCII.at), Addresses.isPlausible(Addresses.clean(t)) {
        // Several recipients may share one reason: a new reason starts after an address.
        if !reason.isEmpty { lastReason = ReportText.joinAnswer(reason) }
        reason = []
        report.recipients.append(ReportText.recipient(Addresses.clean(t), diagnostic: lastReason))
      } else {
        reason.append(t)
      }
    }
    return report.recipients.isEmpty ? nil : report
  }
}
