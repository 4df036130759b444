/// Postfix's bounce notices ("Undelivered Mail Returned to Sender").
///
/// The human-readable part holds one paragraph per recipient, continuation lines indented:
///
///     <user@example.jp> (expanded from <alias@example.jp>): host mx.example.jp[192.0.2.1]
///         said: 550 5.1.1 <user@example.jp>: Recipient address rejected: User unknown
///         (in reply to RCPT TO command)
///
/// Other paragraph shapes name no server answer (`connect to …: Connection timed out`,
/// `Host or domain name not found…`, `lost connection with … while performing the HELO
/// handshake`). Modern Postfix adds an RFC 3464 part, which ``ReportReader`` merges in; old
/// Postfix and "Delivery report unavailable" notices have only this text. Also read: the
/// postmaster's "Postfix SMTP server: errors from …" session transcript.
enum Postfix: BounceFormat {
  static let name = "Postfix"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let s = mail.subject
    return MTAText.contains(s, "undelivered mail returned to sender") || MTAText.contains(s, "delayed mail (still being retried)")
      || MTAText.contains(s, "mail delivery status report") || MTAText.contains(s, "successful mail delivery report")
      || MTAText.contains(s, "postfix smtp server: errors from") || MTAText.contains(mail.from, "mail delivery system")
      || DSNFamily.statusPartsMention(mail, "x-postfix-")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    var report = DeliveryReport(format: name)
    if MTAText.contains(mail.subject, "postfix smtp server: errors from") {
      report.recipients = SMTPServerTranscript.recipients(in: lines)
      return report.recipients.isEmpty ? nil : report
    }
    let action = action(subject: mail.subject)
    for paragraph in paragraphs(in: lines, limit: MTAText.maxRecipients) {
      guard var r = recipient(from: paragraph) else { continue }
      r.action = action
      report.recipients.append(r)
    }
    if report.recipients.isEmpty, mail.deliveryStatusParts.isEmpty || !hasDSNRecipients(mail),
      lines.contains(where: { MTAText.contains($0, "delivery report unavailable") }),
      let only = MTAText.soleOriginalRecipient(mail)
    {
      // The notice lost its per-recipient text: the returned message says whom it was for.
      report.recipients.append(RecipientReport(recipient: only, action: action))
    }
    if mail.deliveryStatusParts.isEmpty, !report.recipients.isEmpty, let plain = MTAText.plainDSN(lines) {
      // The delivery-status part lost its MIME headers and sits in the text.
      report = ReportMerger.merge(standard: plain, specific: report)
    }
    return report.recipients.isEmpty ? nil : report
  }

  /// The action a notice's subject implies, when it is one of Postfix's own subjects.
  static func action(subject: String) -> DeliveryAction? {
    if MTAText.contains(subject, "delayed mail") { return .delayed }
    if MTAText.contains(subject, "successful mail delivery") { return .delivered }
    if MTAText.contains(subject, "undelivered mail") { return .failed }
    return nil
  }

  static func hasDSNRecipients(_ mail: ParsedMail) -> Bool {
    mail.deliveryStatusParts.contains { !DSNFields(part: $0).recipients.isEmpty }
  }

  /// Each recipient paragraph, folded onto one line: it starts with `<address>` and continues
  /// over indented lines up to a blank line. At most `limit` paragraphs.
  static func paragraphs(in lines: [Substring], limit: Int = .max) -> [String] {
    var out: [String] = []
    // A paragraph is a run of lines: folding it whole trims its first line too.
    var start: Int? = nil
    var i = 0
    while i < lines.count, out.count < limit {
      let line = lines[i]
      if opensRecipientParagraph(line) {
        if let s = start { out.append(MTAText.folded(lines[s..<i])) }
        start = i
      } else if start != nil, !MTAText.isBlank(line) {
        // Indented, or re-wrapped by a mail client that lost the indentation.
      } else if let s = start {
        out.append(MTAText.folded(lines[s..<i]))
        start = nil
      }
      i += 1
    }
    if let s = start, out.count < limit { out.append(MTAText.folded(lines[s..<i])) }
    return out
  }

  /// True when `line`, indented by one space or tab at most, starts a recipient paragraph.
  static func opensRecipientParagraph(_ line: Substring) -> Bool {
    // Most lines are turned away on their first two bytes: the paragraph opens with `<`.
    var bytes = line.utf8.makeIterator()
    guard let first = bytes.next() else { return false }
    guard first == ASCII.lessThan || (ASCII.isSpace(first) && bytes.next() == ASCII.lessThan) else { return false }
    return MTAText.indentation(line) <= 1 && startsRecipientParagraph(MTAText.trimmed(line))
  }

  /// `<user@example.jp>: …` or `<user@example.jp> (expanded from …`, not a transcript line
  /// such as `<<< 550 …`.
  static func startsRecipientParagraph(_ line: Substring) -> Bool {
    // On the bytes, unless a non-ASCII byte right after `<`, `<"` or `>` could join it into
    // a larger character (the characters are compared then).
    let verdict: Bool? = line.withUTF8Bytes { b in
      guard b.count >= 2, b[0] == ASCII.lessThan, b[1] != ASCII.lessThan else { return false }
      if b[1] >= 0x80 || (b[1] == ASCII.quote && b.count > 2 && b[2] >= 0x80) { return nil }
      guard let close = b.firstIndex(of: ASCII.greaterThan) else { return false }
      var at = false
      var space = false
      for k in 1..<close {
        if b[k] == ASCII.at { at = true }
        if b[k] == ASCII.space { space = true }
      }
      guard at, !space || b[1] == ASCII.quote else { return false }
      if close + 1 < b.count, b[close + 1] >= 0x80 { return nil }
      return close + 1 < b.count && (b[close + 1] == ASCII.colon || UnsafeBufferPointer(rebasing: b[(close + 1)...]).starts(with: " (expanded from".utf8))
    }
    return verdict ?? startsRecipientParagraphByCharacter(line)
  }

  /// ``startsRecipientParagraph(_:)`` compared by character.
  private static func startsRecipientParagraphByCharacter(_ line: Substring) -> Bool {
    guard line.utf8.first == UInt8(ascii: "<"), line.dropFirst().utf8.first != UInt8(ascii: "<"), let close = line.utf8.firstIndex(of: UInt8(ascii: ">")) else { return false }
    let inside = line[line.index(after: line.startIndex)..<close]
    guard inside.containsByte(ASCII.at), !inside.containsByte(ASCII.space) || inside.hasPrefix("\"") else { return false }
    let rest = line[line.index(after: close)...]
    return rest.utf8.first == UInt8(ascii: ":") || rest.hasBytePrefix(" (expanded from")
  }

  /// One recipient from its folded paragraph.
  static func recipient(from paragraph: String) -> RecipientReport? {
    let p = paragraph[...]
    guard let close = p.utf8.firstIndex(of: UInt8(ascii: ">")) else { return nil }
    let address = String(p[p.index(after: p.startIndex)..<close])
    guard Addresses.isMailbox(address) else { return nil }
    var r = RecipientReport(recipient: address)
    var rest = p[p.index(after: close)...]
    if rest.hasBytePrefix(" (expanded from"), let end = rest.utf8.firstIndex(of: UInt8(ascii: ")")) {
      r.originalRecipient = Addresses.first(in: rest[rest.startIndex..<end])
      rest = rest[rest.index(after: end)...]
    }
    if rest.utf8.first == UInt8(ascii: ":") { rest = rest.dropFirst() }
    let text = MTAText.trimmed(rest)
    read(text, into: &r)
    return r
  }

  /// Reads the server's answer, host and command out of a recipient's text.
  static func read(_ text: Substring, into r: inout RecipientReport) {
    var answer: Substring? = nil
    if let said = MTAText.range(of: " said: ", in: text) ?? MTAText.range(of: " said:", in: text) {
      r.remoteMTA = MTAText.hostAfterWordHost(in: text[..<said.lowerBound])
      answer = text[said.upperBound...]
    } else if let refused = MTAText.range(of: "refused to talk to me:", in: text) {
      r.remoteMTA = MTAText.hostAfterWordHost(in: text[..<refused.lowerBound])
        ?? MTAText.after("connect to ", in: text).flatMap(MTAText.leadingHost)
      r.command = "CONN"
      answer = text[refused.upperBound...]
    } else if let lost = MTAText.after("lost connection with ", in: text) ?? MTAText.after("conversation with ", in: text) {
      r.remoteMTA = MTAText.leadingHost(lost)
      r.command = MTAText.after(" while ", in: lost).flatMap(commandInWhile)
    } else if let via = MTAText.after("delivery via ", in: text) {
      // `delivery via mx.example.jp[192.0.2.1]:25: 250 2.0.0 Ok: queued as …`
      r.remoteMTA = MTAText.leadingHost(via)
      answer = MTAText.colonBeforeCode(in: via).map { via[$0...] }
    } else if let connect = MTAText.after("connect to ", in: text) {
      r.remoteMTA = MTAText.leadingHost(connect)
    }
    if var a = answer {
      a = MTAText.trimmed(a)
      if let reply = MTAText.range(of: "(in reply to ", in: a) {
        r.command = MTAText.smtpCommand(a[reply.upperBound...]) ?? r.command
        a = MTAText.trimmed(a[..<reply.lowerBound])
      }
      let answerText = String(a)
      r.diagnostic = MTAText.joiningReplyLines(answerText)
      r.replyCode = MTAText.replyCode(in: answerText)
      r.status = SMTPCodes.enhancedStatus(in: answerText)
      r.diagnosticType = "smtp"
    } else {
      // Postfix's own words (a local delivery, a DNS lookup): the DSN part says what kind.
      r.diagnostic = String(text)
      r.replyCode = SMTPCodes.replyCode(in: r.diagnostic)
      r.status = SMTPCodes.enhancedStatus(in: r.diagnostic)
      if r.replyCode != nil { r.diagnosticType = "smtp" }
    }
  }

  /// `while performing the HELO handshake` → `HELO`, `while sending RCPT TO` → `RCPT`, …
  static func commandInWhile(_ phrase: Substring) -> String? {
    if MTAText.contains(phrase, "initial server greeting") || MTAText.contains(phrase, "receiving the initial") { return "CONN" }
    if MTAText.contains(phrase, "helo handshake") { return "HELO" }
    if MTAText.contains(phrase, "ehlo handshake") { return "EHLO" }
    if let sending = MTAText.after("sending ", in: phrase) { return MTAText.smtpCommand(sending) }
    return nil
  }
}

