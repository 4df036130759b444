/// The last resort for bounces nobody wrote a unit for: when a message plainly is a bounce
/// (see ``looksLikeBounce(_:)``) and no DSN part named its recipients, find them in the text,
/// with the SMTP reply code, enhanced status code and command written near them.
///
/// In order of trust: DSN fields written as plain text; the `X-Failed-Recipients` header; a
/// line holding only an address; an address on a line that says what happened to it
/// (`User unknown`, `550 …`, `recipient`, 「宛先」…). The sender's own addresses, the mail
/// system's, and everything in the returned message are never recipients.
enum Generic: BounceFormat {
  static let name = "Generic"

  /// Most recipients read from one message.
  static let maxRecipients = 200

  static func recognizes(_ mail: ParsedMail) -> Bool {
    guard looksLikeBounce(mail) else { return false }
    return mail.standardReport?.recipients.isEmpty ?? true
  }

  /// A message a mail system sent about a delivery: from a mail daemon; or from a
  /// postmaster-like address with a bounce subject; or with a bounce subject and the marks
  /// of an automatic message (null return path, `Auto-Submitted`, `X-Failed-Recipients`, a
  /// `multipart/report`). Replies and forwards (`Re:`, `Fwd:`) written by people are not.
  static func looksLikeBounce(_ mail: ParsedMail) -> Bool {
    if mail.header.has("x-failed-recipients") { return true }
    if BounceSigns.isDaemon(mail) { return !isPersonalReply(mail.subject) }
    guard BounceSigns.isBounceSubject(mail.subject) else { return false }
    if BounceSigns.isMailSystem(mail) { return true }
    if let returnPath = mail.header["return-path"], returnPath.trimmingCharacters(in: " <>").isEmpty { return true }
    if let submitted = mail.header["auto-submitted"], BounceText.hasPrefix(submitted, "auto-") { return true }
    return mail.root.contentType.mimeType == "multipart/report"
  }

  /// `Re:` / `Fwd:` subjects: a person answering or passing on a message.
  static func isPersonalReply(_ subject: String) -> Bool {
    let s = Substring(subject).drop(while: { $0 == " " })
    return BounceText.hasPrefix(s, "re:") || BounceText.hasPrefix(s, "fwd:") || BounceText.hasPrefix(s, "fw:")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = reportLines(mail.bodyLines)
    let delayed = isDelayNotice(mail.subject, lines)
    var report = DeliveryReport(format: name)

    // 1. DSN fields written into the text.
    let dsn = TextDSN.recipients(in: lines)
    if !dsn.recipients.isEmpty {
      report.reportingMTA = dsn.fields.message.value("reporting-mta").map(RFC3464.stripType)
      // The letter before the fields may say more than the fields do.
      let before = Array(lines.prefix(while: { !$0.utf8.hasPrefixIgnoringCase("reporting-mta:") && !$0.utf8.hasPrefixIgnoringCase("final-recipient:") }))
      let index = firstLines(before)
      for var r in dsn.recipients.prefix(maxRecipients) {
        if r.diagnostic.isEmpty { r.diagnostic = diagnostic(for: r.recipient, in: before, index: index).text }
        if r.diagnostic.isEmpty, dsn.recipients.count == 1, let answer = loneAnswer(before) { r.diagnostic = answer }
        let reply = ServerReply(r.diagnostic)
        r.replyCode = r.replyCode ?? reply.replyCode
        r.command = r.command ?? reply.command
        report.recipients.append(r)
      }
      return report
    }

    // 2. Addresses the mail system names. A sender that is not a mail system must also write
    // like one: an SMTP code or a delivery phrase, not just a worrying subject.
    if !BounceSigns.isMailSystem(mail), !mail.header.has("x-failed-recipients"), !lines.contains(where: isMailDeliveryLine) { return nil }
    let excluded = senderAddresses(mail)
    var addresses = BounceText.headerAddresses(mail, "x-failed-recipients")
    let inText = recipientsInText(lines, excluding: excluded, senderKey: mail.fromAddress)
    let index = firstLines(lines)
    // The header is trusted unless the letter names other recipients and none of its own.
    if addresses.isEmpty || !inText.isEmpty && !addresses.contains(where: { index[ReportMerger.caseKey($0)] != nil }) {
      addresses = inText
    }
    guard !addresses.isEmpty else { return nil }
    for address in addresses.prefix(maxRecipients) {
      var found = diagnostic(for: address, in: lines, index: index)
      if found.reply.replyCode == nil, found.reply.status == nil, addresses.count == 1, let answer = loneAnswer(lines) {
        // One recipient and one server answer somewhere in the letter: they go together.
        found = (answer, ServerReply(answer))
      }
      var r = RecipientReport(recipient: address, action: delayed ? .delayed : .failed, diagnostic: found.text)
      // A positive answer (`250 2.1.5 Ok`) is not what made the delivery fail.
      if (found.reply.replyCode ?? 500) >= 400, found.reply.status?.utf8.first != UInt8(ascii: "2") { found.reply.fill(&r) }
      if let status = r.status, status.utf8.first == UInt8(ascii: "4"), !delayed { r.action = .delayed }
      report.recipients.append(r)
    }
    return report
  }

