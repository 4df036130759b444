/// The Reports stage: turns a parsed message into a ``DeliveryReport``, or nil when the message
/// is not a report of any kind.
enum ReportReader {
  /// Reads `mail`: the standard DSN parts, then the first sender-specific unit that recognises
  /// and reads the message; the two are merged so that each recipient gets the most specific
  /// facts from either.
  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    if let report = readTopLevel(mail) { return report }
    // A bounce forwarded as an attachment: read the first embedded message that is a report.
    for part in mail.parts(where: { $0.mimeType == "message/rfc822" }) {
      guard let inner = part.children.first else { continue }
      let (expanded, reached) = inner.expandedEmbeddedMessageNotingLimits(mail.limits)
      let embedded = ParsedMail(root: expanded, bytes: mail.bytes, limits: mail.limits)
      guard !embedded.deliveryStatusParts.isEmpty else { continue }
      if let report = readTopLevel(embedded) {
        mail.note(reached)
        mail.note(embedded.limitsReached)
        return report
      }
    }
    return nil
  }

  /// Reads the message itself, not looking into embedded messages.
  static func readTopLevel(_ mail: ParsedMail) -> DeliveryReport? {
    let standard = mail.standardReport
    var specific: DeliveryReport? = nil
    var textNamesRecipient = false
    for unit in Formats.ordered where unit.recognizes(mail) {
      if let report = unit.read(mail) {
        specific = report
        textNamesRecipient = unit.textNamesRecipient
        break
      }
    }
    // A report whose DSN fields ended up in its text (broken MIME boundaries, a DSN pasted by
    // a gateway) still has them: once a unit has shown the message is a bounce, read them.
    if standard == nil, let f = specific, f.kind == .deliveryStatus {
      let fromText = TextDSN.recipients(in: mail.bodyLines)
      if !fromText.recipients.isEmpty {
        var text = DeliveryReport(format: RFC3464.name, recipients: fromText.recipients)
        text.reportingMTA = fromText.fields.message.value("reporting-mta").map(RFC3464.stripType)
        return ReportMerger.merge(standard: text, specific: f, textNamesRecipient: textNamesRecipient)
      }
    }
    // Unwrapped one at a time: a switch over the pair copies both reports into a tuple.
    guard let s = standard else { return specific }
    guard let f = specific else { return ReportMerger.completeCommands(s, from: mail) }
    // The unit's report is handed over, not shared: the merge then changes its recipients in
    // place instead of copying them first.
    specific = nil
    return ReportMerger.completeCommands(ReportMerger.merge(standard: s, specific: f, textNamesRecipient: textNamesRecipient), from: mail)
  }
}