/// The session transcript of Postfix's "errors from …" notice to the postmaster: `In:` lines
/// from the client, `Out:` lines from the server, continuation lines indented deeper.
enum SMTPServerTranscript {
  /// The recipients the client named (`RCPT TO:`) that the server refused, or accepted and
  /// then failed at DATA, each with the server's answer.
  static func recipients(in lines: [Substring]) -> [RecipientReport] {
    var turns: [(isIn: Bool, text: String)] = []
    var pendingIn: Bool? = nil
    var buffer: [Substring] = []
    func flush() {
      if let isIn = pendingIn { turns.append((isIn, MTAText.folded(buffer))) }
      pendingIn = nil
      buffer = []
    }
    for line in lines {
      let t = MTAText.trimmed(line)
      if t.hasBytePrefix("In:") {
        flush()
        pendingIn = true
        buffer = [t.dropFirst(3)]
      } else if t.hasBytePrefix("Out:") {
        flush()
        pendingIn = false
        buffer = [t.dropFirst(4)]
      } else if pendingIn != nil, MTAText.indentation(line) > 1, !t.isEmpty {
        buffer.append(t)
      } else {
        flush()
      }
    }
    flush()

    // Replies come in the order of the commands (also when pipelined): each final reply line
    // answers the oldest command still waiting for one.
    var server: String? = nil
    var pending: [(command: String, recipient: Int?)] = []
    var next = 0  // the oldest command not yet answered
    var accepted: [Int] = []  // recipients the server took, answered later by DATA
    var out: [RecipientReport] = []
    func fail(_ i: Int, _ text: String, _ code: Int, _ command: String) {
      out[i].replyCode = code
      out[i].status = SMTPCodes.enhancedStatus(in: text)
      out[i].diagnostic = text
      out[i].diagnosticType = "smtp"
      out[i].command = command
      out[i].remoteMTA = server
    }
    for turn in turns {
      if turn.isIn {
        let command = MTAText.smtpCommand(turn.text[...]) ?? "OTHER"
        var index: Int? = nil
        if command == "RCPT", let address = Addresses.first(in: turn.text), Addresses.isMailbox(address), out.count < 1000 {
          out.append(RecipientReport(recipient: address, action: .failed))
          index = out.count - 1
        }
        pending.append((command, index))
        continue
      }
      guard let code = SMTPCodes.leadingReplyCode(in: turn.text) else { continue }
      if turn.text.dropFirst(3).utf8.first == UInt8(ascii: "-") { continue }  // more lines of the same reply follow
      guard next < pending.count else {
        if code == 220, server == nil { server = MTAText.leadingHost(turn.text.dropFirst(4)) }
        continue
      }
      let (command, index) = pending[next]
      if code == 354 {
        pending[next] = ("DATA", nil)  // the reply to the message itself comes next
        continue
      }
      next += 1
      if let index {
        if code >= 400 { fail(index, turn.text, code, command) } else { accepted.append(index) }
      } else if code >= 400, command == "DATA" {
        for i in accepted { fail(i, turn.text, code, command) }
        accepted = []
      }
    }
    // Only the recipients something went wrong for.
    out = out.filter { $0.replyCode != nil }
    return out
  }
}