  // MARK: The letter

  /// Header fields that begin a returned message when no separator announces it.
  private static let originalHeaderFields: PrefixSet = ["received: ", "return-path:", "dkim-signature:", "x-received:", "message-id:"]

  /// The lines of the letter: up to the returned message, whether it is announced by a
  /// separator or starts with its own header (`Received:`, `Return-Path:`…).
  static func reportLines(_ lines: [Substring]) -> [Substring] {
    Array(lines[..<reportLineCount(lines)])
  }

  /// How many of `lines` come before the returned message (see ``reportLines(_:)``).
  static func reportLineCount(_ lines: [Substring]) -> Int {
    let fields = originalHeaderFields  // read once, not at every line
    return lines.firstIndex { line in
      guard let head = line.utf8.first else { return false }
      // A header field opens with a letter; a separator never does (see `isOriginalMessageMarker`).
      guard ASCII.isAlpha(head) else { return BounceText.isOriginalMessageMarker(line) }
      return line.utf8.hasPrefixIgnoringCase(anyOf: fields)
    } ?? lines.count
  }

  /// A delay warning rather than a final failure.
  static func isDelayNotice(_ subject: String, _ lines: [Substring]) -> Bool {
    if BounceText.containsAny(subject, ["delay", "warning", "still being retried"]) { return true }
    return lines.contains { BounceText.containsAny($0, ["this is a warning", "will be retried", "will retry", "still trying", "not yet been delivered"]) }
  }

  /// The addresses that are not recipients: the bounce's own sender and addressee, and the
  /// returned message's sender.
  static func senderAddresses(_ mail: ParsedMail) -> Set<String> {
    var out = Set<String>()
    for name in ["from", "to", "reply-to", "sender", "return-path", "cc", "delivered-to"] {
      for field in mail.header.all(name) { for a in Addresses.all(in: field.text) { out.insert(ReportMerger.caseKey(a)) } }
    }
    if let original = mail.originalHeader {
      for name in ["from", "sender", "reply-to", "return-path"] {
        for field in original.all(name) { for a in Addresses.all(in: field.text) { out.insert(ReportMerger.caseKey(a)) } }
      }
    }
    return out
  }

  /// Recipients named in the letter: lone addresses, and addresses on lines that say
  /// something happened to them.
  static func recipientsInText(_ lines: [Substring], excluding excluded: Set<String>, senderKey: String) -> [String] {
    var out: [String] = []
    var seen = Set<String>()
    for (i, line) in lines.enumerated() where line.containsByte(ASCII.at) {
      let t = BounceText.trimmed(line)
      var candidates: [String] = []
      var alone = false
      if let lone = BounceText.loneAddress(t) {
        candidates = [lone]
        alone = true
      } else if isAboutSomethingElse(t), ServerReply(t).replyCode == nil {
        continue
      } else if saysWhatHappened(t) || (startsWithAddress(t) && i + 1 < lines.count && saysWhatHappened(lines[i + 1]) && !lines[i + 1].containsByte(ASCII.at)) {
        candidates = Addresses.all(in: t).map { Addresses.clean($0) }
      }
      for address in candidates where Addresses.isPlausible(address) && !isMailSystemAddress(address) {
        let key = ReportMerger.caseKey(address)
        // An address alone on its line is a recipient even when the sender wrote to itself.
        guard alone ? key != senderKey : !excluded.contains(key), seen.insert(key).inserted else { continue }
        out.append(address)
        if out.count >= maxRecipients { return out }
      }
    }
    return out
  }

  /// A line only a mail system writes: a server's answer, or a phrase about undelivered mail.
  static func isMailDeliveryLine(_ line: Substring) -> Bool {
    if ServerReply(line).replyCode != nil || SMTPCodes.enhancedStatus(in: String(line)) != nil { return true }
    if BounceText.containsAny(line, [
      "could not be delivered to", "couldn't be delivered to", "following recipient", "following address", "delivery to the following",
      "not delivered to", "did not reach", "was not delivered", "undeliverable to", "mail delivery", "delivery has failed",
      "permanent error", "temporary error", "unable to deliver", "user unknown", "mailbox full", "host unknown", "remote host said",
      "remote server", "smtp error", "message could not be delivered",
    ]) {
      return true
    }
    let phrases: [StaticString] = ["送信できませんでした", "配送できませんでした", "配信できませんでした", "届けることができません", "宛先", "エラーのため"]
    return phrases.contains { line.containsBytes($0) }
  }

