/// The human-readable part of a Sendmail notice (V8 and the older V5), read into recipients.
///
///        ----- The following addresses had permanent fatal errors -----
///     <user@example.jp>
///         (reason: 550 5.1.1 <user@example.jp>... User unknown)
///         (expanded from: <alias@example.jp>)
///
///        ----- Transcript of session follows -----
///     ... while talking to mx.example.jp.:
///     >>> DATA
///     <<< 550 5.1.1 <user@example.jp>... User unknown
///     550 5.1.1 <user@example.jp>... User unknown
///
/// `>>>` lines are what Sendmail sent, `<<<` lines the server's answer; a line naming an
/// address (`NNN <user@…>... text`) is Sendmail's own summary for that recipient, written
/// right after the answer it concerns. A notice forwarded as quoted text (`> ` before every
/// line) is read the same way.
struct SendmailText {
  /// One server answer inside a session.
  struct Reply {
    /// The host Sendmail was talking to.
    var host: String?
    /// The command the answer followed (`CONN` for the greeting).
    var command: String?
    /// The answer's lines, folded.
    var text: String
  }

  /// A Sendmail summary line that names a recipient.
  struct Mention {
    var address: String
    /// The whole line, trimmed.
    var line: String
    /// The text after `addr... `.
    var text: String
    /// The server answer the line follows in its session, if any.
    var reply: Reply?
    /// Lines without codes written just before it, with no server answer between: a local
    /// delivery program's own words (`mail.local: unknown user: …`).
    var notes: [String] = []
  }

  /// One entry of an "addresses had … errors" list.
  struct Listed {
    var address: String
    var reason: String?
    var action: DeliveryAction?
  }

  /// Most entries of each kind kept from one notice.
  static let limit = 1000

  var listed: [Listed] = []
  var mentions: [Mention] = []
  /// Where each address's last summary line is in `mentions`.
  var mentionIndex: [String: Int] = [:]
  /// The last answer of a transcript that talked to a single host: it concerns every
  /// recipient the notice names.
  var loneReply: Reply? = nil
  var replies: [Reply] = []
  /// Summary lines that start with a reply code but name no address (`554 5.0.0 Service
  /// unavailable`, `421 host (smtp)... Deferred: …`).
  var summaries: [String] = []
  /// Other transcript lines (`Message could not be delivered for too long`).
  var notes: [String] = []
  /// True when the text held a session transcript.
  var hasTranscript = false
  /// True when the notice only warns of a delay.
  var isWarning = false

  /// Reads the body lines of a notice.
  init(lines rawLines: [Substring]) {
    let lines = Self.unquoted(rawLines)
    enum Section { case none, list(DeliveryAction?), transcript }
    var section = Section.none
    var session: (host: String?, command: String?) = (nil, nil)
    var replyLines: [Substring] = []
    var lastReply: Reply? = nil
    var inReply = false
    var recentNotes: [String] = []

    func closeReply() {
      guard inReply else { return }
      let reply = Reply(host: session.host, command: session.command ?? "CONN", text: MTAText.folded(replyLines))
      if replies.count < Self.limit { replies.append(reply) }
      // An answer to QUIT says nothing about the recipients.
      if session.command != "QUIT" { lastReply = reply }
      replyLines = []
      inReply = false
      recentNotes = []
    }

    for line in lines {
      let t = MTAText.trimmed(line)
      if t.hasBytePrefix("-----") {
        closeReply()
        if MTAText.contains(t, "transcript of session") {
          section = .transcript
          hasTranscript = true
        } else if MTAText.contains(t, "following addresses") {
          section = .list(MTAText.contains(t, "transient") || MTAText.contains(t, "non-fatal") ? .delayed : .failed)
        } else {
          section = .none  // "Original message follows", "Unsent message follows", …
        }
        continue
      }
      // `warning message only` first: its first two letters are rarer in text than `th`.
      if !isWarning, t.utf8.count >= 30, MTAText.contains(t, "warning message only"), MTAText.contains(t, "this is a warning message only") {
        isWarning = true
      }
      switch section {
      case .none:
        continue
      case .list(let action):
        if t.isEmpty {
          if !listed.isEmpty { section = .none }
          continue
        }
        if MTAText.indentation(line) == 0 {
          if listed.count < Self.limit, let address = Self.listedAddress(t) { listed.append(Listed(address: address, action: action)) }
        } else if let last = listed.indices.last {
          if let reason = Self.parenthesised("(reason:", in: t) {
            listed[last].reason = reason.foldingWhitespace
          } else if let expanded = Self.parenthesised("(expanded from:", in: t),
            let address = Addresses.first(in: expanded), Addresses.isMailbox(address), !Addresses.isMailbox(listed[last].address)
          {
            // A pipe or a file was the final destination: the address it was expanded from
            // is the recipient the sender knows.
            listed[last].address = address
          }
        }
      case .transcript:
        if t.isEmpty {
          closeReply()
          if !replies.isEmpty || !mentions.isEmpty || !summaries.isEmpty { section = .none }
          continue
        }
        if let host = MTAText.after("while talking to ", in: t) {
          closeReply()
          session = (MTAText.leadingHost(host), nil)
          lastReply = nil
        } else if t.hasBytePrefix(">>>") {
          closeReply()
          session.command = MTAText.smtpCommand(t.dropFirst(3)) ?? "OTHER"
        } else if t.hasBytePrefix("<<<") {
          // Consecutive `<<<` lines are one multi-line answer.
          if inReply, let last = replyLines.last, SMTPCodes.leadingReplyCode(in: String(last.prefix(4))) != nil,
            last.dropFirst(3).utf8.first == UInt8(ascii: "-")
          {
            replyLines.append(MTAText.trimmed(t.dropFirst(3)))
          } else {
            closeReply()
            replyLines = [MTAText.trimmed(t.dropFirst(3))]
            inReply = true
          }
        } else {
          closeReply()
          if mentions.count < Self.limit, var mention = Self.mention(t, reply: lastReply) {
            if lastReply == nil { mention.notes = recentNotes }
            recentNotes = []
            mentionIndex[ReportMerger.caseKey(mention.address)] = mentions.count
            mentions.append(mention)
          } else if MTAText.leadingReplyCode(t) != nil {
            summaries.append(String(t))
          } else if notes.count < 20 {
            notes.append(String(t))
            if recentNotes.count < 4 { recentNotes.append(String(t)) }
          }
        }
      }
    }
    closeReply()
    let meaningful = replies.filter { $0.command != "QUIT" }
    // One host throughout (compared as a set of one would compare them, with no set built).
    if let last = meaningful.last {
      let host = last.host ?? ""
      if meaningful.allSatisfy({ ($0.host ?? "") == host }) { loneReply = last }
    }
  }

