/// McAfee Email Gateway / Email and Web Security appliances (`X-NAI-Header`): a "Delivery
/// Status" message with a `deliveryproblems.txt` part listing `<address>   (reason)` and a
/// loosely written delivery-status part (often only `Original-Recipient`).
enum McAfee: BounceFormat {
  static let name = "McAfee"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    ReportText.contains(mail.header["x-nai-header"] ?? "", "mcafee")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    var report = DeliveryReport(format: name)
    for line in mail.trimmedBodyLines {
      let t = ReportText.trimmed(line)
      // `<user@example.jp>   (Unknown user user@example.jp)`
      guard t.hasBytePrefix("<"), let close = t.utf8.firstIndex(of: UInt8(ascii: ">")) else { continue }
      let address = Addresses.clean(t[t.index(after: t.startIndex)..<close])
      guard Addresses.isPlausible(address) else { continue }
      var reason = ReportText.trimmed(t[t.index(after: close)...])
      if reason.hasBytePrefix("("), reason.hasByteSuffix(")") { reason = reason.dropFirst().dropLast() }
      report.recipients.append(ReportText.recipient(address, diagnostic: String(reason)))
    }
    if report.recipients.isEmpty {
      guard let standard = mail.standardReport else { return nil }
      report.recipients = standard.recipients
    }
    return report
  }
}
