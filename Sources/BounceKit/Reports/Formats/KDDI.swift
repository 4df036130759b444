/// au one net (KDDI, `no-reply@…dion.ne.jp`): a Japanese notice followed by the server's
/// English lines.
///
/// ```
/// 送信先のメールボックスが一杯のため、送信できませんでした。
/// …
/// Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
///      Could not be delivered to: <user@example.dion.ne.jp>
///      As their mailbox is full.
/// ```
enum KDDI: BounceFormat {
  static let name = "KDDI"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let domain = mail.fromDomain
    return domain == "dion.ne.jp" || domain.hasByteSuffix(".dion.ne.jp") || domain.hasByteSuffix(".kddi.com") || domain == "kddi.com"
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    var report = DeliveryReport(format: name)
    var current: Int? = nil
    var reasons: [[Substring]] = []
    for line in mail.reportLines {
      let t = BounceText.trimmed(line)
      if let rest = BounceText.after("could not be delivered to:", in: t), let address = BounceText.firstAddress(in: rest) {
        report.recipients.append(RecipientReport(recipient: address, action: .failed))
        reasons.append([])
        current = report.recipients.count - 1
      } else if t.isEmpty || BounceText.hasPrefix(t, "your mail sent on") {
        current = nil
      } else if let i = current {
        reasons[i].append(t)
      }
    }
    guard !report.recipients.isEmpty else { return nil }
    for i in report.recipients.indices {
      report.recipients[i].diagnostic = BounceText.joined(reasons[i])
      ServerReply(report.recipients[i].diagnostic).fill(&report.recipients[i])
    }
    return report
  }
}
