/// qmail-send bounces, and those of its descendants that keep its text (netqmail, notqmail,
/// s/qmail, IndiMail): "Hi. This is the qmail-send program at …", then one block per recipient
/// that starts with `<address>:` and holds qmail-remote's account of the failure.
///
/// qmail gives up for good before it writes this message, so every recipient is `failed`, even
/// when the last answer it got was a temporary one.
enum Qmail: BounceFormat {
  static let name = "qmail"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if mail.lowerSubject == "failure notice" { return true }
    if mail.header.has("x-bounced-address") { return true }
    return mail.receivedTexts.contains { ReportText.contains($0, "invoked for bounce") }
  }

  /// Lines that start the copy of the original message.
  static let endMarkers = [
    "--- below this line is a copy of the message", "--- enclosed is a copy of the message",
    "--- below this line is the original message", "--- original message follows",
  ]

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = ReportText.lines(of: mail, stoppingAt: endMarkers)
    // The greeting names the program; without it this is some other "failure notice".
    guard lines.contains(where: { ReportText.contains($0, "qmail-send program") || ReportText.contains($0, "qmail-send ") })
    else { return nil }
    var report = DeliveryReport(format: name)
    if let greeting = lines.first(where: { ReportText.contains($0, " program at ") }),
      let at = ReportText.after(" program at ", in: greeting)
    {
      report.reportingMTA = ReportText.host(at: at)
    }
    for (address, block) in ReportText.addressBlocks(lines, heading: recipientAddress) {
      report.recipients.append(recipient(address, block: Array(block)))
    }
    return report.recipients.isEmpty ? nil : report
  }

  /// `<user@example.jp>:` → `user@example.jp`.
  static func recipientAddress(_ line: Substring) -> String? {
    let t = ReportText.trimmed(line)
    guard t.hasBytePrefix("<"), t.hasByteSuffix(">:") else { return nil }
    let inner = t.dropFirst().dropLast(2)
    guard inner.containsByte(ASCII.at), !inner.containsByte(ASCII.space) else { return nil }
    return String(inner)
  }

  /// One recipient from the lines qmail-remote wrote about it.
  static func recipient(_ address: String, block: [Substring]) -> RecipientReport {
    let diagnostic = ReportText.joinAnswer(block)
    var r = ReportText.recipient(address, diagnostic: diagnostic)
    r.command = command(in: diagnostic)
    r.remoteMTA = remoteHost(in: diagnostic)
    return r
  }

  /// qmail-remote names the stage of the dialogue in fixed English sentences.
  static func command(in text: String) -> String? {
    if let progress = ReportText.after("most progress was ", in: Substring(text)) {
      return SMTPCommand.named(progress.prefix(12))
    }
    if ReportText.contains(text, "does not like recipient") { return "RCPT" }
    if ReportText.contains(text, "sender was rejected") { return "MAIL" }
    if ReportText.contains(text, "my name was rejected") { return "EHLO" }
    if ReportText.contains(text, "failed after i sent the message") || ReportText.contains(text, "failed on data command") {
      return "DATA"
    }
    if ReportText.contains(text, "greeting failed") { return "CONN" }
    return nil
  }

  /// The part of `s` at byte offsets `range`.
  private static func substring(_ s: Substring, _ range: Range<Int>) -> Substring {
    let u = s.utf8
    let start = u.index(u.startIndex, offsetBy: range.lowerBound)
    return s[start..<u.index(start, offsetBy: range.count)]
  }

  /// The host qmail-remote talked to: `remote host X said`, `Connected to X but …`,
  /// `X does not like recipient`, `X failed after I sent the message`, `Giving up on X`.
  static func remoteHost(in text: String) -> String? {
    let s = Substring(text)
    for marker in ["remote host ", "connected to "] {
      if let rest = ReportText.after(marker, in: s), let host = ReportText.host(at: rest) { return host }
    }
    // The words as byte ranges: `X does not …` and `X failed after|on …` name the host X.
    let hostWord: Range<Int>? = s.withUTF8Bytes { b in
      var words: [Range<Int>] = []
      var start = 0
      for i in 0...b.count where i == b.count || b[i] == ASCII.space {
        if i > start { words.append(start..<i) }
        start = i + 1
      }
      func word(_ k: Int, is text: StaticString) -> Bool {
        guard k < words.count, words[k].count == text.utf8CodeUnitCount else { return false }
        let p = text.utf8Start
        for (n, at) in words[k].enumerated() where b[at] != p[n] { return false }
        return true
      }
      for k in words.indices where k > 0 {
        if (word(k, is: "does") && word(k + 1, is: "not")) || (word(k, is: "failed") && (word(k + 1, is: "after") || word(k + 1, is: "on"))) {
          if ReportText.host(at: Self.substring(s, words[k - 1])) != nil { return words[k - 1] }
        }
      }
      return nil
    }
    if let hostWord { return ReportText.host(at: Self.substring(s, hostWord)) }
    if let rest = ReportText.after("giving up on ", in: s) { return ReportText.host(at: rest) }
    return nil
  }
}
