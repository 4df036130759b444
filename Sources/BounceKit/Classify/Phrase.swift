/// A phrase to find in a server's answer, compared case-insensitively (ASCII letters; other
/// scripts such as Japanese as written), with runs of white space folded to one space.
///
/// A phrase matches whole words: `relay` does not match inside `relayed`. A `*` at the start or
/// the end lets the phrase run on into a longer word on that side (`blacklist*` matches
/// `blacklisted`).
public struct Phrase: Sendable, Hashable, CustomStringConvertible {
  /// The phrase as written in the rules file.
  public let text: String
  /// The bytes to find: lower-cased ASCII, folded white space, without the `*` markers.
  var needle: [UInt8]
  /// Whether the byte before the match may be a letter or digit.
  var openStart: Bool
  /// Whether the byte after the match may be a letter or digit.
  var openEnd: Bool

  /// Parses a phrase; nil when, without its `*` markers, it is shorter than three bytes.
  public init?(_ text: String) {
    let folded = text.foldingWhitespace
    var body = Substring(folded)
    var openStart = false
    var openEnd = false
    if body.hasBytePrefix("*") { openStart = true; body = body.dropFirst() }
    if body.hasByteSuffix("*") { openEnd = true; body = body.dropLast() }
    // Without markers the folded text is folded already (most phrases: no copy to fold again).
    let needle = (openStart || openEnd ? String(body).foldingWhitespace : folded).withUTF8Bytes { bytes in
      [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
        for i in bytes.indices { out[i] = ASCII.lower(bytes[i]) }
        count = bytes.count
      }
    }
    guard needle.count >= 3 else { return nil }
    self.text = text
    self.needle = needle
    self.openStart = openStart
    self.openEnd = openEnd
  }

  /// The phrase as written.
  public var description: String { text }
}
