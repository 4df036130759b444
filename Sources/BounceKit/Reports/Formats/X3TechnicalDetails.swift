/// An unnamed MTA's notice (Sisimai's "X3"):
///
///           This is an automatically generated Delivery Status Notification.
///
///     Delivery to the following recipients failed permanently:
///
///        * user@example.jp
///
///     ===========================================================
///                               Technical details:
///
///     SMTP:RCPT host 192.0.2.1: 553 5.3.0 <user@example.jp>... No such user here
///
/// Some notices have no technical details but an RFC 3464 part, merged in by
/// ``ReportReader``.
enum X3TechnicalDetails: BounceFormat {
  static let name = "X3"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    MTAText.contains(mail.subject, "delivery status notification") || MTAText.contains(mail.from, "mail delivery system")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    guard lines.prefix(10).contains(where: { MTAText.contains($0, "this is an automatically generated delivery status notification") }),
      let list = lines.firstIndex(where: { MTAText.contains($0, "to the following recipients") })
    else { return nil }
    var addresses: [String] = []
    var details: [String] = []
    var inDetails = false
    for line in lines[(list + 1)...] {
      let t = MTAText.trimmed(line)
      if MTAText.contains(t, "technical details") {
        inDetails = true
      } else if t.hasBytePrefix("=====") {
        if inDetails { break }
      } else if inDetails {
        if !t.isEmpty, details.count < 200 { details.append(String(t)) }
      } else if t.hasBytePrefix("* "), addresses.count < 500, let a = Addresses.first(in: t.dropFirst(2)), Addresses.isMailbox(a) {
        addresses.append(a)
      }
    }
    var report = DeliveryReport(format: name)
    for address in addresses {
      var r = RecipientReport(recipient: address, action: .failed)
      // The detail line naming this address, else the only one there is.
      let key = address.lowercased()
      if let d = details.first(where: { $0.lowercased().contains(key) }) ?? (details.count == 1 ? details.first : nil) {
        read(d[...], into: &r)
      }
      report.recipients.append(r)
    }
    return report.recipients.isEmpty ? nil : report
  }

  /// `SMTP:RCPT host 192.0.2.1: 553 5.3.0 …` or `Routing: Could not find a gateway for …`.
  static func read(_ d: Substring, into r: inout RecipientReport) {
    r.diagnostic = String(d)
    if let smtp = MTAText.after("smtp:", in: d) {
      r.command = MTAText.smtpCommand(smtp)
      r.remoteMTA = MTAText.hostAfterWordHost(in: smtp)
      if let colon = MTAText.range(of: ": ", in: smtp) {
        let answer = String(MTAText.trimmed(smtp[colon.upperBound...]))
        r.diagnostic = answer
        r.replyCode = SMTPCodes.leadingReplyCode(in: answer)
        r.diagnosticType = "smtp"
      }
    }
    r.status = SMTPCodes.enhancedStatus(in: r.diagnostic)
  }
}
