/// Active!hunter, a Japanese mail filter (`X-AHMAILID`, boundaries `----=_Active!Hunter_…`):
/// a Sendmail-style notice, "----- The following addresses had permanent fatal errors -----",
/// `>>> address <address>` lines, then "----- Transcript of session follows -----" with the
/// remote server's answer.
enum Activehunter: BounceFormat {
  static let name = "Activehunter"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if mail.header.has("x-ahmailid") { return true }
    let type = ReportText.contentType(of: mail)
    return type.containsBytes("Active!Hunter")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.trimmedBodyLines
    guard let listStart = ReportText.firstLine(in: lines, where: { ReportText.contains($0, "following addresses had") }) else {
      return nil
    }
    let transcript = ReportText.firstLine(in: lines, from: listStart + 1, where: { ReportText.contains($0, "transcript of session follows") })
    var addresses: [String] = []
    for line in lines[(listStart + 1)..<(transcript ?? lines.count)] {
      let t = ReportText.trimmed(line)
      guard t.hasBytePrefix(">>>") || t.hasBytePrefix("<"), let address = ReportText.address(in: t) else { continue }
      addresses.append(address)
    }
    let answer = transcript.map { Array(ReportText.paragraph(after: $0, in: lines)) } ?? []
    let diagnostic = ReportText.joinAnswer(answer)
    let permanent = ReportText.contains(lines[listStart], "permanent")
    var report = DeliveryReport(format: name)
    for address in addresses {
      report.recipients.append(ReportText.recipient(address, diagnostic: diagnostic, action: permanent ? .failed : nil))
    }
    return report.recipients.isEmpty ? nil : report
  }
}
