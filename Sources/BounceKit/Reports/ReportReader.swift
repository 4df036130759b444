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
    let standard = RFC3464.recognizes(mail) ? RFC3464.read(mail) : nil
    var specific: DeliveryReport? = nil
    for unit in Formats.ordered where unit.recognizes(mail) {
      if let report = unit.read(mail) {
        specific = report
        break
      }
    }
    switch (standard, specific) {
    case (nil, nil): return nil
    case (let s?, nil): return s
    case (nil, let f?): return f
    case (let s?, let f?): return ReportMerger.merge(standard: s, specific: f)
    }
  }
}

/// Merges what a DSN part says with what a sender-specific reading of the same message says.
enum ReportMerger {
  /// The specific unit's recipients, each completed with the DSN's facts for the same address;
  /// recipients only the DSN names are kept too.
  static func merge(standard: DeliveryReport, specific: DeliveryReport) -> DeliveryReport {
    var merged = specific
    merged.reportingMTA = specific.reportingMTA ?? standard.reportingMTA
    merged.receivedFromMTA = specific.receivedFromMTA ?? standard.receivedFromMTA
    merged.arrivalDate = specific.arrivalDate ?? standard.arrivalDate
    merged.originalEnvelopeID = specific.originalEnvelopeID ?? standard.originalEnvelopeID
    merged.envelopeSender = specific.envelopeSender ?? standard.envelopeSender
    var byAddress: [String: Int] = [:]
    for (i, r) in merged.recipients.enumerated() { byAddress[r.recipient.lowercased()] = i }
    for dsn in standard.recipients {
      guard let i = byAddress[dsn.recipient.lowercased()] else {
        merged.recipients.append(dsn)
        continue
      }
      merged.recipients[i] = complete(merged.recipients[i], with: dsn)
    }
    return merged
  }

  /// Fills every fact `primary` lacks from `secondary`.
  static func complete(_ primary: RecipientReport, with secondary: RecipientReport) -> RecipientReport {
    var r = primary
    r.originalRecipient = r.originalRecipient ?? secondary.originalRecipient
    r.action = r.action ?? secondary.action
    r.status = r.status ?? secondary.status
    r.replyCode = r.replyCode ?? secondary.replyCode
    if r.diagnostic.isEmpty {
      r.diagnostic = secondary.diagnostic
      r.diagnosticType = r.diagnosticType ?? secondary.diagnosticType
    }
    r.remoteMTA = r.remoteMTA ?? secondary.remoteMTA
    r.command = r.command ?? secondary.command
    r.lastAttemptDate = r.lastAttemptDate ?? secondary.lastAttemptDate
    r.willRetryUntil = r.willRetryUntil ?? secondary.willRetryUntil
    r.feedbackType = r.feedbackType ?? secondary.feedbackType
    return r
  }
}