  /// Phrases that tie an address on the same line to a delivery failure.
  static func saysWhatHappened(_ line: Substring) -> Bool {
    if ServerReply(line).replyCode != nil || SMTPCodes.enhancedStatus(in: String(line)) != nil { return true }
    if BounceText.containsAny(line, [
      "recipient", "address", "user", "mailbox", "unknown", "not reach", "failed", "undeliverable", "could not be delivered",
      "delivery to", "delivering", "deliver to", "rejected", "rcpt to", "does not exist", "no such", "not found", "invalid",
      "quota", "full", "error", "refused", "disabled", "expired", "timed out",
    ]) {
      return true
    }
    let phrases: [StaticString] = ["宛先", "アドレス", "送信先", "受信者", "配送", "届"]
    return phrases.contains { line.containsBytes($0) }
  }

  /// `user@example.jp on Thu, 29 Apr …`: an entry that opens with the address.
  static func startsWithAddress(_ line: Substring) -> Bool {
    let first = line.prefix(while: { $0 != " " && $0 != "\t" })
    return BounceText.loneAddress(first) != nil
  }

  /// Lines naming an address for another purpose: whom to contact, the envelope sender, the
  /// address an alias was expanded from.
  static func isAboutSomethingElse(_ line: Substring) -> Bool {
    if BounceText.containsAny(line, [
      "contact", "assistance", "questions", "help desk", "helpdesk", "support", "send mail to", "mail from", "envelope-from",
      "sender", "reply-to", "from:", "return-path", "generated from", "expanded from", "forwarded from",
    ]) {
      return true
    }
    let phrases: [StaticString] = ["連絡", "問い合わせ", "問合せ", "お問合わせ", "差出人", "送信者"]
    return phrases.contains { line.containsBytes($0) }
  }

  static func isMailSystemAddress(_ address: String) -> Bool {
    let local = address.split(separator: "@").first.map { $0.lowercased() } ?? ""
    return BounceSigns.daemonLocalParts.contains(local) || local == "postmaster"
  }

  /// The line where each address (lower case) first appears: one pass, so that finding every
  /// recipient's entry stays linear.
  static func firstLines(_ lines: [Substring]) -> [String: Int] {
    var out: [String: Int] = [:]
    for (i, line) in lines.enumerated() where line.utf8.contains(ASCII.at) {
      for key in BounceText.addressKeys(in: line) where out[key] == nil { out[key] = i }
    }
    return out
  }

  /// What the letter says about `address`: the lines after it when it stands alone (up to a
  /// blank line or the next address), else its own line and the indented lines after it.
  static func diagnostic(for address: String, in lines: [Substring], index: [String: Int]) -> (text: String, reply: ServerReply) {
    guard let index = index[ReportMerger.caseKey(address)] else { return ("", ServerReply("")) }
    var picked: [Substring] = []
    let own = lines[index]
    if BounceText.loneAddress(own) == nil { picked.append(own) }
    var j = index + 1
    while j < lines.count, picked.count < 12 {
      let t = BounceText.trimmed(lines[j])
      if t.isEmpty { if picked.isEmpty { j += 1; continue } else { break } }
      if BounceText.loneAddress(t) != nil { break }
      // A line naming another address starts another recipient's entry.
      if t.containsByte(ASCII.at), !BounceText.contains(t, caseless: address), BounceText.loneAddress(own) == nil, lines[j].utf8.first != UInt8(ascii: " ") { break }
      picked.append(t)
      j += 1
    }
    let text = BounceText.joined(picked)
    return (text, ServerReply(text))
  }

  /// The one line in the letter that reads as a server's answer (`550 5.1.1 …`,
  /// `<<< 550 …`, `said: 550 …`), when there is exactly one distinct answer.
  static func loneAnswer(_ lines: [Substring]) -> String? {
    var found: String? = nil
    for line in lines {
      var t = BounceText.trimmed(line)
      if t.hasBytePrefix("<<<") { t = BounceText.trimmed(t.dropFirst(3)) }
      let said = BounceText.after("said:", in: t)
      let candidate = said.map(BounceText.trimmed) ?? t
      guard MTAText.leadingReplyCode(candidate) != nil else { continue }
      let text = String(candidate).foldingWhitespace
      if let f = found, f != text { return nil }
      found = text
    }
    return found
  }
}
