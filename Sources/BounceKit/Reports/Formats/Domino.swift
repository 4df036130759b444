/// IBM (Lotus) Domino: "DELIVERY FAILURE: …" or "DELIVERY_FAILURE: …", with a text part
/// "Your message … was not delivered to: <addresses> because: <reason>", the reason in the
/// server's language (often Japanese), and in newer versions a delivery-status part whose
/// `X-Notes` diagnostic repeats it.
enum Domino: BounceFormat {
  static let name = "Domino"
  /// Domino's "was not delivered to:" line names the address the sender used.
  static let textNamesRecipient = true

  static func recognizes(_ mail: ParsedMail) -> Bool {
    // Compared without ASCII case on the bytes: no upper-cased copy of every subject.
    mail.subject.withUTF8Bytes { s in
      s.startsIgnoringCase("delivery failure:") || s.startsIgnoringCase("delivery_failure:")
        || s.startsIgnoringCase("delivery report:") && mail.fromAddress.hasBytePrefix("postmaster@")
    }
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.trimmedBodyLines
    guard let toLine = ReportText.firstLine(in: lines, where: { ReportText.contains($0, "was not delivered to") }) else {
      return fallback(mail)
    }
    let becauseLine = ReportText.firstLine(in: lines, from: toLine + 1, where: { ReportText.hasPrefix(ReportText.trimmed($0), "because") })
    var addresses: [String] = []
    for line in lines[(toLine + 1)..<(becauseLine ?? lines.count)] {
      if let address = ReportText.address(in: line) { addresses.append(address) }
    }
    // The reason: the paragraph after "because:", up to the next blank line.
    let reason = becauseLine.map { Array(ReportText.paragraph(after: $0, in: lines)) } ?? []
    var report = DeliveryReport(format: name)
    let diagnostic = ReportText.joinAnswer(reason)
    for address in addresses {
      var r = ReportText.recipient(address, diagnostic: diagnostic)
      if let rest = ReportText.after("error transferring to ", in: Substring(diagnostic)) {
        r.remoteMTA = ReportText.host(at: rest)
      }
      report.recipients.append(r)
    }
    return report.recipients.isEmpty ? fallback(mail) : report
  }

  /// A Domino report whose text this reader does not follow: its delivery-status part.
  static func fallback(_ mail: ParsedMail) -> DeliveryReport? {
    guard var report = mail.standardReport else { return nil }
    report.format = name
    return report
  }
}
