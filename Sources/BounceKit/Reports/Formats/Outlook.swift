/// The consumer Hotmail / Outlook.com service's older reports ("Delivery Status Notification
/// (Failure)" or "(Delay)" from postmaster@hotmail.com and its siblings): a plain RFC 3464
/// report, named here so that results say which service wrote it.
enum Outlook: BounceFormat {
  static let name = "Outlook"

  /// Domain name beginnings of the consumer service's senders.
  static let domains = ["hotmail.", "outlook.", "live.", "msn."]

  static func recognizes(_ mail: ParsedMail) -> Bool {
    guard mail.subject.hasBytePrefix("Delivery Status Notification"), !mail.deliveryStatusParts.isEmpty else { return false }
    let domain = mail.fromDomain
    if domains.contains(where: { domain.hasPrefix($0) || CaselessSearch.offset(of: "." + $0, in: domain) != nil }) { return true }
    // Hotmail's own anti-spam stamp beside the SMTP service's DSN context.
    return mail.header.has("x-message-delivery") && mail.header.has("x-dsncontext")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    guard var report = mail.standardReport else { return nil }
    report.format = name
    return report
  }
}
