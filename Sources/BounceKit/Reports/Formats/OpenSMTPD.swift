/// OpenSMTPD's notices ("Delivery status notification: error / failed / delayed"): a greeting
/// from the MAILER-DAEMON, then one line per recipient, `address: what went wrong`, where the
/// error is either the remote server's answer or OpenSMTPD's own words ("Domain does not exist",
/// "Envelope expired"). Newer versions add a delivery-status part, whose `Status` is only a
/// summary: the real answer is in these lines.
enum OpenSMTPD: BounceFormat {
  static let name = "OpenSMTPD"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    guard mail.lowerSubject.hasBytePrefix("delivery status notification") else { return false }
    return mail.receivedTexts.contains { ReportText.contains($0, "(opensmtpd)") }
      || mail.fromAddress.hasBytePrefix("mailer-daemon@") || ReportText.contains(mail.from, "mailer daemon")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = ReportText.lines(of: mail, stoppingAt: ["below is a copy of the original message"])
    guard let listStart = ReportText.firstLine(in: lines, where: { ReportText.contains($0, "list of recipients") }) else {
      return nil
    }
    let delayed = mail.lowerSubject.hasByteSuffix("delayed")
      || lines[..<listStart].contains { ReportText.contains($0, "message is delayed") }
    var report = DeliveryReport(format: name)
    var i = listStart + 1
    while i < lines.count, ReportText.isBlank(lines[i]) { i += 1 }
    while i < lines.count, !ReportText.isBlank(lines[i]) {
      if let r = recipient(lines[i], delayed: delayed) { report.recipients.append(r) }
      i += 1
    }
    return report.recipients.isEmpty ? nil : report
  }

  /// `user@example.jp: 550 5.1.1 <user@example.jp>... User Unknown`.
  static func recipient(_ line: Substring, delayed: Bool) -> RecipientReport? {
    let t = ReportText.trimmed(line)
    guard let colon = t.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    let address = Addresses.clean(t[..<colon])
    guard Addresses.isPlausible(address) else { return nil }
    let error = String(t[t.index(after: colon)...])
    var r = ReportText.recipient(address, diagnostic: error, action: delayed ? .delayed : .failed)
    if ReportText.contains(error, "envelope expired") {
      // OpenSMTPD writes an expired envelope on its delay template, but the envelope has left
      // the queue for good: the message failed, and "delivery time expired" is permanent now.
      r.action = .failed
      r.status = "5.4.7"
    }
    return r
  }
}
