/// Mail.Ru's bounces (`mailer-daemon@corp.mail.ru`): an Exim report written twice, in Russian
/// and in English, one indented block per recipient.
///
/// ```
///   user@example.jp
///     SMTP error from remote mail server after RCPT TO:<user@example.jp>:
///     host mx.example.jp [192.0.2.1]: 550 5.1.1 <user@example.jp>... User Unknown
/// ```
enum MailRu: BounceFormat {
  static let name = "MailRu"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    return from.hasBytePrefix("mailer-daemon@") && (from.hasByteSuffix("@mail.ru") || from.hasByteSuffix(".mail.ru"))
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let blocks = AddressBlock.read(mail.reportLines, endAtBlank: true)
    guard !blocks.isEmpty else { return nil }
    var report = DeliveryReport(format: name)
    for block in blocks {
      report.recipients.append(EximStyle.recipient(block))
    }
    return report
  }
}

/// Reading one Exim-style recipient block (Mail.Ru, GMX, 1&1 and other Exim-based services):
/// `SMTP error from remote mail server after <command>: host <name> [<ip>]: <answer>`.
enum EximStyle {
  /// The recipient record for `block`.
  static func recipient(_ block: AddressBlock) -> RecipientReport {
    let text = block.text
    var r = RecipientReport(recipient: block.address, action: .failed, diagnostic: text)
    let sub = Substring(text)
    r.remoteMTA = BounceText.host(after: "host: ", in: sub) ?? BounceText.host(after: "host ", in: sub)
    // The answer follows the host's address; codes before it belong to the command.
    let answer = BounceText.after("]: ", in: sub) ?? sub
    ServerReply(answer).fill(&r)
    r.command = ServerReply.command(in: sub)
    if BounceText.contains(text, "delayed") || BounceText.contains(text, "temporary") && !BounceText.contains(text, "retry timeout exceeded") {
      r.action = .delayed
    }
    return r
  }
}
