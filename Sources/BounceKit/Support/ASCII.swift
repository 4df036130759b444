// Byte-level helpers shared by every stage: mail is bytes first, text second.

/// ASCII byte constants used by the parsers.
enum ASCII {
  static let lf: UInt8 = 0x0A
  static let cr: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let tab: UInt8 = 0x09
  static let colon: UInt8 = 0x3A
  static let semicolon: UInt8 = 0x3B
  static let equals: UInt8 = 0x3D
  static let quote: UInt8 = 0x22
  static let backslash: UInt8 = 0x5C
  static let hyphen: UInt8 = 0x2D
  static let slash: UInt8 = 0x2F
  static let dot: UInt8 = 0x2E
  static let lessThan: UInt8 = 0x3C
  static let greaterThan: UInt8 = 0x3E
  static let at: UInt8 = 0x40
  static let zero: UInt8 = 0x30
  static let question: UInt8 = 0x3F
  static let underscore: UInt8 = 0x5F
  static let hash: UInt8 = 0x23
  static let openParen: UInt8 = 0x28
  static let closeParen: UInt8 = 0x29
  static let escape: UInt8 = 0x1B

  @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == space || b == tab }
  @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
    b == space || b == tab || b == lf || b == cr
  }
  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
  @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }
  /// `< > ( ) [ ] " '`: what wraps an address or a host name in running text.
  @inline(__always) static func isBracketOrQuote(_ b: UInt8) -> Bool {
    b == lessThan || b == greaterThan || b == 0x28 || b == 0x29 || b == 0x5B || b == 0x5D || b == quote || b == 0x27
  }
  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
}

extension Collection where Element == UInt8 {
  /// True when the bytes begin with `prefix`, compared ASCII case-insensitively.
  /// `prefix` must already be lower case.
  func hasPrefixIgnoringCase(_ prefix: StaticString) -> Bool {
    // Most texts differ at the first byte: settle those before reaching for the storage.
    guard prefix.utf8CodeUnitCount > 0 else { return true }
    guard let head = first, ASCII.lower(head) == prefix.utf8Start[0] else { return false }
    // Text is contiguous: compare through a pointer, without the view's index arithmetic.
    if let found = withContiguousStorageIfAvailable({ $0.startsIgnoringCase(prefix) }) { return found }
    let count = prefix.utf8CodeUnitCount
    var index = startIndex
    let p = prefix.utf8Start
    for i in 0..<count {
      guard index != endIndex else { return false }
      if ASCII.lower(self[index]) != p[i] { return false }
      index = self.index(after: index)
    }
    return true
  }
}

extension Collection where Element == UInt8 {
  /// True when the bytes begin with one of `prefixes`, compared ASCII case-insensitively: not
  /// read beyond the first byte when no prefix starts with it (most texts), else the storage
  /// is reached once for all of them.
  @inline(__always) func hasPrefixIgnoringCase(anyOf prefixes: PrefixSet) -> Bool {
    // The first-byte test inlined at the call, the rest (seldom reached) called.
    guard let head = first else { return prefixes.hasEmpty }
    guard prefixes.mayStart(with: ASCII.lower(head)) else { return false }
    return startsWithOne(of: prefixes)
  }

  /// ``hasPrefixIgnoringCase(anyOf:)`` past the first-byte test.
  private func startsWithOne(of prefixes: PrefixSet) -> Bool {
    if let found = withContiguousStorageIfAvailable({ bytes in prefixes.prefixes.contains { bytes.startsIgnoringCase($0) } }) { return found }
    return prefixes.prefixes.contains { hasPrefixIgnoringCase($0) }
  }
}

/// Lower-case ASCII prefixes looked for at the start of texts (lines that open a field block,
/// say), with the set of their first bytes, worked out once.
struct PrefixSet: Sendable, ExpressibleByArrayLiteral {
  /// The prefixes, lower case.
  let prefixes: [StaticString]
  /// Whether one of them is empty (then every text has one).
  let hasEmpty: Bool
  /// One bit per first byte below 0x80; a prefix opening with another byte sets `otherFirst`.
  private let firstBytes: (UInt64, UInt64)
  private let otherFirst: Bool

