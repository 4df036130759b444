/// Feedback reports: complaints and opt-outs sent back by mailbox providers.
///
/// - RFC 5965 ARF (`multipart/report; report-type=feedback-report`): the `Feedback-Type`,
///   `Source-IP` and the recipient in `Original-Rcpt-To` (one field per recipient), else in the
///   returned message's `To`/`Cc`, else in the older `Removal-Recipient` of opt-out reports.
/// - Microsoft's JMRP complaints (`Subject: complaint about message from <ip>`, the complained
///   message attached with an `X-HmXmrOriginalRecipient` header).
/// - Apple Mail's unsubscribe requests (`X-Apple-Unsubscribe: true`): an opt-out by the sender
///   of the request.
///
/// A report that names no recipient at all is still a report: it is given the placeholder
/// ``undisclosedRecipient`` so that it is not lost.
enum FeedbackLoop: BounceFormat {
  static let name = "Feedback-Loop"

  /// The recipient of a feedback report that names none. It is an address in the reserved
  /// `.invalid` domain (RFC 2606), so no mail can ever go to it, and it is the placeholder
  /// Sisimai, the most widely used bounce parser, reports in the same case: suppression lists
  /// and scripts written against Sisimai's output already recognise and skip it.
  static let undisclosedRecipient = "undisclosed-recipient-in-headers@libsisimai.org.invalid"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if !mail.feedbackParts.isEmpty { return true }
    if let unsubscribe = mail.header["x-apple-unsubscribe"], BounceText.contains(unsubscribe, "true") { return true }
    return mail.lowerSubject.hasBytePrefix("complaint about message from ")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    if let part = mail.feedbackParts.first { return readARF(mail, fields: DSNFields.fields(in: part.text).compactMap { $0 }) }
    if mail.header["x-apple-unsubscribe"] != nil {
      guard mail.fromAddress.containsByte(ASCII.at) else { return nil }
      let r = RecipientReport(recipient: mail.fromAddress, diagnostic: BounceText.joined(mail.bodyLines.prefix(20)), feedbackType: "opt-out")
      return DeliveryReport(kind: .feedback, format: name, recipients: [r])
    }
    return readJMRP(mail)
  }

  static func readARF(_ mail: ParsedMail, fields: [DSNFields.Field]) -> DeliveryReport? {
    let feedbackType = fields.value("feedback-type").map { String($0.prefix(while: { $0 != " " && $0 != ";" })).asciiLowercased } ?? "abuse"
    var recipients = fields.filter { $0.name == "original-rcpt-to" }.compactMap { BounceText.firstAddress(in: $0.value) }
    if recipients.isEmpty { recipients = originalRecipients(mail) }
    if recipients.isEmpty { recipients = fields.filter { $0.name == "removal-recipient" }.compactMap { BounceText.firstAddress(in: $0.value) } }
    if recipients.isEmpty { recipients = [undisclosedRecipient] }
    let sourceIP = fields.value("source-ip").map { RFC3464.host($0) }
    var report = DeliveryReport(kind: .feedback, format: name)
    report.reportingMTA = fields.value("reporting-mta").map(RFC3464.stripType)
    report.arrivalDate = fields.value("arrival-date") ?? fields.value("received-date")
    report.envelopeSender = fields.value("original-mail-from").flatMap { BounceText.firstAddress(in: $0) }
    let diagnostic = BounceText.joined(mail.bodyLines.prefix(40))
    var seen = Set<String>()
    for address in recipients where seen.insert(address.lowercased()).inserted {
      report.recipients.append(RecipientReport(recipient: address, diagnostic: diagnostic, remoteMTA: sourceIP, feedbackType: feedbackType))
    }
    return report
  }

  /// Microsoft's complaint format: the IP in the subject, the recipient in the attached message.
  static func readJMRP(_ mail: ParsedMail) -> DeliveryReport? {
    guard let header = mail.originalHeader else { return nil }
    var recipients = header.all("x-hmxmroriginalrecipient").compactMap { BounceText.firstAddress(in: $0.text) }
    if recipients.isEmpty { recipients = originalRecipients(mail) }
    guard !recipients.isEmpty else { return nil }
    let ip = String(mail.subject.dropFirst("complaint about message from ".count)).trimmingCharacters(in: " []")
    var report = DeliveryReport(kind: .feedback, format: name)
    for address in recipients {
      report.recipients.append(RecipientReport(recipient: address, diagnostic: mail.subject, remoteMTA: ip.isEmpty ? nil : ip, feedbackType: "abuse"))
    }
    return report
  }

  /// The addresses in the returned message's `To` and `Cc`.
  static func originalRecipients(_ mail: ParsedMail) -> [String] {
    guard let header = mail.originalHeader else { return [] }
    return (header.all("to") + header.all("cc")).flatMap { Addresses.all(in: $0.text) }
  }
}
