/// Mimecast's own notices ("[Postmaster] Email Delivery Failure", `X-Mimecast-Originator`):
/// "An email that you attempted to send to the following address could not be delivered:",
/// then `-- address`, "The problem appears to be :" `-- summary`, and "Additional information
/// follows :" `-- the remote server's answer`. Some come with a delivery-status part too.
enum Mimecast: BounceFormat {
  static let name = "Mimecast"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    mail.header.has("x-mimecast-originator") || mail.header.has("x-mc-system")
      || mail.subject.hasBytePrefix("[Postmaster] Email Delivery Failure")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.trimmedBodyLines
    var report = DeliveryReport(format: name)
    var summary: [Substring] = []
    var details: [Substring] = []
    var addresses: [String] = []
    var section = 0  // 1: addresses, 2: the problem, 3: additional information
    for line in lines {
      let t = ReportText.trimmed(line)
      if ReportText.contains(t, "could not be delivered") {
        section = 1
      } else if ReportText.contains(t, "the problem appears to be") {
        section = 2
      } else if ReportText.contains(t, "additional information follows") {
        section = 3
      } else if t.hasBytePrefix("-- ") {
        let value = t.dropFirst(3)
        switch section {
        case 1: if let address = ReportText.address(in: value) { addresses.append(address) }
        case 2: summary.append(value)
        case 3: details.append(value)
        default: break
        }
      } else if ReportText.isBlank(line) {
        if section == 3 && !details.isEmpty { section = 0 }
      } else if section == 3, !details.isEmpty {
        details.append(t)  // a wrapped answer
      }
    }
    let diagnostic = ReportText.joinAnswer(details.isEmpty ? summary : details)
    for address in addresses {
      report.recipients.append(ReportText.recipient(address, diagnostic: diagnostic))
    }
    if report.recipients.isEmpty {
      guard let standard = mail.standardReport else { return nil }
      report.recipients = standard.recipients
    }
    return report
  }
}
