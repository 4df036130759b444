/// An unnamed MTA's notice (Sisimai's "X6"), "There was an error sending your mail":
///
///     We had trouble delivering your message. Full details follow:
///
///     1 error(s):
///
///     SMTP Server <mx.example.jp> rejected recipient <user@example.jp> (Error following
///     RCPT command). It responded as follows: [550 5.1.1 User unknown]
///
/// or `The following recipients returned permanent errors: user@example.jp. Reason: SMTP
/// Server <192.0.2.1> refused to accept your message (DATA), with the following error
/// message: [554 5.4.6 Hop count exceeded - possible mail loop]`. The server's answer is the
/// last bracketed text of each error paragraph.
enum X6TroubleDelivering: BounceFormat {
  static let name = "X6"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    MTAText.contains(mail.subject, "there was an error sending your mail") || mail.fromAddress.hasBytePrefix("mailer-daemon")
      || MTAText.contains(mail.from, "mailer-daemon")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    guard let start = lines.firstIndex(where: { MTAText.contains($0, "we had trouble delivering your message") }) else { return nil }
    var report = DeliveryReport(format: name)
    var paragraph: [Substring] = []
    func flush() {
      defer { paragraph = [] }
      guard !paragraph.isEmpty, report.recipients.count < MTAText.maxRecipients else { return }
      report.recipients.append(contentsOf: recipients(in: MTAText.folded(paragraph)))
    }
    for line in lines[(start + 1)...] {
      if MTAText.isBlank(line) { flush() } else { paragraph.append(line) }
    }
    flush()
    return report.recipients.isEmpty ? nil : report
  }

  /// The recipients one error paragraph names, with its answer.
  static func recipients(in text: String) -> [RecipientReport] {
    let t = text[...]
    var addresses: [String] = []
    if let list = MTAText.after("returned permanent errors:", in: t) ?? MTAText.after("returned temporary errors:", in: t) {
      let end = MTAText.range(of: ". reason:", in: list)?.lowerBound ?? list.endIndex
      addresses = Addresses.all(in: list[..<end]).filter(Addresses.isMailbox)
    } else if let rejected = MTAText.after("rejected recipient ", in: t), let a = Addresses.first(in: rejected.prefix(330)) {
      addresses = [a]
    }
    guard !addresses.isEmpty else { return [] }
    var answer = ""
    if let open = t.utf8.lastIndex(of: UInt8(ascii: "[")), let close = t.utf8.lastIndex(of: UInt8(ascii: "]")), open < close {
      answer = String(t[t.index(after: open)..<close]).foldingWhitespace
    }
    let host = MTAText.after("smtp server <", in: t).flatMap(MTAText.leadingHost)
    var command: String? = nil
    if let following = MTAText.after("error following ", in: t) {
      command = MTAText.smtpCommand(following)
    } else if let accept = MTAText.after("refused to accept your message (", in: t) {
      command = MTAText.smtpCommand(accept)
    }
    let temporary = MTAText.contains(t, "temporary errors")
    return addresses.map { address in
      var r = RecipientReport(recipient: address, action: temporary ? .delayed : .failed, diagnostic: answer.isEmpty ? text : answer)
      r.replyCode = SMTPCodes.leadingReplyCode(in: answer)
      r.status = SMTPCodes.enhancedStatus(in: answer)
      r.remoteMTA = host
      r.command = command
      if r.replyCode != nil { r.diagnosticType = "smtp" }
      return r
    }
  }
}
