/// The field groups of an RFC 3464 `message/delivery-status` body, read leniently.
///
/// Real MTAs write sloppy reports: no blank line between recipients, per-message fields mixed
/// into the first recipient group, folded values, missing address-type prefixes. The reader
/// sorts fields by name instead of trusting the layout: per-message field names always go to
/// the message; a second `Final-Recipient` (or `Original-Recipient`) in a group starts a new
/// recipient.
struct DSNFields {
  /// One `Name: value` line (folds joined), name in lower case.
  struct Field: Equatable {
    var name: String
    var value: String
  }

  /// Per-message fields (`Reporting-MTA`, `Arrival-Date`, …).
  var message: [Field] = []
  /// One list of fields per recipient.
  var recipients: [[Field]] = []

  /// True when `name` is a per-message field (`Reporting-MTA`, `DSN-Gateway`, `Received-From-MTA`,
  /// `Arrival-Date`, `Original-Envelope-ID`, and the Postfix and Exchange extensions), compared
  /// by length and bytes: no hashing, as every field of every report is asked.
  static func isPerMessage(_ name: String) -> Bool {
    switch name.utf8.count {
    case 11: return name.isName("dsn-gateway")
    case 12: return name.isName("arrival-date")
    case 13: return name.isName("reporting-mta")
    case 16: return name.isName("x-postfix-sender")
    case 17: return name.isName("received-from-mta")
    case 18: return name.isName("x-postfix-queue-id")
    case 20: return name.isName("original-envelope-id")
    case 21: return name.isName("x-original-message-id")
    case 28: return name.isName("x-ms-exchange-message-is-ndr")
    default: return false
    }
  }

  /// The limits reached: ``DecodeLimits/Limit/recipients`` when groups were dropped,
  /// ``DecodeLimits/Limit/headerFieldBytes`` when a value was cut.
  var limitsReached: Set<DecodeLimits.Limit> = []

  /// Most recipient groups kept from one report by default.
  static var maxRecipients: Int { DecodeLimits.standard.maxRecipients }

  /// Parses the (already transfer-decoded) text of a delivery-status part. At most
  /// `limits.maxRecipients` groups are kept and each value is cut at
  /// `limits.maxHeaderFieldBytes`.
  init(text: String, limits: DecodeLimits = .standard) {
    var cut = false
    let parsed = Self.fields(in: text, maxValueBytes: limits.maxHeaderFieldBytes, cut: &cut)
    self.init(parsed: parsed, cut: cut, limits: limits)
  }

  /// Parses a delivery-status part: ``init(text:limits:)`` on `part.text`. A part whose
  /// decoded bytes are plain ASCII (as nearly all are) is read from those bytes in place,
  /// with no text made of them: converting them would give the same bytes (CRLF aside,
  /// which the reader takes as LF; see ``readsAsItsText(_:label:)``).
  init(part: MIMEPart, limits: DecodeLimits = .standard) {
    let body = part.decodedBody
    guard Self.readsAsItsText(body, label: part.contentType[parameter: "charset"]) else {
      self.init(text: part.text, limits: limits)
      return
    }
    // Fields go into their groups as they are read: no list of them in between.
    let maxValueBytes = limits.maxHeaderFieldBytes
    let scanned = body.withUnsafeBufferPointer { bytes -> (Grouping, Bool) in
      var scanner = FieldScanner(bytes: bytes, maxValueBytes: maxValueBytes, grouping: Grouping(maxRecipients: limits.maxRecipients))
      scanner.scan()
      return (scanner.grouping!, scanner.valueCut)
    }
    var grouping = scanned.0
    self.init(grouping: &grouping, cut: scanned.1)
  }

  /// True when the fields of `bytes` are those of the text `MIMEPart.text` makes of them
  /// (with charset `label`): ASCII with no escape byte (every charset but UTF-7, HZ and
  /// ISO-2022-JP, whose escapes and shifts are ASCII, then passes the bytes through as they
  /// are), and no CR but before an LF (the text turns CRLF into LF, which the field reader
  /// sees alike, and a CR alone into a line break, which it would not).
  static func readsAsItsText(_ body: ArraySlice<UInt8>, label: String?) -> Bool {
    let name = label.map(Charset.canonicalName) ?? ""
    if name == "UTF-7" || name == "hz-gb-2312" || name == "iso-2022-jp" || name == "ISO-2022-JP-2" { return false }
    return body.withUnsafeBufferPointer { b in
      let n = b.count
      var i = 0
      if let base = b.baseAddress {
        // Sixteen bytes at a time; the CRs of a block that has any are looked at one by one.
        let raw = UnsafeRawPointer(base)
        let high = SIMD16<UInt8>(repeating: 0x80)
        let escape = SIMD16<UInt8>(repeating: ASCII.escape)
        let cr = SIMD16<UInt8>(repeating: ASCII.cr)
        while i + 16 <= n {
          let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
          let bad = unsafeBitCast((v .>= high) .| (v .== escape), to: SIMD2<UInt64>.self)
          if bad[0] | bad[1] != 0 { return false }
          let crs = unsafeBitCast(v .== cr, to: SIMD2<UInt64>.self)
          if crs[0] | crs[1] != 0 {
            for j in i..<(i + 16) where b[j] == ASCII.cr {
              if j + 1 >= n || b[j + 1] != ASCII.lf { return false }
            }
          }
          i += 16
        }
      }
      while i < n {
        let c = b[i]
        if c >= 0x80 || c == ASCII.escape { return false }
        if c == ASCII.cr, i + 1 >= n || b[i + 1] != ASCII.lf { return false }
        i += 1
      }
      return true
    }
  }

