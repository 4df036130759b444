/// Yandex.Mail's bounces (`mailer-daemon@yandex.ru`, `X-Yandex-*` headers): a standard DSN
/// behind a Russian and English letter. The DSN says everything; the unit names the family.
enum Yandex: BounceFormat {
  static let name = "Yandex"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    return from.hasPrefix("mailer-daemon@") && (from.hasSuffix("yandex.ru") || from.hasSuffix("yandex.net") || from.hasSuffix("yandex.com"))
      && !mail.deliveryStatusParts.isEmpty
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    guard var report = mail.standardReport else { return nil }
    report.format = name
    return report
  }
}
