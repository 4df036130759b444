/// MX Logic (McAfee SaaS Email Protection), an Exim derivative: "This message was created
/// automatically by mail delivery software.", then `<address>: answer` lines after "The
/// following address failed:", the answer sometimes wrapped onto following lines.
enum MXLogic: BounceFormat {
  static let name = "MXLogic"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if mail.header.has("x-mx-bounce") || mail.header.has("x-mxl-notehash") { return true }
    let id = mail.lowerMessageID
    return id.hasBytePrefix("<mxl~") || ReportText.contains(mail.from, "mxlogic.net")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = ReportText.lines(of: mail, stoppingAt: ["included is a copy of the message", "------ this is a copy of the message"])
    guard let start = ReportText.firstLine(in: lines, where: {
      ReportText.contains($0, "following address failed") || ReportText.contains($0, "following addresses failed")
    }) else { return nil }
    let permanent = lines[..<start].contains { ReportText.contains($0, "permanent error") }
      || ReportText.contains(lines[start], "permanent error")
    var report = DeliveryReport(format: name)
    var i = start + 1
    while i < lines.count {
      let t = ReportText.trimmed(lines[i])
      guard t.hasBytePrefix("<"), let close = t.utf8.firstIndex(of: UInt8(ascii: ">")), t[close...].hasBytePrefix(">:") else {
        i += 1
        continue
      }
      let address = Addresses.clean(t[t.index(after: t.startIndex)..<close])
      var block: [Substring] = [t[t.index(close, offsetBy: 2)...]]
      var j = i + 1
      while j < lines.count, !ReportText.isBlank(lines[j]), !ReportText.trimmed(lines[j]).hasBytePrefix("<") || !lines[j].containsBytes(">:") {
        block.append(lines[j])
        j += 1
      }
      if Addresses.isPlausible(address) {
        var r = ReportText.recipient(address, diagnostic: ReportText.joinAnswer(block), action: permanent ? .failed : nil)
        r.command = SMTPCommand.mentioned(in: r.diagnostic)
        report.recipients.append(r)
      }
      i = j
    }
    return report.recipients.isEmpty ? nil : report
  }
}
