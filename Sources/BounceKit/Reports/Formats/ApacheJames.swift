/// Apache James's notices, sent by its JavaMail mailet:
///
///     Error message below:
///     550 - Requested action not taken: no such user here
///
///     Message details:
///       Subject: …
///       MAIL FROM: sender@example.jp
///       RCPT TO: user@example.com
///
/// The recipients are the `RCPT TO` entries of the details; the answer is the error message.
enum ApacheJames: BounceFormat {
  static let name = "ApacheJames"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    MTAText.contains(mail.header["message-id"] ?? "", ".javamail.") || MTAText.contains(mail.subject, "[bounce]")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    guard let details = lines.firstIndex(where: { MTAText.trimmed($0) == "Message details:" }),
      let errorLine = lines.firstIndex(where: { MTAText.trimmed($0) == "Error message below:" }), errorLine < details
    else { return nil }
    let error = MTAText.folded(lines[(errorLine + 1)..<details].filter { !MTAText.isBlank($0) })
    var report = DeliveryReport(format: name)
    for line in lines[(details + 1)...] {
      let t = MTAText.trimmed(line)
      guard t.utf8.hasPrefixIgnoringCase("rcpt to:"), report.recipients.count < MTAText.maxRecipients else { continue }
      for address in Addresses.all(in: t.dropFirst(8)) where Addresses.isMailbox(address) {
        var r = RecipientReport(recipient: address, action: .failed, diagnostic: error, diagnosticType: "smtp")
        r.replyCode = SMTPCodes.leadingReplyCode(in: error)
        r.status = SMTPCodes.enhancedStatus(in: error)
        report.recipients.append(r)
      }
    }
    return report.recipients.isEmpty ? nil : report
  }
}
