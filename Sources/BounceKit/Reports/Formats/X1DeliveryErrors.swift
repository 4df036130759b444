/// An unnamed MTA's notice (Sisimai's "X1"; the older ones pass through an OpenMail gateway)
/// that lists each failed address with its reason in brackets:
///
///     ---The following addresses had delivery errors---
///
///     user@example.jp [User unknown]
enum X1DeliveryErrors: BounceFormat {
  static let name = "X1"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    mail.fromAddress.hasBytePrefix("mailer-daemon") || MTAText.contains(mail.from, "mail deliver")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    guard let marker = lines.firstIndex(where: { MTAText.contains($0, "---the following addresses had delivery errors---") }) else { return nil }
    let delayed = MTAText.contains(mail.subject, "could not send mail for past")
    var report = DeliveryReport(format: name)
    for line in lines[(marker + 1)...] {
      let t = MTAText.trimmed(line)
      if t.isEmpty { if report.recipients.isEmpty { continue } else { break } }
      guard report.recipients.count < MTAText.maxRecipients,
        let address = Addresses.first(in: t.split(separator: " ").first ?? t), Addresses.isMailbox(address)
      else { break }
      var r = RecipientReport(recipient: address, action: delayed ? .delayed : .failed)
      if let open = t.utf8.firstIndex(of: UInt8(ascii: "[")), let close = t.utf8.lastIndex(of: UInt8(ascii: "]")), open < close {
        r.diagnostic = String(t[t.index(after: open)..<close]).foldingWhitespace
        r.replyCode = SMTPCodes.leadingReplyCode(in: r.diagnostic)
        r.status = SMTPCodes.enhancedStatus(in: r.diagnostic)
      }
      report.recipients.append(r)
    }
    return report.recipients.isEmpty ? nil : report
  }
}
