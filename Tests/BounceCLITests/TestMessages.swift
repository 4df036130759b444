/// Small bounces written for the command-line tests: one place for the DSN they share.
enum TestMessages {
  /// A Postfix-style DSN with one failed group per recipient, all with `status` and
  /// `diagnostic` and any `extraFields` (lines such as `Remote-MTA: dns; mx.example.com`),
  /// then a text part holding `tail`.
  static func dsn(
    _ recipients: [String], status: String = "5.1.1", diagnostic: String = "550 5.1.1 unknown",
    extraFields: String = "", tail: String = ""
  ) -> String {
    let groups = recipients.map {
      "Final-Recipient: rfc822; \($0)\nAction: failed\nStatus: \(status)\n\(extraFields)Diagnostic-Code: smtp; \(diagnostic)\n"
    }.joined(separator: "\n")
    return """
      From: MAILER-DAEMON@mx.example.jp
      To: sender@example.jp
      Subject: Undelivered Mail Returned to Sender
      Content-Type: multipart/report; report-type=delivery-status; boundary=b

      --b
      Content-Type: message/delivery-status

      Reporting-MTA: dns; mx.example.jp

      \(groups)
      --b
      Content-Type: text/plain

      \(tail)
      --b--

      """
  }
}
