/// Zoho Mail's bounces (`mailer-daemon@mail.zoho.com`, an `X-ZohoMail` header): one line per
/// recipient, the address first, the codes after `ERROR_CODE :`.
///
/// ```
/// user@example.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <user@example.jp>... User Unknown
/// ```
///
/// Delay warnings list `[Status: Error, Address: <user@example.jp>, ResponseCode 421, , Host not
/// reachable.]`.
enum Zoho: BounceFormat {
  static let name = "Zoho"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    return from.hasBytePrefix("mailer-daemon@") && (mail.header.has("x-zohomail") || from.hasByteSuffix("zoho.com") || from.hasByteSuffix("zohomail.com"))
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let delay = BounceText.contains(mail.subject, "delay")
    var report = DeliveryReport(format: name)
    var seen = Set<String>()
    for line in mail.reportLines {
      let t = BounceText.trimmed(line)
      var address: String? = nil
      var diagnostic = t
      if let rest = BounceText.after("address: ", in: t), BounceText.contains(t, "status:") {
        address = BounceText.firstAddress(in: rest.prefix(while: { $0 != "," }))
      } else if BounceText.contains(t, "error_code"), let space = t.utf8.firstIndex(of: UInt8(ascii: " ")) {
        address = BounceText.loneAddress(t[..<space])
        diagnostic = t[t.index(after: space)...]
      }
      guard let address, seen.insert(address.lowercased()).inserted else { continue }
      let text = String(diagnostic).foldingWhitespace
      var r = RecipientReport(recipient: address, action: delay ? .delayed : .failed, diagnostic: text)
      ServerReply(text).fill(&r)
      r.remoteMTA = mail.header["received"].flatMap { BounceText.host(after: " by ", in: Substring($0)) }
      report.recipients.append(r)
    }
    return report.recipients.isEmpty ? nil : report
  }
}
