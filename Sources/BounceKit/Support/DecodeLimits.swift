/// How much of one message BounceKit decodes: every bound that keeps time and memory linear in
/// the input whatever a broken server or a spammer sends.
///
/// Over a limit BounceKit never fails: it keeps what it has read, goes on, and says so in
/// ``BounceResult/warnings`` (one sentence per limit reached, see ``Limit/warning(_:)``). The
/// defaults are far above what real bounces need (the largest of ~630 real bounces is under
/// 1 MB, with 3 levels of MIME nesting and a few dozen parts).
///
/// | limit | default | over it |
/// | --- | --- | --- |
/// | ``maxMessageBytes`` | 16 MiB | the rest of the message is skipped |
/// | ``maxMIMEDepth`` | 24 levels | deeper parts stay one opaque body |
/// | ``maxMIMEParts`` | 500 | later parts stay inside the last body |
/// | ``maxHeaderFields`` | 1,000 per header | later fields are ignored |
/// | ``maxHeaderFieldBytes`` | 64 KiB per field | the value is cut |
/// | ``maxRecipients`` | 1,000 per report | later recipients are dropped |
/// | ``maxPartBytes`` | 4 MiB per part | only the part's first bytes are decoded |
/// | ``maxScannedTextBytes`` | 64 KiB | rules read only the beginning of a text |
///
/// Lines have no limit of their own: a line is bounded by the message, and a header line by
/// its field.
public struct DecodeLimits: Sendable, Equatable {
  /// Bytes of one message read (after line endings are normalised); the rest is skipped. Also
  /// bounds the longest line.
  public var maxMessageBytes: Int
  /// Deepest MIME nesting parsed (multiparts in multiparts, embedded messages).
  public var maxMIMEDepth: Int
  /// Most MIME parts built for one message.
  public var maxMIMEParts: Int
  /// Most fields kept from one header block.
  public var maxHeaderFields: Int
  /// Longest header field value kept (folded lines together), and longest field of a delivery
  /// status report.
  public var maxHeaderFieldBytes: Int
  /// Most recipients kept from one report.
  public var maxRecipients: Int
  /// Bytes of one part's raw body given to the transfer and charset decoders.
  public var maxPartBytes: Int
  /// Bytes of one text (a diagnostic, a body) that the classification rules read.
  public var maxScannedTextBytes: Int

  /// The defaults (see the table above); set any property to change one.
  public init(
    maxMessageBytes: Int = 16 << 20, maxMIMEDepth: Int = 24, maxMIMEParts: Int = 500,
    maxHeaderFields: Int = 1000, maxHeaderFieldBytes: Int = 64 << 10, maxRecipients: Int = 1000,
    maxPartBytes: Int = 4 << 20, maxScannedTextBytes: Int = 64 << 10
  ) {
    self.maxMessageBytes = maxMessageBytes
    self.maxMIMEDepth = maxMIMEDepth
    self.maxMIMEParts = maxMIMEParts
    self.maxHeaderFields = maxHeaderFields
    self.maxHeaderFieldBytes = maxHeaderFieldBytes
    self.maxRecipients = maxRecipients
    self.maxPartBytes = maxPartBytes
    self.maxScannedTextBytes = maxScannedTextBytes
  }

  /// The limits BounceKit uses unless told otherwise.
  public static let standard = DecodeLimits()

  /// One of the limits, as reported when it is reached.
  public enum Limit: String, Sendable, CaseIterable, Comparable {
    /// ``DecodeLimits/maxMessageBytes``.
    case messageBytes
    /// ``DecodeLimits/maxMIMEDepth``.
    case mimeDepth
    /// ``DecodeLimits/maxMIMEParts``.
    case mimeParts
    /// ``DecodeLimits/maxHeaderFields``.
    case headerFields
    /// ``DecodeLimits/maxHeaderFieldBytes``.
    case headerFieldBytes
    /// ``DecodeLimits/maxRecipients``.
    case recipients
    /// ``DecodeLimits/maxPartBytes``.
    case partBytes
    /// ``DecodeLimits/maxScannedTextBytes``.
    case scannedTextBytes

    /// Declaration order, so that warnings come out in a stable order.
    public static func < (a: Limit, b: Limit) -> Bool {
      (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }

    /// The sentence put in ``BounceResult/warnings`` when this limit is reached.
    public func warning(_ limits: DecodeLimits) -> String {
      switch self {
      case .messageBytes:
        return "limit reached: the message is larger than \(Self.size(limits.maxMessageBytes)); only its beginning was read"
      case .mimeDepth:
        return "limit reached: MIME parts are nested deeper than \(limits.maxMIMEDepth) levels; deeper parts were not read"
      case .mimeParts:
        return "limit reached: the message has more than \(limits.maxMIMEParts) MIME parts; later parts were not read"
      case .headerFields:
        return "limit reached: a header has more than \(limits.maxHeaderFields) fields; later fields were ignored"
      case .headerFieldBytes:
        return "limit reached: a header or report field is longer than \(Self.size(limits.maxHeaderFieldBytes)); it was cut"
      case .recipients:
        return "limit reached: the report names more than \(limits.maxRecipients) recipients; later ones were dropped"
      case .partBytes:
        return "limit reached: a text part is larger than \(Self.size(limits.maxPartBytes)); only its beginning is decoded"
      case .scannedTextBytes:
        return "limit reached: a text is longer than \(Self.size(limits.maxScannedTextBytes)); the rules read only its beginning"
      }
    }

    /// `16 MiB`, `64 KiB`, `300 bytes`.
    static func size(_ bytes: Int) -> String {
      if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
      if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
      return "\(bytes) bytes"
    }
  }

  /// The beginning of `text` that the classification rules may read: at most
  /// ``maxScannedTextBytes`` bytes of UTF-8, cut at the start of a Unicode scalar. The second
  /// value is true when the text was cut.
  public func scannedText(_ text: String) -> (text: Substring, cut: Bool) {
    guard text.utf8.count > maxScannedTextBytes else { return (text[...], false) }
    return (text.utf8Prefix(maxScannedTextBytes), true)
  }
}

extension String {
  /// The longest beginning of the string that takes at most `maxBytes` bytes of UTF-8, never
  /// cutting a Unicode scalar in two.
  func utf8Prefix(_ maxBytes: Int) -> Substring {
    self[...].utf8Prefix(maxBytes)
  }
}

extension Substring {
  /// The longest beginning of the substring that takes at most `maxBytes` bytes of UTF-8,
  /// never cutting a Unicode scalar in two.
  func utf8Prefix(_ maxBytes: Int) -> Substring {
    let utf8 = self.utf8
    guard utf8.count > maxBytes else { return self }
    var end = utf8.index(utf8.startIndex, offsetBy: Swift.max(0, maxBytes))
    while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
    return self[..<end]
  }
}
