/// MailFoundry gateways: "Message delivery has failed", with "Unable to deliver message to:
/// <address>", "Delivery failed for the following reason:" and the remote server's answer
/// ("Server mx.example.jp[192.0.2.1] failed with: 550 …" or "mx.example.jp[192.0.2.1]
/// responded with failure: 552 …").
enum MailFoundry: BounceFormat {
  static let name = "MailFoundry"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if mail.subject == "Message delivery has failed" { return true }
    return mail.receivedTexts.contains { ReportText.contains($0, "(mailfoundry)") }
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.trimmedBodyLines
    var report = DeliveryReport(format: name)
    var i = 0
    while i < lines.count {
      guard let rest = ReportText.after("unable to deliver message to:", in: lines[i]), let address = ReportText.address(in: rest) else {
        i += 1
        continue
      }
      var block: [Substring] = []
      var j = i + 1
      while j < lines.count, ReportText.after("unable to deliver message to:", in: lines[j]) == nil,
        !ReportText.contains(lines[j], "this has been a permanent failure")
      {
        block.append(lines[j])
        j += 1
      }
      var r = ReportText.recipient(address, diagnostic: ReportText.joinAnswer(block))
      if let server = block.first(where: { ReportText.contains($0, " failed with:") || ReportText.contains($0, "responded with failure") }) {
        let words = ReportText.trimmed(server).split(separator: " ")
        let hostWord = words.first == "Server" && words.count > 1 ? words[1] : words.first ?? ""
        r.remoteMTA = ReportText.host(at: hostWord.prefix { $0 != "[" })
      }
      report.recipients.append(r)
      i = j
    }
    return report.recipients.isEmpty ? nil : report
  }
}