/// Merges what a DSN part says with what a sender-specific reading of the same message says.
enum ReportMerger {
  /// The specific unit's recipients, each completed with the DSN's facts for the same address
  /// (its `Final-Recipient`, or its `Original-Recipient`); recipients only the DSN names are
  /// kept too. When some recipients match by address and the rest do not, the rest are paired
  /// in order if both sides have the same number left: the text named the same recipient
  /// differently (a pipe or a file in the DSN, a source route, an address the text part shows
  /// another way, a rewritten or forwarded address). A paired recipient takes the DSN's address
  /// when it is a real mailbox, unless the family's text is known to name the recipient more
  /// faithfully (`textNamesRecipient`).
  static func merge(standard: DeliveryReport, specific: __owned DeliveryReport, textNamesRecipient: Bool = false) -> DeliveryReport {
    // `specific` is not used after this: its storage moves into `merged`, which is then the
    // only owner of the recipients it changes.
    var merged = specific
    if merged.reportingMTA == nil { merged.reportingMTA = standard.reportingMTA }
    if merged.receivedFromMTA == nil { merged.receivedFromMTA = standard.receivedFromMTA }
    if merged.arrivalDate == nil { merged.arrivalDate = standard.arrivalDate }
    if merged.originalEnvelopeID == nil { merged.originalEnvelopeID = standard.originalEnvelopeID }
    if merged.envelopeSender == nil { merged.envelopeSender = standard.envelopeSender }
    // Each address lower-cased once; most reports name one or two recipients, so they are
    // searched in order, and a table is built only for long lists.
    let keys = merged.recipients.map { caseKey($0.recipient) }
    var table: [String: Int] = [:]
    if keys.count > 16 {
      for (i, key) in keys.enumerated() where table[key] == nil { table[key] = i }
    }
    func index(of address: String) -> Int? {
      let key = caseKey(address)
      return keys.count > 16 ? table[key] : keys.firstIndex(of: key)
    }
    var matched = [Bool](repeating: false, count: keys.count)
    var unmatchedDSN: [RecipientReport] = []
    for dsn in standard.recipients {
      let key = index(of: dsn.recipient) ?? dsn.originalRecipient.flatMap(index(of:))
      guard let i = key, !matched[i] else {
        unmatchedDSN.append(dsn)
        continue
      }
      matched[i] = true
      complete(&merged.recipients[i], with: dsn)
    }
    // The unmatched indices are listed only when there is something to pair them with.
    let unmatchedSpecific = unmatchedDSN.isEmpty ? [] : merged.recipients.indices.filter { !matched[$0] }
    if !unmatchedDSN.isEmpty, unmatchedDSN.count == unmatchedSpecific.count {
      for (i, dsn) in zip(unmatchedSpecific, unmatchedDSN) {
        complete(&merged.recipients[i], with: dsn)
        // A real mailbox in the DSN is the recipient; a pipe, a file or a route is not.
        if !textNamesRecipient, Addresses.isMailbox(dsn.recipient), !dsn.recipient.hasBytePrefix("|"), !dsn.recipient.hasBytePrefix("/") {
          merged.recipients[i].recipient = dsn.recipient
        }
      }
    } else {
      merged.recipients.append(contentsOf: unmatchedDSN)
    }
    return merged
  }

  /// `address.lowercased()`: an ASCII address (almost all) is lower-cased byte by byte, and
  /// not copied at all when it has no capital letter.
  static func caseKey(_ address: String) -> String {
    // One look at the bytes: nil when they are ASCII without capitals, the lower-cased copy
    // of other ASCII, and the Unicode lower-casing only for the rest.
    let ascii: String?? = address.withUTF8Bytes { bytes in
      var capitals = false
      for b in bytes {
        if b >= 0x80 { return .none }
        if b &- 0x41 < 26 { capitals = true }
      }
      return .some(capitals ? String(asciiLowercasing: bytes) : nil)
    }
    switch ascii {
    case .none: return address.lowercased()
    case .some(nil): return address
    case .some(let lowered?): return lowered
    }
  }

  /// DSN fields seldom name the SMTP command; the letter beside them often does (`in reply
  /// to RCPT TO command`, `>>> DATA`). For a report about one recipient the letter's command is
  /// that recipient's; with several, only the lines of the recipient's own entry are read.
  static func completeCommands(_ report: __owned DeliveryReport, from mail: ParsedMail) -> DeliveryReport {
    // Owned: a merged report handed in is changed in place, not copied first.
    guard report.kind == .deliveryStatus, report.recipients.contains(where: { $0.command == nil }) else { return report }
    var report = report
    let all = mail.bodyLines
    let single = report.recipients.count == 1
    // Where the letter ends, and for several recipients the index of its lines (copied, as
    // the search indexes them), are worked out when a diagnostic first names no command.
    var lines: ArraySlice<Substring>? = nil
    var entries: [Substring] = []
    var index: [String: Int] = [:]
    for i in report.recipients.indices where report.recipients[i].command == nil {
      if let command = ServerReply.command(in: Substring(report.recipients[i].diagnostic)) {
        report.recipients[i].command = command
        continue
      }
      if lines == nil {
        let letter = all[..<Generic.reportLineCount(all)]
        lines = letter
        if !single {
          entries = Array(letter)
          index = Generic.firstLines(entries)
        }
      }
      if single {
        report.recipients[i].command = ServerReply.command(in: joinedText(lines!, of: mail))
      } else {
        let entry = Generic.diagnostic(for: report.recipients[i].recipient, in: entries, index: index).text
        report.recipients[i].command = ServerReply.command(in: Substring(entry))
      }
    }
    return report
  }

