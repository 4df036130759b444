/// Trend Micro InterScan Messaging Security Suite: a text part between rows of asterisks, either
/// an SMTP transcript ("Sent <<< RCPT TO:<address>" / "Received >>> 550 5.1.1 …") or the
/// sentence "Unable to deliver message to <address> (and other recipients in the same domain)."
enum InterScanMSS: BounceFormat {
  static let name = "InterScanMSS"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if ReportText.contains(mail.from, "interscan") { return true }
    let type = ReportText.contentType(of: mail)
    return ReportText.contains(type, "interscan")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.trimmedBodyLines
    var report = DeliveryReport(format: name)
    var i = 0
    while i < lines.count {
      let t = ReportText.trimmed(lines[i])
      if let command = SMTPCommand.sent(in: t), command == "RCPT", let address = ReportText.address(in: t) {
        // The answer is the following "Received >>>" line(s).
        var answer: [Substring] = []
        var j = i + 1
        while j < lines.count, let rest = ReportText.after("received >>> ", in: lines[j]) {
          answer.append(rest)
          j += 1
        }
        var r = ReportText.recipient(address, diagnostic: ReportText.joinAnswer(answer))
        r.command = command
        report.recipients.append(r)
        i = j
        continue
      }
      if let rest = ReportText.after("unable to deliver message to ", in: t), let address = ReportText.address(in: rest) {
        let sentence = ReportText.after("reason:", in: t).map { ReportText.trimmed($0) } ?? t
        report.recipients.append(ReportText.recipient(address, diagnostic: String(sentence)))
      }
      i += 1
    }
    return report.recipients.isEmpty ? nil : report
  }
}
