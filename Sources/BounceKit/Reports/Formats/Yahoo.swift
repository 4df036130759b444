/// Yahoo! Mail's bounces (`Subject: Failure Notice`, an `X-YMailISG` header): a qmail-style
/// letter with one block per recipient, the server's answer tagged with the SMTP phase
/// (`[RCPT_TO]`, `[MAIL_FROM]`).
///
/// ```
/// Sorry, we were unable to deliver your message to the following address.
///
/// <user@example.jp>:
/// Remote host said: 550 5.1.1 <user@example.jp>... User Unknown [RCPT_TO]
///
/// --- Below this line is a copy of the message.
/// ```
enum Yahoo: BounceFormat {
  static let name = "Yahoo"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    guard mail.lowerSubject.hasBytePrefix("failure notice") else { return false }
    // `X-YMailISG` is added when the bounce lands in a Yahoo mailbox; elsewhere the sender
    // tells. Other qmail-style bounces share the subject: `read` checks Yahoo's own opening.
    return mail.header.has("x-ymailisg") || mail.header.has("x-yahoo-newman-property")
      || mail.fromDomain.containsBytes("yahoo")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.reportLines
    guard let start = lines.firstIndex(where: { BounceText.hasPrefix($0, "sorry, we were unable to deliver") }) else { return nil }
    let blocks = AddressBlock.read(lines[(start + 1)...], endAtBlank: true)
    guard !blocks.isEmpty else { return nil }
    var report = DeliveryReport(format: name)
    for block in blocks {
      let text = block.text
      var r = RecipientReport(recipient: block.address, action: .failed, diagnostic: text)
      ServerReply(text).fill(&r)
      if BounceText.contains(text, "[rcpt_to]") { r.command = "RCPT" }
      if BounceText.contains(text, "[mail_from]") { r.command = "MAIL" }
      report.recipients.append(r)
    }
    return report
  }
}
