/// RFC 3464 delivery status notifications (and RFC 6533 `global-delivery-status`): the
/// standard every well-behaved MTA writes.
enum RFC3464: BounceFormat {
  static let name = "RFC3464"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    !mail.deliveryStatusParts.isEmpty
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    var report = DeliveryReport(format: name)
    for part in mail.deliveryStatusParts {
      let fields = DSNFields(text: part.text, limits: mail.limits)
      mail.note(fields.limitsReached)
      report.reportingMTA = report.reportingMTA ?? fields.message.value("reporting-mta").map(stripType)
      report.receivedFromMTA = report.receivedFromMTA ?? fields.message.value("received-from-mta").map(stripType)
      report.arrivalDate = report.arrivalDate ?? fields.message.value("arrival-date")
      report.originalEnvelopeID = report.originalEnvelopeID ?? fields.message.value("original-envelope-id")
      report.envelopeSender = report.envelopeSender
        ?? fields.message.value("x-postfix-sender").flatMap { Addresses.first(in: $0) }
      for group in fields.recipients {
        if let recipient = recipient(from: group) { report.recipients.append(recipient) }
      }
    }
    return report.recipients.isEmpty ? nil : report
  }

  /// One recipient from its field group; nil when it names no usable address.
  static func recipient(from group: [DSNFields.Field]) -> RecipientReport? {
    let final = group.value("final-recipient").flatMap(address)
    let original = group.value("original-recipient").flatMap(address)
    let actual = group.value("x-actual-recipient").flatMap(address)
    // A Final-Recipient that is a mailbox path or a source route (`@relay:user@host`) names
    // the delivery, not the address the sender used: the original is more useful then.
    let usable = [final, actual, original].compactMap { $0 }.filter(Addresses.isMailbox)
    guard let address = usable.first ?? final.map(stripSourceRoute) ?? actual ?? original else { return nil }
    var r = RecipientReport(recipient: address)
    r.originalRecipient = original
    r.action = group.value("action").flatMap(action)
    let (diagnosticType, diagnostic) = group.value("diagnostic-code").map(splitType) ?? (nil, "")
    r.diagnosticType = diagnosticType
    r.diagnostic = diagnostic
    r.status = preferredStatus(field: group.value("status").flatMap { SMTPCodes.enhancedStatus(in: $0) },
                               diagnostic: SMTPCodes.enhancedStatus(in: diagnostic), action: r.action)
    // `X-Unix; 255` is a program's exit status, not an SMTP reply.
    let exitStatus = diagnosticType == "x-unix" && !diagnostic.isEmpty && diagnostic.allSatisfy(\.isNumber)
    // A refusal written whole (`421 4.2.1 …`) is the answer, even after a greeting (`220-…`).
    r.replyCode = exitStatus ? nil : ReplyPairs.all(in: diagnostic).first(where: { $0.replyCode >= 400 && $0.status != nil })?.replyCode
      ?? SMTPCodes.replyCode(in: diagnostic)
    r.remoteMTA = group.value("remote-mta").map(stripType).map(host).flatMap { $0.isEmpty ? nil : $0 }
    r.lastAttemptDate = group.value("last-attempt-date")
    r.willRetryUntil = group.value("will-retry-until")
    return r
  }

  /// The status to report when the `Status` field and the server's own words disagree: the
  /// server's words are first-hand (the `Status` field is often the reporting MTA's summary,
  /// such as `5.0.0`), as long as they agree on the class or the field is only a summary.
  ///
  /// When the two disagree on the class, the one that agrees with what happened (`failed`:
  /// permanent, `delayed`: temporary) wins: an MTA that retried a `550 5.5.0` greeting until it
  /// gave up still writes `Status: 4.5.0`.
  static func preferredStatus(field: String?, diagnostic: String?, action: DeliveryAction? = nil) -> String? {
    guard let diagnostic else { return field }
    guard let field else { return diagnostic }
    if field.first == diagnostic.first || field.hasSuffix(".0.0") { return diagnostic }
    if action == .failed && diagnostic.first == "5" || action == .delayed && diagnostic.first == "4" { return diagnostic }
    return field
  }

  /// `rfc822; user@example.jp` → `user@example.jp` (also without the type, or in brackets).
  static func address(_ value: String) -> String? {
    let bare = stripType(value)
    if let found = Addresses.first(in: bare) { return found }
    let cleaned = Addresses.clean(bare)
    return cleaned.isEmpty ? nil : cleaned
  }

  /// `@relay.example:user@host` → `user@host`.
  static func stripSourceRoute(_ address: String) -> String {
    guard address.hasPrefix("@"), let colon = address.firstIndex(of: ":") else { return address }
    return String(address[address.index(after: colon)...])
  }

  /// `dns; mx.example.jp` → `mx.example.jp`.
  static func stripType(_ value: String) -> String {
    splitType(value).text
  }

  /// `smtp; 550 …` → (`smtp`, `550 …`). A value with no type prefix has type nil.
  static func splitType(_ value: String) -> (type: String?, text: String) {
    if let semicolon = value.firstIndex(of: ";") {
      let type = String(value[..<semicolon]).trimmingCharacters(in: " ")
      if !type.isEmpty, type.utf8.count <= 20, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "/" }) {
        return (type.lowercased(), String(value[value.index(after: semicolon)...]).foldingWhitespace)
      }
    }
    return (nil, value.foldingWhitespace)
  }

  /// `[192.0.2.1]` → `192.0.2.1`; `mx.example.jp.` → `mx.example.jp`; a host followed by
  /// an address in brackets keeps the name.
  static func host(_ value: String) -> String {
    var s = value.trimmingCharacters(in: " ")
    if let space = s.firstIndex(of: " ") { s = String(s[..<space]) }
    s = s.trimmingCharacters(in: "[]()<>")
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }

  /// The DSN action, forgiving the variants seen in real reports.
  static func action(_ value: String) -> DeliveryAction? {
    let word = value.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ";" }).first.map { $0.lowercased() } ?? ""
    switch word {
    // "expired" (SendGrid) means the message left the queue undelivered.
    case "failed", "failure", "fail", "bounced", "bounce", "permanent", "expired": return .failed
    case "delayed", "delay", "deferred", "transient": return .delayed
    case "delivered", "deliverable", "success": return .delivered
    case "relayed", "relay": return .relayed
    case "expanded", "expand": return .expanded
    default: return nil
    }
  }
}
