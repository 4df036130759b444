/// Yandex.Mail's bounces (`mailer-daemon@yandex.ru`, `X-Yandex-*` headers): a standard DSN
/// behind a Russian and English letter. The DSN says everything; the unit names the family.
enum Yandex: BounceFormat {
  static let name = "Yandex"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    return from.hasBytePrefix("mailer-daemon@") && (from.hasByteSuffix("yandex.ru") || from.hasByteSuffix("yandex.net") || from.hasByteSuffix("yandex.com"))
      && !mail.deliveryStatusParts.isEmpty
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    guard var report = mail.standardReport else { return nil }
    report.format = name
    return report
  }
}
