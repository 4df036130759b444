/// Digital Arts m-FILTER (and mail gateways built on it): a Japanese notice ("このメールは
/// 「m-FILTER」が自動的に生成して送信しています。"), the failed addresses, then fixed English
/// section markers: "-------server message" (the server's answer), "-------SMTP command" (the
/// command it answered), "-------original message" or "-------original mail info".
enum MFilter: BounceFormat {
  static let name = "mFILTER"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    ReportText.contains(mail.mailer, "m-filter") || mail.lowerSubject == "failure notice"
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = ReportText.lines(of: mail, stoppingAt: ["-------original message", "-------original mail info"])
    guard let serverLine = ReportText.firstLine(in: lines, where: { ReportText.trimmed($0).hasBytePrefix("-------server message") })
    else { return nil }
    let commandLine = ReportText.firstLine(in: lines, from: serverLine + 1, where: { ReportText.trimmed($0).hasBytePrefix("-------SMTP command") })
    let answer = ReportText.joinAnswer(lines[(serverLine + 1)..<(commandLine ?? lines.count)])
    var command: String? = nil
    if let commandLine, let line = lines[(commandLine + 1)...].first(where: { !ReportText.isBlank($0) }) {
      command = SMTPCommand.named(line)
    }
    var report = DeliveryReport(format: name)
    for line in lines[..<serverLine] {
      let t = ReportText.trimmed(line)
      guard !t.containsByte(ASCII.space), t.containsByte(ASCII.at) else { continue }
      let address = Addresses.clean(t)
      guard Addresses.isPlausible(address) else { continue }
      var r = ReportText.recipient(address, diagnostic: answer)
      r.command = command
      report.recipients.append(r)
    }
    return report.recipients.isEmpty ? nil : report
  }
}
