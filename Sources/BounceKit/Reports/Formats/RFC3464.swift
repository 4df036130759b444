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
      let fields = DSNFields(part: part, limits: mail.limits)
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
    let v = GroupValues(group)
    let final = v.final.flatMap(address)
    let original = v.original.flatMap(address)
    let actual = v.actual.flatMap(address)
    // A Final-Recipient that is a mailbox path or a source route (`@relay:user@host`) names
    // the delivery, not the address the sender used: the original is more useful then.
    func ifMailbox(_ address: String?) -> String? { address.flatMap { Addresses.isMailbox($0) ? $0 : nil } }
    let mailbox = ifMailbox(final) ?? ifMailbox(actual) ?? ifMailbox(original)
    guard let address = mailbox ?? final.map(stripSourceRoute) ?? actual ?? original else { return nil }
    var r = RecipientReport(recipient: address)
    r.originalRecipient = original
    r.action = v.action.flatMap(action)
    // Split without an optional tuple in between (its copies ask the runtime for its type).
    var diagnosticType: String? = nil
    var diagnostic = ""
    if let code = v.diagnostic { (diagnosticType, diagnostic) = splitType(code) }
    r.diagnosticType = diagnosticType
    r.diagnostic = diagnostic
    r.status = preferredStatus(field: v.status.flatMap { SMTPCodes.enhancedStatus(in: $0) },
                               diagnostic: SMTPCodes.enhancedStatus(in: diagnostic), action: r.action)
    // `X-Unix; 255` is a program's exit status, not an SMTP reply.
    let exitStatus = diagnosticType == "x-unix" && !diagnostic.isEmpty && diagnostic.allSatisfy(\.isNumber)
    // A refusal written whole (`421 4.2.1 …`) is the answer, even after a greeting (`220-…`).
    r.replyCode = exitStatus ? nil : ReplyPairs.all(in: diagnostic).first(where: { $0.replyCode >= 400 && $0.status != nil })?.replyCode
      ?? SMTPCodes.replyCode(in: diagnostic)
    r.remoteMTA = v.remoteMTA.map(stripType).map(host).flatMap { $0.isEmpty ? nil : $0 }
    r.lastAttemptDate = v.lastAttemptDate
    r.willRetryUntil = v.willRetryUntil
    return r
  }

  /// The values of a recipient group that ``recipient(from:)`` reads, found in one pass: each
  /// is the first field of its name, nil when absent or empty, as `[Field].value(_:)` gives.
  private struct GroupValues {
    var final: String?
    var original: String?
    var actual: String?
    var action: String?
    var diagnostic: String?
    var status: String?
    var remoteMTA: String?
    var lastAttemptDate: String?
    var willRetryUntil: String?

    init(_ group: [DSNFields.Field]) {
      var seen: UInt16 = 0
      for field in group {
        let name = field.name
        switch name.utf8.count {
        case 6:
          if name == "action" { Self.first(0, field.value, &seen, &action) } else if name == "status" { Self.first(1, field.value, &seen, &status) }
        case 10:
          if name == "remote-mta" { Self.first(2, field.value, &seen, &remoteMTA) }
        case 15:
          if name == "final-recipient" { Self.first(3, field.value, &seen, &final) } else if name == "diagnostic-code" { Self.first(4, field.value, &seen, &diagnostic) }
        case 16:
          if name == "will-retry-until" { Self.first(5, field.value, &seen, &willRetryUntil) }
        case 17:
          if name == "last-attempt-date" { Self.first(6, field.value, &seen, &lastAttemptDate) }
        case 18:
          if name == "original-recipient" { Self.first(7, field.value, &seen, &original) } else if name == "x-actual-recipient" { Self.first(8, field.value, &seen, &actual) }
        default:
          break
        }
      }
    }

    /// Keeps the first field of each name only (bit `k` of `seen` marks name `k` as seen).
    @inline(__always) private static func first(_ k: UInt16, _ value: String, _ seen: inout UInt16, _ slot: inout String?) {
      guard seen & (1 << k) == 0 else { return }
      seen |= 1 << k
      if !value.isEmpty { slot = value }
    }
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
    if field.first == diagnostic.first || field.hasByteSuffix(".0.0") { return diagnostic }
    if action == .failed && diagnostic.utf8.first == UInt8(ascii: "5") || action == .delayed && diagnostic.utf8.first == UInt8(ascii: "4") { return diagnostic }
    return field
  }

  /// `rfc822; user@example.jp` → `user@example.jp` (also without the type, or in brackets).
  static func address(_ value: String) -> String? {
    // Most values (all that come from `DSNFields`) are folded already: the address is read
    // from their bytes in place, with no folded copy first.
    let direct: String?? = value.withUTF8Bytes { bytes -> String?? in
      guard let range = plainText(of: bytes) else { return .none }
      let bare = UnsafeBufferPointer(rebasing: bytes[range])
      if let found = Addresses.first(inBytes: bare) { return .some(found) }
      let cleaned = Addresses.cleanRange(bare)
      return .some(cleaned.isEmpty ? nil : String(decoding: UnsafeBufferPointer(rebasing: bare[cleaned]), as: UTF8.self))
    }
    if let direct { return direct }
    let bare = stripType(value)
    if let found = Addresses.first(in: bare) { return found }
    let cleaned = Addresses.clean(bare)
    return cleaned.isEmpty ? nil : cleaned
  }

  /// Where in `bytes` the text ``stripType(_:)`` returns lies, when it is those bytes as they
  /// are (no whitespace to fold); nil when it is not, or the type prefix is not ASCII (the
  /// string is built then).
  static func plainText(of bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
    var from = 0
    if let semicolon = ByteScan.first(ASCII.semicolon, in: bytes) {
      var lo = 0
      var hi = semicolon
      while lo < hi, bytes[lo] == ASCII.space { lo += 1 }
      while hi > lo, bytes[hi - 1] == ASCII.space { hi -= 1 }
      if hi > lo, hi - lo <= 20 {
        var ascii = true
        var valid = true
        for b in bytes[lo..<hi] {
          if b >= 0x80 { ascii = false } else if !isTypeByte(b) { valid = false }
        }
        // Letters of other scripts are judged by character: left to `splitType`.
        guard ascii else { return nil }
        if valid { from = semicolon + 1 }
      }
    }
    let rest = UnsafeBufferPointer(rebasing: bytes[from...])
    let trimmed = FoldedText.trimmedRange(rest)
    guard FoldedText.isPlain(UnsafeBufferPointer(rebasing: rest[trimmed])) else { return nil }
    return (trimmed.lowerBound + from)..<(trimmed.upperBound + from)
  }

  /// A byte of an ASCII type name: letter, digit, `-`, `_` or `/`.
  @inline(__always) private static func isTypeByte(_ b: UInt8) -> Bool {
    ASCII.isAlnum(b) || b == ASCII.hyphen || b == ASCII.underscore || b == ASCII.slash
  }

  /// `@relay.example:user@host` → `user@host`.
  static func stripSourceRoute(_ address: String) -> String {
    guard address.hasBytePrefix("@"), let colon = address.utf8.firstIndex(of: UInt8(ascii: ":")) else { return address }
    return String(address[address.index(after: colon)...])
  }

  /// `dns; mx.example.jp` → `mx.example.jp`.
  static func stripType(_ value: String) -> String {
    splitType(value).text
  }

  /// `smtp; 550 …` → (`smtp`, `550 …`). A value with no type prefix has type nil.
  static func splitType(_ value: String) -> (type: String?, text: String) {
    value.withUTF8Bytes { bytes in
      guard let semicolon = ByteScan.first(ASCII.semicolon, in: bytes) else { return (nil, String(foldedCopyOf: bytes)) }
      var lo = 0
      var hi = semicolon
      while lo < hi, bytes[lo] == ASCII.space { lo += 1 }
      while hi > lo, bytes[hi - 1] == ASCII.space { hi -= 1 }
      let typeBytes = UnsafeBufferPointer(rebasing: bytes[lo..<hi])
      guard !typeBytes.isEmpty, typeBytes.count <= 20, let type = typeName(typeBytes) else {
        return (nil, String(foldedCopyOf: bytes))
      }
      return (type, String(foldedCopyOf: UnsafeBufferPointer(rebasing: bytes[(semicolon + 1)...])))
    }
  }

  /// The lower-cased type name (`dns`, `rfc822`, `smtp`, `x-unix`) when `bytes` are one: letters,
  /// digits, `-`, `_` and `/`.
  private static func typeName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    if bytes.allSatisfy({ $0 < 0x80 }) {
      guard bytes.allSatisfy(isTypeByte) else { return nil }
      // The usual names come back as literals: no string to build.
      switch bytes.count {
      case 4 where bytes.startsIgnoringCase("smtp"): return "smtp"
      case 3 where bytes.startsIgnoringCase("dns"): return "dns"
      case 6 where bytes.startsIgnoringCase("rfc822"): return "rfc822"
      case 6 where bytes.startsIgnoringCase("x-unix"): return "x-unix"
      default: return String(asciiLowercasing: bytes)
      }
    }
    // Letters of other scripts count too, as `Character.isLetter` has them.
    let type = String(decoding: bytes, as: UTF8.self)
    guard type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "/" }) else { return nil }
    return type.lowercased()
  }

  /// `[192.0.2.1]` → `192.0.2.1`; `mx.example.jp.` → `mx.example.jp`; a host followed by
  /// an address in brackets keeps the name.
  static func host(_ value: String) -> String {
    var value = value
    return value.withUTF8 { bytes in
      var lo = 0
      var hi = bytes.count
      while lo < hi, bytes[lo] == ASCII.space { lo += 1 }
      hi = ByteScan.firstOrEnd(ASCII.space, in: bytes, from: lo)
      func bracket(_ b: UInt8) -> Bool { b == 0x5B || b == 0x5D || b == 0x28 || b == 0x29 || b == 0x3C || b == 0x3E }
      while lo < hi, bracket(bytes[lo]) { lo += 1 }
      while hi > lo, bracket(bytes[hi - 1]) { hi -= 1 }
      if hi > lo, bytes[hi - 1] == ASCII.dot { hi -= 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
    }
  }

  /// The DSN action, forgiving the variants seen in real reports.
  static func action(_ value: String) -> DeliveryAction? {
    // The first word, found and compared on the bytes: no new string, no string comparisons.
    value.withUTF8Bytes { bytes in
      func isBreak(_ b: UInt8) -> Bool { b == ASCII.space || b == 0x28 || b == ASCII.semicolon }
      var start = 0
      while start < bytes.count, isBreak(bytes[start]) { start += 1 }
      var end = start
      while end < bytes.count, !isBreak(bytes[end]) { end += 1 }
      let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
      // A word with other than ASCII letters is none of these.
      return actionWords.first { $0.word.utf8CodeUnitCount == word.count && word.startsIgnoringCase($0.word) }?.action
    }
  }

  /// The words of an `Action` field, lower case. "expired" (SendGrid) means the message left
  /// the queue undelivered.
  private static let actionWords: [(word: StaticString, action: DeliveryAction)] = [
    ("failed", .failed), ("failure", .failed), ("fail", .failed), ("bounced", .failed), ("bounce", .failed),
    ("permanent", .failed), ("expired", .failed),
    ("delayed", .delayed), ("delay", .delayed), ("deferred", .delayed), ("transient", .delayed),
    ("delivered", .delivered), ("deliverable", .delivered), ("success", .delivered),
    ("relayed", .relayed), ("relay", .relayed),
    ("expanded", .expanded), ("expand", .expanded),
  ]
}
