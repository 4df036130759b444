/// The DragonFly Mail Agent (dma), the small MTA of DragonFly BSD and others: "There was an
/// error delivering your mail to <address>." followed by the remote server's answer
/// ("mx.example.jp [192.0.2.1] did not like our RCPT TO:" and the reply lines) or by dma's own
/// words, then "Message headers follow."
enum DragonFly: BounceFormat {
  static let name = "DragonFly"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if mail.receivedTexts.contains(where: { ReportText.contains($0, "dragonfly mail agent") }) { return true }
    return mail.subject == "Mail delivery failed" && mail.header.has("x-original-to")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = ReportText.lines(of: mail, stoppingAt: ["message headers follow"])
    var report = DeliveryReport(format: name)
    if let greeting = lines.first(where: { ReportText.contains($0, "dragonfly mail agent") }),
      let at = ReportText.after(" at ", in: greeting)
    {
      report.reportingMTA = ReportText.host(at: at)
    }
    var i = 0
    while i < lines.count {
      guard let rest = ReportText.after("error delivering your mail to ", in: lines[i]),
        let address = ReportText.address(in: rest)
      else {
        i += 1
        continue
      }
      // The explanation is the next paragraph (after one blank line), up to the next notice.
      var j = i + 1
      while j < lines.count, ReportText.isBlank(lines[j]) { j += 1 }
      var block: [Substring] = []
      while j < lines.count, !ReportText.contains(lines[j], "error delivering your mail to ") {
        block.append(lines[j])
        j += 1
      }
      report.recipients.append(recipient(address, block: block))
      i = j
    }
    if report.recipients.isEmpty, let original = mail.header["x-original-to"].flatMap({ Addresses.first(in: $0) }) {
      // A notice that does not name the recipient in its text: dma puts it in X-Original-To.
      guard lines.contains(where: { ReportText.contains($0, "dragonfly mail agent") }) else { return nil }
      report.recipients.append(recipient(original, block: []))
    }
    return report.recipients.isEmpty ? nil : report
  }

  /// One recipient from dma's explanation.
  static func recipient(_ address: String, block: [Substring]) -> RecipientReport {
    var r = ReportText.recipient(address, diagnostic: ReportText.joinAnswer(block))
    // `host [address] did not like our RCPT TO:` names both the server and the command.
    if let line = block.first(where: { ReportText.contains($0, "did not like our ") }) {
      r.remoteMTA = ReportText.host(at: line)
      if let phrase = ReportText.after("did not like our ", in: line) {
        r.command = SMTPCommand.named(phrase.prefix { $0 != ":" })
      }
    }
    return r
  }
}