  init(arrayLiteral prefixes: StaticString...) {
    self.prefixes = prefixes
    var bits: (UInt64, UInt64) = (0, 0)
    var empty = false
    var other = false
    for p in prefixes {
      guard p.utf8CodeUnitCount > 0 else {
        empty = true
        continue
      }
      let b = p.utf8Start[0]
      if b >= 0x80 { other = true } else if b < 64 { bits.0 |= 1 << UInt64(b) } else { bits.1 |= 1 << UInt64(b - 64) }
    }
    hasEmpty = empty
    firstBytes = bits
    otherFirst = other
  }

  /// False when no prefix can start with `byte` (lower case).
  @inline(__always) func mayStart(with byte: UInt8) -> Bool {
    if hasEmpty { return true }
    if byte >= 0x80 { return otherFirst }
    return byte < 64 ? firstBytes.0 & (1 << UInt64(byte)) != 0 : firstBytes.1 & (1 << UInt64(byte - 64)) != 0
  }
}

extension UnsafeBufferPointer<UInt8> {
  /// `hasPrefixIgnoringCase` on a buffer (`prefix` in lower case).
  @inline(__always) func startsIgnoringCase(_ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard self.count >= count else { return false }
    let p = prefix.utf8Start
    for i in 0..<count where ASCII.lower(self[i]) != p[i] { return false }
    return true
  }
}

extension ArraySlice where Element == UInt8 {
  /// The index of the first LF at or after `from`, or `endIndex`.
  @inline(__always) func firstLineBreak(from: Int) -> Int {
    withUnsafeBufferPointer { ByteScan.firstOrEnd(ASCII.lf, in: $0, from: from - startIndex) } + startIndex
  }

  /// The slice without leading and trailing spaces, tabs and line breaks.
  func trimmingWhitespace() -> ArraySlice<UInt8> {
    var lo = startIndex
    var hi = endIndex
    while lo < hi, ASCII.isWhitespace(self[lo]) { lo += 1 }
    while hi > lo, ASCII.isWhitespace(self[hi - 1]) { hi -= 1 }
    return self[lo..<hi]
  }
}

extension String {
  /// Builds a string from ASCII-lower-cased copies of `bytes` (header and field names).
  init(asciiLowercasing bytes: some Collection<UInt8>) {
    // Written straight into the string's storage: no intermediate array.
    self = String(unsafeUninitializedCapacity: bytes.count) { out in
      var k = 0
      for b in bytes {
        out[k] = ASCII.lower(b)
        k += 1
      }
      return k
    }
  }

  /// Builds a string from UTF-8 bytes, replacing invalid sequences with U+FFFD.
  init(utf8Bytes bytes: some Collection<UInt8>) {
    self = String(decoding: bytes, as: UTF8.self)
  }

  /// The string with runs of whitespace (including line breaks) folded to one space and
  /// trimmed at both ends: how diagnostics are compared and shown.
  var foldingWhitespace: String {
    // Most values are folded already: single spaces only, none at either end.
    var copy = self
    return copy.withUTF8 { bytes in
      Self.isFolded(bytes) ? self : Self(foldingWhitespaceIn: bytes)
    }
  }

  /// True when `bytes` hold no whitespace but single spaces between words.
  private static func isFolded(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.first, let last = bytes.last else { return true }
    return first != ASCII.space && last != ASCII.space && FoldedText.isPlain(bytes)
  }

  /// The text of UTF-8 `bytes` with runs of whitespace folded to one space and trimmed at
  /// both ends (see ``foldingWhitespace``), built in one pass with no intermediate copy.
  init(foldingWhitespaceIn bytes: UnsafeBufferPointer<UInt8>) {
    self = String(unsafeUninitializedCapacity: bytes.count) { out in
      FoldedText.fold(bytes, into: out, at: 0, pendingSpace: false)
    }
  }

  /// ASCII-only lower casing: leaves every non-ASCII scalar as it is, and is much
  /// cheaper than `lowercased()`.
  var asciiLowercased: String {
    var needs = false
    for b in utf8 where b &- 0x41 < 26 { needs = true; break }
    guard needs else { return self }
    var copy = self
    return copy.withUTF8 { String(asciiLowercasing: $0) }
  }
}

extension StringProtocol {
  /// True when the UTF-8 bytes hold `byte` (an ASCII character): a memory scan. Cheaper than
  /// `contains("@")`, which searches for a string, and exact for ASCII, which never occurs
  /// inside a multi-byte character.
  @inline(__always) func containsByte(_ byte: UInt8) -> Bool {
    if let found = utf8.withContiguousStorageIfAvailable({ ByteScan.first(byte, in: $0) != nil }) { return found }
    return utf8.contains(byte)
  }
}