  /// Groups the fields read from a part (see ``DSNFields``).
  private init(parsed: [Field?], cut: Bool, limits: DecodeLimits) {
    var grouping = Grouping(maxRecipients: limits.maxRecipients)
    for field in parsed {
      if let field { grouping.add(field) } else { grouping.blank() }
    }
    self.init(grouping: &grouping, cut: cut)
  }

  /// The groups `grouping` made, closed.
  private init(grouping: inout Grouping, cut: Bool) {
    grouping.finish()
    message = grouping.message
    recipients = grouping.recipients
    limitsReached = grouping.limitsReached
    if cut { limitsReached.insert(.headerFieldBytes) }
  }

  /// Sorts fields, as they are read, into the message's and each recipient's (see
  /// ``DSNFields``). A value of its own, changed through its methods: nested functions
  /// changing the groups in progress would make every use an access check.
  private struct Grouping {
    let maxRecipients: Int
    var message: [Field] = []
    var recipients: [[Field]] = []
    var limitsReached: Set<DecodeLimits.Limit> = []
    var current: [Field] = []
    /// Whether `current` names a recipient, kept as fields arrive: asking again at every
    /// blank line would rescan a long group once per line.
    var currentNamesRecipient = false
    var currentHasFinal = false
    var currentHasOriginal = false

    init(maxRecipients: Int) {
      self.maxRecipients = maxRecipients
      // A report has a handful of per-message fields: room for them at once.
      message.reserveCapacity(8)
    }

    /// A blank line ends a recipient group (a group naming no recipient yet may still be the
    /// first half of one, written with a stray blank line).
    @inline(__always) mutating func blank() {
      if currentNamesRecipient { closeRecipient() }
    }

    mutating func add(_ field: __owned Field) {
      if DSNFields.isPerMessage(field.name) {
        message.append(field)
        return
      }
      let isFinal = field.name.isName("final-recipient")
      let isOriginal = !isFinal && field.name.isName("original-recipient")
      if (isFinal && currentHasFinal) || (isOriginal && currentHasOriginal) {
        closeRecipient()
      }
      if isFinal {
        currentHasFinal = true
        currentNamesRecipient = true
      } else if isOriginal {
        currentHasOriginal = true
        currentNamesRecipient = true
      } else if field.name.isName("x-actual-recipient") {
        currentNamesRecipient = true
      }
      // A recipient group holds a handful of fields: room for them at once.
      if current.isEmpty { current.reserveCapacity(8) }
      current.append(field)
    }

    mutating func closeRecipient() {
      if currentNamesRecipient {
        if recipients.count < maxRecipients {
          recipients.append(current)
        } else {
          limitsReached.insert(.recipients)
        }
      } else if !current.isEmpty, !recipients.isEmpty {
        // Fields after a recipient group that name no recipient belong to the last one.
        recipients[recipients.count - 1].append(contentsOf: current)
      } else {
        message.append(contentsOf: current)
      }
      current = []
      currentNamesRecipient = false
      currentHasFinal = false
      currentHasOriginal = false
    }

    mutating func finish() {
      if !current.isEmpty { closeRecipient() }
    }
  }

  /// The fields of `text` in order; nil stands for a blank line. Folded lines are joined.
  static func fields(in text: String) -> [Field?] {
    var cut = false
    return fields(in: text, maxValueBytes: DecodeLimits.standard.maxHeaderFieldBytes, cut: &cut)
  }

  /// The fields of `text`, each value cut at `maxValueBytes` (`cut` is set when one was).
  /// Works on the UTF-8 bytes in place: field names and the line structure are ASCII. A value
  /// on one line is folded straight from the text; only folded values are gathered first.
  static func fields(in text: String, maxValueBytes: Int, cut: inout Bool) -> [Field?] {
    // Everything the scan changes lives inside the closure, in a scanner whose methods change
    // it in place: variables captured by nested functions would be boxed and checked for
    // exclusive access at every use.
    let (out, valueCut) = text.withUTF8Bytes { bytes -> ([Field?], Bool) in
      var scanner = FieldScanner(bytes: bytes, maxValueBytes: maxValueBytes)
      scanner.scan()
      return (scanner.out, scanner.valueCut)
    }
    if valueCut { cut = true }
    return out
  }

