/// The recipient list of qmail-style notices, written by several MTAs that are not qmail:
///
///     <user@example.jp>:
///     Sorry, your message to user@example.jp cannot be delivered. (#5.1.1)
///
///     <other@example.jp>:
///     192.0.2.1 does not like recipient.
///     Remote host said: 550 5.1.1 <other@example.jp>: Recipient address rejected
///
/// Each entry starts with `<address>:` at the start of a line; its text runs to the next
/// blank line or entry. The list ends at a `---` line (`--- Below this line is a copy of the
/// message.`, `--- Original message follows.`).
enum AddressColonBlocks {
  /// The recipients listed in `lines`, each with the facts its text states.
  static func recipients(in lines: ArraySlice<Substring>, action: DeliveryAction) -> [RecipientReport] {
    var out: [RecipientReport] = []
    var address: String? = nil
    var text: [Substring] = []
    func flush() {
      guard let a = address, out.count < MTAText.maxRecipients else { return }
      out.append(recipient(a, text: MTAText.folded(text), action: action))
      address = nil
      text = []
    }
    for line in lines {
      let t = MTAText.trimmed(line)
      if t.hasBytePrefix("---") { break }
      if line.utf8.first == UInt8(ascii: "<"), let gt = t.utf8.firstIndex(of: UInt8(ascii: ">")), t[gt...].hasBytePrefix(">:"),
        let a = Addresses.first(in: t[...gt]), Addresses.isMailbox(a)
      {
        flush()
        address = a
        let rest = MTAText.trimmed(t[t.index(gt, offsetBy: 2)...])
        if !rest.isEmpty { text.append(rest) }
      } else if t.isEmpty {
        flush()
      } else if address != nil {
        text.append(t)
      }
    }
    flush()
    return out
  }

  /// One entry's facts: the reply and enhanced codes anywhere in its text, the host that
  /// answered when the text names it.
  static func recipient(_ address: String, text: String, action: DeliveryAction) -> RecipientReport {
    var r = RecipientReport(recipient: address, action: action, diagnostic: text)
    let t = text[...]
    if let said = MTAText.after("remote host said:", in: t) ?? MTAText.after(" said: ", in: t) {
      r.replyCode = MTAText.replyCode(in: String(said))
    } else {
      r.replyCode = SMTPCodes.leadingReplyCode(in: text)
    }
    r.status = SMTPCodes.enhancedStatus(in: text)
    r.remoteMTA = MTAText.hostAfterWordHost(in: t) ?? MTAText.after("giving up on ", in: t).flatMap(MTAText.leadingHost)
      ?? MTAText.after("connected to ", in: t).flatMap(MTAText.leadingHost)
    if r.replyCode != nil { r.diagnosticType = "smtp" }
    return r
  }
}