  /// `lines` (the first lines of `mail.bodyLines`) joined with line breaks: the body text itself
  /// when it has plain LF breaks, as it does once decoded, so no copy is made.
  private static func joinedText(_ lines: ArraySlice<Substring>, of mail: ParsedMail) -> Substring {
    guard let last = lines.last else { return "" }
    let span = mail.bodyText[..<last.endIndex]
    let length = lines.reduce(lines.count - 1) { $0 + $1.utf8.count }
    return span.utf8.count == length ? span : Substring(lines.joined(separator: "\n"))
  }

  /// Fills every fact `primary` lacks from `secondary`, and takes `secondary`'s where it is
  /// plainly better: the DSN's per-recipient `Action` (unless it says delayed where the unit
  /// saw a permanent failure), a detailed status of the same class instead of a bare `X.0.0`,
  /// and a diagnostic holding the server's answer where the unit has only the reporting MTA's
  /// own words.
  static func complete(_ primary: RecipientReport, with secondary: RecipientReport) -> RecipientReport {
    var r = primary
    complete(&r, with: secondary)
    return r
  }

  /// ``complete(_:with:)`` in place: the recipient is changed where it lies, not copied out
  /// and back.
  static func complete(_ r: inout RecipientReport, with secondary: RecipientReport) {
    if r.originalRecipient == nil { r.originalRecipient = secondary.originalRecipient }
    if let theirs = secondary.action, !(theirs == .delayed && r.action == .failed && r.status?.utf8.first == UInt8(ascii: "5")) {
      r.action = theirs
    }
    r.status = status(r.status, secondary.status)
    r.replyCode = r.replyCode ?? secondary.replyCode
    let unitHasAnswer = SMTPCodes.leadingReplyCode(in: r.diagnostic) != nil
    if r.diagnostic.isEmpty
      || !unitHasAnswer
        && (secondary.diagnostic.utf8.count > r.diagnostic.utf8.count || !hasCodes(r.diagnostic) && hasCodes(secondary.diagnostic))
    {
      r.diagnostic = secondary.diagnostic
      r.diagnosticType = secondary.diagnosticType ?? r.diagnosticType
    }
    if r.diagnosticType == nil { r.diagnosticType = secondary.diagnosticType }
    if r.remoteMTA == nil { r.remoteMTA = secondary.remoteMTA }
    if r.command == nil { r.command = secondary.command }
    if r.lastAttemptDate == nil { r.lastAttemptDate = secondary.lastAttemptDate }
    if r.willRetryUntil == nil { r.willRetryUntil = secondary.willRetryUntil }
    if r.feedbackType == nil { r.feedbackType = secondary.feedbackType }
  }

  /// True when `text` holds a reply code or an enhanced status code.
  static func hasCodes(_ text: String) -> Bool {
    SMTPCodes.replyCode(in: text) != nil || SMTPCodes.enhancedStatus(in: text) != nil
  }

  /// `primary` unless it is absent, or only a class summary (`X.0.0`) where `secondary` is
  /// a more specific code of the same class.
  static func status(_ primary: String?, _ secondary: String?) -> String? {
    guard let p = primary else { return secondary }
    guard let s = secondary, s != p, s.first == p.first else { return p }
    return p.hasByteSuffix(".0.0") && !s.hasByteSuffix(".0.0") ? s : p
  }
}
