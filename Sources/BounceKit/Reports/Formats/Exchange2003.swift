/// Microsoft Exchange 5.5 / 2000 / 2003 and its Internet Mail Service / Connector: "Your message
/// … did not reach the following recipient(s):" (or "The following recipient(s) could not be
/// reached:"), then per recipient `address on <date>` and indented lines ending in an
/// `MSEXCH:…` line with Exchange's own error number, such as `(000C05A6) Unknown Recipient`.
/// These reports carry no SMTP codes.
enum Exchange2003: BounceFormat {
  static let name = "Exchange2003"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if mail.header.has("x-ms-embedded-report") { return true }
    let mailer = mail.mailer
    if ReportText.contains(mailer, "internet mail service") || ReportText.contains(mailer, "exchange server internet mail connector") {
      return true
    }
    return mail.receivedTexts.contains { t in
      return ReportText.contains(t, "with internet mail service") || ReportText.contains(t, "exchange server internet mail connector")
    }
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.trimmedBodyLines
    guard let start = ReportText.firstLine(in: lines, where: {
      ReportText.contains($0, "did not reach the following recipient") || ReportText.contains($0, "could not be reached")
    }) else { return nil }
    var report = DeliveryReport(format: name)
    for (address, lines) in ReportText.addressBlocks(lines, from: start + 1, heading: recipientAddress) {
      var block: [Substring] = []
      var inTrackingID = false
      for line in lines {
        // The MTS-ID of the original message (a tracking id, often wrapped onto an unindented
        // line) says nothing about the failure.
        if ReportText.contains(line, "the mts-id of the original message") {
          inTrackingID = true
          continue
        }
        if inTrackingID, let first = line.first, first != " ", first != "\t" { continue }
        inTrackingID = false
        block.append(line)
      }
      report.recipients.append(ReportText.recipient(address, diagnostic: ReportText.joinAnswer(block)))
    }
    return report.recipients.isEmpty ? nil : report
  }

  /// `user@example.jp on Thu, 29 Apr 2010 …` (possibly indented) → `user@example.jp`.
  static func recipientAddress(_ line: Substring) -> String? {
    let t = ReportText.trimmed(line)
    // Such a line holds an `@` and the bytes ` on`: most lines are turned away on those
    // before they are split by character.
    guard t.containsByte(ASCII.at), t.containsBytes(" on") else { return nil }
    let words = t.split(separator: " ", maxSplits: 2)
    guard words.count >= 2, words[1] == "on", words[0].containsByte(ASCII.at) else { return nil }
    let address = Addresses.clean(words[0])
    return Addresses.isPlausible(address) ? address : nil
  }
}
