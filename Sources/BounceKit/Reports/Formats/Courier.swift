/// The Courier mail server's notices ("NOTICE: mail delivery status.").
///
///     Your message to the following recipients cannot be delivered:
///
///     <user@example.jp>:
///         mx.example.jp [192.0.2.1]:
///     >>> RCPT TO:<user@example.jp>
///     <<< 550 5.1.1 <user@example.jp>... User Unknown
///
/// The RFC 3464 part beside it has the address and a summary status; the text adds the
/// host, the command and the whole answer.
enum Courier: BounceFormat {
  static let name = "Courier"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    MTAText.contains(mail.subject, "notice: mail delivery status")
      || mail.root.contentType[parameter: "boundary"].map { MTAText.contains($0, "=_courier_") } == true
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    guard lines.contains(where: { MTAText.contains($0, "courier mail server") || MTAText.contains($0, "cannot be delivered:")
      || MTAText.contains($0, "have been delayed:") || MTAText.contains($0, "successfully delivered") })
    else { return nil }
    let delayed = lines.contains { MTAText.contains($0, "have been delayed:") }
    var report = DeliveryReport(format: name)
    var current: RecipientReport? = nil
    var answer: [Substring] = []
    func close() {
      guard var r = current, report.recipients.count < MTAText.maxRecipients else { return }
      if !answer.isEmpty {
        let text = MTAText.joiningReplyLines(MTAText.folded(answer))
        r.diagnostic = text
        r.replyCode = SMTPCodes.leadingReplyCode(in: text)
        r.status = SMTPCodes.enhancedStatus(in: text)
        r.diagnosticType = "smtp"
      }
      report.recipients.append(r)
      current = nil
      answer = []
    }
    for line in lines {
      let t = MTAText.trimmed(line)
      if line.utf8.first == UInt8(ascii: "<"), !line.hasBytePrefix("<<<"), t.hasByteSuffix(">:"), let address = Addresses.first(in: t), Addresses.isMailbox(address) {
        close()
        current = RecipientReport(recipient: address, action: delayed ? .delayed : .failed)
      } else if current != nil {
        if t.hasBytePrefix(">>>") {
          current?.command = MTAText.smtpCommand(t.dropFirst(3))
          answer = []
        } else if t.hasBytePrefix("<<<") {
          answer.append(MTAText.trimmed(t.dropFirst(3)))
        } else if MTAText.indentation(line) > 0, t.hasByteSuffix(":"), current?.remoteMTA == nil {
          current?.remoteMTA = MTAText.leadingHost(t)
        } else if t.hasBytePrefix("---") || (t.isEmpty && !answer.isEmpty) {
          close()
        }
      }
    }
    close()
    return report.recipients.isEmpty ? nil : report
  }
}