  /// The scan of ``fields(in:maxValueBytes:cut:)``.
  private struct FieldScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxValueBytes: Int
    var out: [Field?] = []
    var valueCut = false
    var name: String? = nil
    /// The value so far: a range of `bytes` while it is one line, else `gathered`.
    var first = 0..<0
    var gathered: [UInt8] = []
    var isGathered = false
    /// Where the fields go when they are grouped as they come (else into `out`).
    var grouping: Grouping?

    init(bytes: UnsafeBufferPointer<UInt8>, maxValueBytes: Int, grouping: Grouping? = nil) {
      self.bytes = bytes
      self.maxValueBytes = maxValueBytes
      self.grouping = grouping
      if grouping == nil { out.reserveCapacity(16) }
    }

    mutating func flush() {
      if let n = name {
        var folded = isGathered
          ? gathered.withUnsafeBufferPointer { String(foldingWhitespaceIn: $0) }
          : String(foldedCopyOf: UnsafeBufferPointer(rebasing: bytes[first]))
        if folded.utf8.count > maxValueBytes {
          folded = String(folded.utf8Prefix(maxValueBytes))
          valueCut = true
        }
        if grouping != nil { grouping!.add(Field(name: n, value: folded)) } else { out.append(Field(name: n, value: folded)) }
      }
      name = nil
      isGathered = false
      gathered.removeAll(keepingCapacity: true)
    }

    mutating func extend(_ line: Range<Int>) {
      // A value already over the limit grows no further (the rest is cut on flush anyway).
      guard (isGathered ? gathered.count : first.count) <= maxValueBytes else { valueCut = true; return }
      if !isGathered {
        gathered.append(contentsOf: bytes[first])
        isGathered = true
      }
      gathered.append(ASCII.space)
      gathered.append(contentsOf: bytes[line])
    }

    mutating func scan() {
      var start = 0
      let n = bytes.count
      while start <= n {
        let end = start >= n ? n : ByteScan.firstOrEnd(ASCII.lf, in: bytes, from: start)
        var lineEnd = end
        if lineEnd > start, bytes[lineEnd - 1] == ASCII.cr { lineEnd -= 1 }
        let line = start..<lineEnd
        start = end + 1
        var head = line.lowerBound
        while head < lineEnd, ASCII.isSpace(bytes[head]) { head += 1 }
        if head == lineEnd {
          flush()
          if grouping != nil { grouping!.blank() } else { out.append(nil) }
          continue
        }
        if head > line.lowerBound {
          if name != nil { extend(line) }
          continue
        }
        if let colon = ByteScan.first(ASCII.colon, in: UnsafeBufferPointer(rebasing: bytes[line])).map({ $0 + line.lowerBound }) {
          var nameEnd = colon
          while nameEnd > line.lowerBound, ASCII.isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
          let nameBytes = UnsafeBufferPointer(rebasing: bytes[line.lowerBound..<nameEnd])
          if !nameBytes.isEmpty, nameBytes.allSatisfy({ ASCII.isAlnum($0) || $0 == ASCII.hyphen || $0 == ASCII.underscore }) {
            flush()
            name = DSNFields.fieldName(nameBytes)
            first = (colon + 1)..<lineEnd
            continue
          }
        }
        // A line that is not a field continues the previous value (unindented fold).
        if name != nil { extend(line) }
      }
      flush()
    }
  }

  /// The lower-cased field name: the delivery-status names as literals (no string built, no
  /// table searched), any other through ``FieldNames``.
  static func fieldName(_ b: UnsafeBufferPointer<UInt8>) -> String {
    switch b.count {
    case 6:
      if b.startsIgnoringCase("action") { return "action" }
      if b.startsIgnoringCase("status") { return "status" }
    case 10:
      if b.startsIgnoringCase("remote-mta") { return "remote-mta" }
    case 12:
      if b.startsIgnoringCase("arrival-date") { return "arrival-date" }
    case 13:
      if b.startsIgnoringCase("reporting-mta") { return "reporting-mta" }
    case 15:
      if b.startsIgnoringCase("final-recipient") { return "final-recipient" }
      if b.startsIgnoringCase("diagnostic-code") { return "diagnostic-code" }
    case 16:
      if b.startsIgnoringCase("x-postfix-sender") { return "x-postfix-sender" }
      if b.startsIgnoringCase("will-retry-until") { return "will-retry-until" }
    case 17:
      if b.startsIgnoringCase("last-attempt-date") { return "last-attempt-date" }
      if b.startsIgnoringCase("received-from-mta") { return "received-from-mta" }
    case 18:
      if b.startsIgnoringCase("original-recipient") { return "original-recipient" }
      if b.startsIgnoringCase("x-postfix-queue-id") { return "x-postfix-queue-id" }
      if b.startsIgnoringCase("x-actual-recipient") { return "x-actual-recipient" }
    default:
      break
    }
    return FieldNames.lowercased(b)
  }
}


extension Array where Element == DSNFields.Field {
  /// The value of the first field named `name`, nil when absent or empty.
  func value(_ name: String) -> String? {
    let count = name.utf8.count
    guard let v = first(where: { $0.name.utf8.count == count && $0.name == name })?.value, !v.isEmpty else { return nil }
    return v
  }
}
