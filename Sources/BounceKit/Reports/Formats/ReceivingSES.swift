/// Amazon SES refusing mail on behalf of a domain that receives through it: a DSN from
/// `postmaster@<that domain>`, sent by SES (`X-SES-Outgoing`), reported by
/// `inbound-smtp.<region>.amazonaws.com`.
enum ReceivingSES: BounceFormat {
  static let name = "ReceivingSES"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    mail.header.has("x-ses-outgoing") && !mail.fromAddress.hasByteSuffix("amazonses.com")
      && !mail.deliveryStatusParts.isEmpty
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    guard var report = mail.standardReport, let mta = report.reportingMTA,
      mta.hasBytePrefix("inbound-smtp.") && mta.hasByteSuffix("amazonaws.com")
    else { return nil }
    report.format = name
    for i in report.recipients.indices {
      report.recipients[i].remoteMTA = report.recipients[i].remoteMTA ?? mta
    }
    return report
  }
}
