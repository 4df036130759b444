/// Ipswitch IMail Server (`X-Mailer: <SMTP32 v…>`), "Undeliverable Mail": one line per
/// recipient, `Reason: address` ("Unknown user: …", "User mailbox exceeds allowed size: …",
/// "Delivery failed 20 attempts: …"), or "undeliverable to address" followed by the remote
/// server's answer after "Body of message generated response:"; then "Original message follows."
enum IMailServer: BounceFormat {
  static let name = "IMailServer"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    ReportText.contains(mail.mailer, "<smtp32 v")
  }

  /// Labels of the copy of the original header some versions print above the notice.
  static let headerLabels: Set<String> = ["to", "cc", "bcc", "from", "sender", "reply-to", "date", "subject"]

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = ReportText.lines(of: mail, stoppingAt: ["original message follows"])
    var report = DeliveryReport(format: name)
    var i = 0
    while i < lines.count {
      let t = ReportText.trimmed(lines[i])
      if let rest = ReportText.after("undeliverable to ", in: t), let address = ReportText.address(in: rest) {
        // The answer follows in the next paragraphs, up to the next recipient or the end.
        var block: [Substring] = []
        var j = i + 1
        while j < lines.count, ReportText.after("undeliverable to ", in: lines[j]) == nil {
          block.append(lines[j])
          j += 1
        }
        report.recipients.append(ReportText.recipient(address, diagnostic: ReportText.joinAnswer(block)))
        i = j
        continue
      }
      if let colon = t.utf8.lastIndex(of: UInt8(ascii: ":")), colon > t.startIndex {
        let tail = ReportText.trimmed(t[t.index(after: colon)...])
        let label = String(t[..<colon]).asciiLowercased
        if !headerLabels.contains(label), !tail.containsByte(ASCII.space), tail.containsByte(ASCII.at), Addresses.isPlausible(Addresses.clean(tail)) {
          // IMail writes this notice once it has given up, retries included.
          report.recipients.append(ReportText.recipient(Addresses.clean(tail), diagnostic: String(t)))
        }
      }
      i += 1
    }
    return report.recipients.isEmpty ? nil : report
  }
}
