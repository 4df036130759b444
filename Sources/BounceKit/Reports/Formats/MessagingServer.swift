/// Oracle (Sun, iPlanet) Communications Messaging Server and its ancestor PMDF: "Delivery
/// Notification: Delivery has failed / has been delayed", whose text lists per recipient
/// `Recipient address:`, `Reason:`, `Diagnostic code:` and `Remote system:` lines, usually beside
/// a delivery-status part. Some versions declare a multipart but write it as plain text, so the
/// text is always read.
enum MessagingServer: BounceFormat {
  static let name = "MessagingServer"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if mail.subject.hasBytePrefix("Delivery Notification: ") { return true }
    let type = ReportText.contentType(of: mail)
    return type.containsBytes("Boundary_(ID_")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.trimmedBodyLines
    let delayed = ReportText.contains(mail.subject, "delayed")
    var report = DeliveryReport(format: name)
    var current: RecipientReport? = nil
    var reason = ""
    func flush() {
      guard var r = current else { return }
      if r.diagnostic.isEmpty { r.diagnostic = reason }
      report.recipients.append(r)
      current = nil
      reason = ""
    }
    for line in lines {
      let t = ReportText.trimmed(line)
      if let value = field("recipient address:", t) {
        flush()
        guard let address = ReportText.address(in: value) else { continue }
        current = RecipientReport(recipient: address, action: delayed ? .delayed : .failed)
      } else if current != nil, let value = field("reason:", t) {
        reason = String(value)
      } else if current != nil, let value = field("diagnostic code:", t) {
        let (type, text) = RFC3464.splitType(String(value))
        let facts = ReportText.recipient(current?.recipient ?? "", diagnostic: text)
        current?.diagnostic = facts.diagnostic
        current?.diagnosticType = type
        current?.replyCode = facts.replyCode
        current?.status = facts.status
      } else if current != nil, let value = field("remote system:", t) {
        current?.remoteMTA = RFC3464.host(RFC3464.stripType(String(value)))
      } else if current != nil, ReportText.isBlank(line) || t.hasBytePrefix("Original-envelope-id") || t.hasBytePrefix("Reporting-MTA") {
        flush()
      }
    }
    flush()
    if report.recipients.isEmpty {
      guard let standard = mail.standardReport else { return nil }
      report.recipients = standard.recipients
    }
    return report
  }

  /// The value of a `Label: value` line, the label (lower case, ASCII) compared without case.
  static func field(_ label: String, _ line: Substring) -> Substring? {
    guard ReportText.hasPrefix(line, label) else { return nil }
    return ReportText.trimmed(line.dropFirst(label.count))
  }
}
