/// An unnamed MTA's notice (Sisimai's "X2"; Yahoo! and others ran it):
///
///     Message from example.jp.
///     Unable to deliver message to the following address(es).
///
///     <user@example.jp>:
///     Sorry, your message to user@example.jp cannot be delivered. This account is over quota.
///
///     --- Original message follows.
enum X2UnableToDeliver: BounceFormat {
  static let name = "X2"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    BounceSigns.isFromDaemonOrPostmaster(mail)
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    guard let intro = lines.prefix(40).firstIndex(where: { MTAText.contains($0, "unable to deliver message to the following address") }) else { return nil }
    let recipients = AddressColonBlocks.recipients(in: lines[(intro + 1)...], action: .failed)
    return recipients.isEmpty ? nil : DeliveryReport(format: name, recipients: recipients)
  }
}