  /// Strips the quoting of a notice forwarded inline (`> ` or `>` before each line), when
  /// the notice's own markers are quoted.
  static func unquoted(_ lines: [Substring]) -> [Substring] {
    // Both markers open with `----- t`: one search turns away the other lines.
    guard let marker = lines.first(where: {
      MTAText.contains($0, "----- t") && (MTAText.contains($0, "----- transcript of session") || MTAText.contains($0, "----- the following addresses"))
    }),
      marker.utf8.first == UInt8(ascii: ">")
    else { return lines }
    return lines.map { line in
      if line.hasBytePrefix("> ") { return line.dropFirst(2) }
      if line.hasBytePrefix(">") { return line.dropFirst() }
      return line
    }
  }

  /// `<user@example.jp>`, `user@example.jp` or `"|/usr/bin/program"` at the start of a list
  /// entry.
  static func listedAddress(_ t: Substring) -> String? {
    if startsWithCharacters(t, "\"|") || t.hasBytePrefix("|") || startsWithCharacters(t, "\"/") || t.hasBytePrefix("/") {
      var s = t
      while s.first == "\"" { s = s.dropFirst() }
      while s.last == "\"" { s = s.dropLast() }
      return String(s)
    }
    guard let address = Addresses.first(in: t), Addresses.isMailbox(address) else { return nil }
    return address
  }

  /// True when `t` starts with the characters of `prefix` (ASCII, not ending in CR): a byte
  /// comparison, with the characters compared only where a non-ASCII byte follows, which may
  /// join the last one.
  static func startsWithCharacters(_ t: Substring, _ prefix: StaticString) -> Bool {
    guard t.hasBytePrefix(prefix) else { return false }
    let next = t.utf8.dropFirst(prefix.utf8CodeUnitCount).first
    return next.map { $0 < 0x80 } ?? true || t.hasPrefix(prefix.description)
  }

  /// The text inside `(reason: …)`, without the closing parenthesis.
  static func parenthesised(_ opener: StaticString, in t: Substring) -> String? {
    guard t.utf8.hasPrefixIgnoringCase(opener) else { return nil }
    // The opener and the `)` are ASCII: cut on the bytes unless a non-ASCII byte beside a cut
    // may make one character of it and its neighbour.
    let u = t.utf8
    var rest: Substring
    let afterOpener = u.index(u.startIndex, offsetBy: opener.utf8CodeUnitCount)
    if afterOpener == u.endIndex || u[afterOpener] < 0x80 {
      rest = t[afterOpener...]
    } else {
      rest = t.dropFirst(opener.utf8CodeUnitCount)
    }
    if rest.utf8.last == UInt8(ascii: ")") {
      let r = rest.utf8
      let close = r.index(before: r.endIndex)
      if close == r.startIndex || r[r.index(before: close)] < 0x80 {
        rest = rest[..<close]
      } else {
        rest = rest.dropLast()
      }
    }
    let value = MTAText.trimmed(rest)
    return value.isEmpty ? nil : String(value)
  }

