/// Notices from the fml mailing-list manager (`X-MLServer: fml …`) that refuse a post: the
/// sender is not a member, the message loops, it is too big. The list's address, named in
/// angle brackets in the first paragraph, is the recipient that did not take the message:
///
///     You are not a member of this mailing list <list@example.org>.
///
/// The list's ordinary posts carry the same header, so the notice must also come from the
/// list's maintainer and read as a refusal.
enum FML: BounceFormat {
  static let name = "FML"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    // fml's own notices come from the list's maintainer address and, unlike the articles it
    // distributes, carry no article number.
    guard let server = mail.header["x-mlserver"], MTAText.contains(server, "fml"), mail.header["x-mail-count"] == nil else { return false }
    let from = mail.fromAddress
    return from.containsBytes("-admin@") || from.hasBytePrefix("owner-") || from.containsBytes("-request@") || from.containsBytes("fml")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    guard let first = lines.firstIndex(where: { !MTAText.isBlank($0) }) else { return nil }
    let end = lines[first...].firstIndex(where: MTAText.isBlank) ?? lines.endIndex
    let paragraph = MTAText.folded(lines[first..<end])
    let refusal: [StaticString] = [
      "not a member", "not member", "duplicated message-id", "loop alert", "reject", "denied", "not allowed", "too big", "size limit",
    ]
    let text = paragraph + " " + mail.subject
    guard refusal.contains(where: { CaselessSearch.offset(of: $0, in: text) != nil }) else { return nil }
    guard let address = Addresses.first(in: paragraph), Addresses.isMailbox(address) else { return nil }
    let r = RecipientReport(recipient: address, action: .failed, diagnostic: paragraph)
    return DeliveryReport(format: name, recipients: [r])
  }
}
