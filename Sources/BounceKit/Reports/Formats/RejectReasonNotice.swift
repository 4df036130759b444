/// A hosting provider's plain "email bounce notification" that states the refusal in two
/// labelled lines (after a notice in another language and an English one):
///
///     reject reason: Mailbox full
///     target mail address: user@example.jp
enum RejectReasonNotice: BounceFormat {
  static let name = "RejectReasonNotice"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    MTAText.contains(mail.subject, "bounce notification") || BounceSigns.isFromDaemonOrPostmaster(mail)
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    var reason: String? = nil
    var report = DeliveryReport(format: name)
    for line in mail.bodyLines {
      // Both labels open with `r` or `t`: other lines are turned away before any trimming.
      guard let lead = line.utf8.first(where: { !ASCII.isSpace($0) }), ASCII.lower(lead) == UInt8(ascii: "r") || ASCII.lower(lead) == UInt8(ascii: "t")
      else { continue }
      let t = MTAText.trimmed(line)
      if t.utf8.hasPrefixIgnoringCase("reject reason:") {
        reason = String(MTAText.trimmed(t.dropFirst(14)))
      } else if t.utf8.hasPrefixIgnoringCase("target mail address:"), let reason, report.recipients.count < MTAText.maxRecipients,
        let address = Addresses.first(in: t.dropFirst(20)), Addresses.isMailbox(address)
      {
        var r = RecipientReport(recipient: address, action: .failed, diagnostic: reason)
        r.replyCode = SMTPCodes.leadingReplyCode(in: reason)
        r.status = SMTPCodes.enhancedStatus(in: reason)
        report.recipients.append(r)
      }
    }
    return report.recipients.isEmpty ? nil : report
  }
}
