/// A qmail derivative's notice (Sisimai's "X4") that replaces qmail's greeting with its own
/// wording but keeps qmail's list and trailer:
///
///     Your mail message to the following address(es) could not be delivered. This
///     is a permanent error. …
///
///     <user@example.jp>:
///     child status 100...The e-mail message could not be delivered because the user's
///     mailfolder is full.
///
///     --- Below this line is a copy of the message.
enum X4QmailVariant: BounceFormat {
  static let name = "X4"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    mail.fromAddress.hasBytePrefix("mailer-daemon") || MTAText.contains(mail.subject, "failure notice")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    guard let intro = lines.prefix(40).firstIndex(where: { MTAText.contains($0, "your mail message to the following address") }),
      lines.contains(where: { $0.hasBytePrefix("--- Below this line is a copy of the message") })
    else { return nil }
    let recipients = AddressColonBlocks.recipients(in: lines[(intro + 1)...], action: .failed)
    return recipients.isEmpty ? nil : DeliveryReport(format: name, recipients: recipients)
  }
}