  /// `550 5.1.1 <user@example.jp>... User unknown` or `<user@example.jp>... Deferred: …`.
  static func mention(_ t: Substring, reply: Reply?) -> Mention? {
    let dots: Range<String.Index>
    if let r = MTAText.range(of: "... ", in: t) {
      dots = r
    } else if t.hasByteSuffix("...") {
      dots = t.index(t.endIndex, offsetBy: -3)..<t.endIndex
    } else {
      return nil
    }
    // The address is the last word before the dots.
    let head = t[..<dots.lowerBound]
    let word = lastWord(head)
    guard let address = Addresses.first(in: word), Addresses.isMailbox(address) else { return nil }
    let text = MTAText.trimmed(t[dots.upperBound...])
    return Mention(address: address, line: String(t), text: String(text), reply: reply)
  }

  /// The last run of `head` between spaces; `head` itself when it has none.
  static func lastWord(_ head: Substring) -> Substring {
    let (lo, hi) = head.withUTF8Bytes { b in
      var hi = b.count
      while hi > 0, b[hi - 1] == ASCII.space { hi -= 1 }
      var lo = hi
      while lo > 0, b[lo - 1] != ASCII.space { lo -= 1 }
      return (lo, hi)
    }
    guard hi > lo else { return head }
    let u = head.utf8
    let start = u.index(u.startIndex, offsetBy: lo)
    return head[start..<u.index(start, offsetBy: hi - lo)]
  }

  /// The facts for one recipient: its own summary line and the answer it follows, else the
  /// listed reason (matched to the answer it abbreviates), else the notice's summary lines.
  /// `ownStatus` says whether Sendmail's own codes (summary lines) may give the status.
  func recipient(_ address: String, reason: String?, action: DeliveryAction?, ownStatus: Bool) -> RecipientReport {
    var r = RecipientReport(recipient: address, action: action)
    r.diagnosticType = "smtp"
    let key = ReportMerger.caseKey(address)
    if let m = mentionIndex[key].map({ mentions[$0] }) {
      if SMTPCodes.leadingReplyCode(in: m.text) != nil {
        // `554 <user@…>... 550 Host unknown`: the relayed answer is in the text itself.
        apply(answer: m.text, to: &r, firstHand: true)
      } else if let reply = m.reply {
        apply(reply, to: &r)
      } else {
        apply(answer: m.line, to: &r, firstHand: ownStatus)
        // `<user@…>... Deferred: …` carries no code: the text after the dots says it all.
        if SMTPCodes.leadingReplyCode(in: m.line) == nil { r.diagnostic = m.text }
        // What a local delivery program wrote just before says why.
        if !m.notes.isEmpty { r.diagnostic = (m.notes + [r.diagnostic]).joined(separator: " ") }
      }
      return r
    }
    if let reason, let reply = replies.last(where: { $0.text.hasPrefix(reason) || reason.hasPrefix($0.text) }) {
      apply(reply, to: &r)
      return r
    }
    if let reason, reason.utf8.count > 4, SMTPCodes.leadingReplyCode(in: reason) != nil {
      // A bare number is a program's exit status, not an answer.
      apply(answer: reason, to: &r, firstHand: true)
      return r
    }
    if let reply = loneReply {
      apply(reply, to: &r)
      return r
    }
    if let summary = summaries.last {
      apply(answer: summary, to: &r, firstHand: ownStatus)
      // `554 <…>... Service unavailable`: the words after the dots, unless the recipient was a
      // program (`"|procmail …"... `), which is the telling part.
      if let dots = MTAText.range(of: "... ", in: summary[...]), !summary[..<dots.lowerBound].containsByte(0x7C) {
        r.diagnostic = String(summary[dots.upperBound...])
      }
      return r
    }
    r.diagnostic = reason ?? (notes.isEmpty ? "" : notes.joined(separator: " "))
    return r
  }


  /// Facts from a server answer in a session.
  func apply(_ reply: Reply, to r: inout RecipientReport) {
    apply(answer: reply.text, to: &r, firstHand: true)
    r.diagnostic = MTAText.joiningReplyLines(reply.text)
    r.remoteMTA = reply.host
    r.command = reply.command == "OTHER" ? nil : reply.command
  }

  /// Facts from an answer's text. Sendmail's own codes give the status only when allowed.
  func apply(answer: String, to r: inout RecipientReport, firstHand: Bool) {
    r.diagnostic = answer
    r.replyCode = SMTPCodes.leadingReplyCode(in: answer)
    r.status = firstHand ? SMTPCodes.enhancedStatus(in: answer) : nil
  }
}
