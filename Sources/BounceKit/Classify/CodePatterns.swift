/// An enhanced status code pattern: three dot-separated parts, each a number, a range `N-M`, or
/// `*` for any. `5.1.1`, `*.2.2` (any class), `5.7.*`, `*.7.606-649`.
public struct StatusPattern: Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written.
  public let text: String
  private var parts: [ClosedRange<Int>]

  /// Parses a pattern; nil when it is not of the form above.
  public init?(_ text: String) {
    let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
    guard pieces.count == 3 else { return nil }
    var parts: [ClosedRange<Int>] = []
    for piece in pieces {
      guard let range = Self.range(piece) else { return nil }
      parts.append(range)
    }
    guard parts[0] == 0...999 || parts[0].allSatisfy({ $0 == 2 || $0 == 4 || $0 == 5 }) else { return nil }
    self.text = text
    self.parts = parts
  }

  private static func range(_ piece: Substring) -> ClosedRange<Int>? {
    if piece == "*" { return 0...999 }
    let bounds = piece.split(separator: "-", omittingEmptySubsequences: false)
    guard bounds.count == 1 || bounds.count == 2 else { return nil }
    var values: [Int] = []
    for bound in bounds {
      guard !bound.isEmpty, bound.count <= 3, bound.allSatisfy(\.isASCII), let value = Int(bound), value >= 0 else { return nil }
      values.append(value)
    }
    guard let low = values.first, let high = values.last, low <= high else { return nil }
    return low...high
  }

  /// True when `code` (such as `5.1.1`) matches.
  public func matches(_ code: String) -> Bool {
    guard let parsed = Self.parse(code) else { return false }
    return matches(parsed)
  }

  /// True when a code already split into class, subject and detail matches.
  func matches(_ code: (Int, Int, Int)) -> Bool {
    parts[0].contains(code.0) && parts[1].contains(code.1) && parts[2].contains(code.2)
  }

  /// A code split into class, subject and detail; nil when it is not `N.N.N`.
  static func parse(_ code: String) -> (Int, Int, Int)? {
    // Digits and dots, as nearly every code is: read on the bytes.
    if code.utf8.allSatisfy({ ASCII.isDigit($0) || $0 == ASCII.dot }) {
      var parts = (0, 0, 0)
      var index = 0
      var digits = 0
      for b in code.utf8 {
        if b == ASCII.dot {
          guard digits > 0, index < 2 else { return nil }
          index += 1
          digits = 0
        } else {
          digits += 1
          guard digits <= 3 else { return nil }
          let d = Int(b - ASCII.zero)
          switch index {
          case 0: parts.0 = parts.0 * 10 + d
          case 1: parts.1 = parts.1 * 10 + d
          default: parts.2 = parts.2 * 10 + d
          }
        }
      }
      guard index == 2, digits > 0 else { return nil }
      return parts
    }
    let pieces = code.split(separator: ".", omittingEmptySubsequences: false)
    guard pieces.count == 3, pieces.allSatisfy({ (1...3).contains($0.count) }),
      let a = Int(pieces[0]), let b = Int(pieces[1]), let c = Int(pieces[2])
    else { return nil }
    return (a, b, c)
  }

  /// The pattern as written.
  public var description: String { text }
}

/// An SMTP reply code pattern: three characters, each a digit or `x` for any (`550`, `5xx`,
/// `55x`), or a range `550-554`.
public struct ReplyPattern: Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written.
  public let text: String
  private var low: Int
  private var high: Int
  private var mask: [UInt8]?

  /// Parses a pattern; nil when it is not of the form above.
  public init?(_ text: String) {
    let lowered = text.lowercased()
    let bounds = lowered.split(separator: "-", omittingEmptySubsequences: false)
    if bounds.count == 2 {
      guard let low = Int(bounds[0]), let high = Int(bounds[1]), bounds[0].count == 3, bounds[1].count == 3,
        (200...599).contains(low), (200...599).contains(high), low <= high
      else { return nil }
      self.low = low
      self.high = high
      self.mask = nil
    } else {
      let bytes = Array(lowered.utf8)
      guard bytes.count == 3, bytes.allSatisfy({ ASCII.isDigit($0) || $0 == 0x78 }), [0x32, 0x34, 0x35, 0x78].contains(bytes[0])
      else { return nil }
      self.low = 200
      self.high = 599
      self.mask = bytes
    }
    self.text = text
  }

  /// True when `code` matches.
  public func matches(_ code: Int) -> Bool {
    guard code >= low, code <= high else { return false }
    guard let mask else { return true }
    let digits = [UInt8(0x30 + code / 100 % 10), UInt8(0x30 + code / 10 % 10), UInt8(0x30 + code % 10)]
    for (m, d) in zip(mask, digits) where m != 0x78 && m != d { return false }
    return true
  }

  /// The pattern as written.
  public var description: String { text }
}
