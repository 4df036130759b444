/// Amazon WorkMail's bounces (`X-Mailer: Amazon WorkMail`, sent through SES): a letter whose
/// "Technical report:" holds DSN fields as plain text.
///
/// ```
/// An error occurred while trying to deliver the mail to the following recipients:
/// user@example.jp
///
/// Technical report:
///
/// Reporting-MTA: dsn; a27-85.smtp-out.us-west-2.amazonses.com
///
/// Action: failed
/// Final-Recipient: rfc822; user@example.jp
/// Diagnostic-Code: smtp; 550 5.1.1 <user@example.jp>... User Unknown
/// Status: 5.1.1
/// ```
enum AmazonWorkMail: BounceFormat {
  static let name = "AmazonWorkMail"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    guard let mailer = mail.header["x-mailer"] else { return false }
    return BounceText.contains(mailer, "amazon workmail") && mail.fromAddress.hasBytePrefix("mailer-daemon@")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.reportLines
    let dsn = TextDSN.recipients(in: lines)
    var report = DeliveryReport(format: name, recipients: dsn.recipients)
    report.reportingMTA = dsn.fields.message.value("reporting-mta").map(RFC3464.stripType)
    if report.recipients.isEmpty, let standard = mail.standardReport { report.recipients = standard.recipients }
    guard !report.recipients.isEmpty else { return nil }
    for i in report.recipients.indices {
      // SES carries WorkMail's mail and quotes the remote answer the same way.
      AmazonSES.quotedAnswer(&report.recipients[i])
    }
    return report
  }
}
