/// Helpers for reading the human-readable text of a bounce line by line: ASCII
/// case-insensitive search without lower-casing copies, lone-address lines, and the point
/// where the returned original message begins.
///
/// Every search is a single forward pass over the bytes; needles are short and fixed, so the
/// cost stays linear in the text.
enum BounceText {
  /// The UTF-8 offset of the first occurrence of `needle` in `text`, compared ASCII
  /// case-insensitively. `needle` must be lower case.
  static func offset(of needle: StaticString, in text: some StringProtocol) -> Int? {
    CaselessSearch.offset(of: needle, in: text)
  }

  /// True when `text` contains `needle`, ignoring ASCII case (for needles known only at run
  /// time, such as an address).
  static func contains(_ text: some StringProtocol, caseless needle: String) -> Bool {
    let lowered = needle.utf8.map(ASCII.lower)
    return lowered.withUnsafeBufferPointer { CaselessSearch.offset(of: $0, in: text) != nil }
  }

  /// True when `text` contains `needle` (lower case), ignoring ASCII case.
  static func contains(_ text: some StringProtocol, _ needle: StaticString) -> Bool {
    offset(of: needle, in: text) != nil
  }

  /// True when `text` contains any of `needles` (lower case), ignoring ASCII case.
  static func containsAny(_ text: some StringProtocol, _ needles: [StaticString]) -> Bool {
    // The bytes reached once for all the needles.
    text.withUTF8Bytes { bytes in
      needles.contains { CaselessSearch.search(UnsafeBufferPointer(start: $0.utf8Start, count: $0.utf8CodeUnitCount), in: bytes) != nil }
    }
  }

  /// The text after the first occurrence of `needle` (lower case), or nil.
  static func after(_ needle: StaticString, in text: Substring) -> Substring? {
    guard let off = offset(of: needle, in: text) else { return nil }
    let start = text.utf8.index(text.startIndex, offsetBy: off + needle.utf8CodeUnitCount)
    return text[start...]
  }

  /// `text` up to its first `character` (an ASCII character other than CR and LF), or all of
  /// it: found on the bytes, with the characters compared only where a non-ASCII byte beside
  /// that one could join it into a larger character.
  static func prefix(_ text: Substring, upTo character: UInt8) -> Substring {
    let found: Int?? = text.withUTF8Bytes { b in
      guard let i = ByteScan.first(character, in: b) else { return .some(nil) }
      if (i > 0 && b[i - 1] >= 0x80) || (i + 1 < b.count && b[i + 1] >= 0x80) { return nil }
      return .some(i)
    }
    switch found {
    case .some(nil): return text
    case .some(let i?): return text[..<text.utf8.index(text.startIndex, offsetBy: i)]
    case nil:
      let c = Character(Unicode.Scalar(character))
      return text.prefix { $0 != c }
    }
  }

  /// True when `text`, leading whitespace skipped, begins with `prefix` (lower case).
  static func hasPrefix(_ text: some StringProtocol, _ prefix: StaticString) -> Bool {
    func test(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      var start = 0
      while start < bytes.count, ASCII.isSpace(bytes[start]) { start += 1 }
      return UnsafeBufferPointer(rebasing: bytes[start...]).startsIgnoringCase(prefix)
    }
    return text.withUTF8Bytes(test)
  }

  /// `text` without spaces and tabs at either end.
  static func trimmed(_ text: Substring) -> Substring {
    text.trimmingSpacesAndTabs()
  }

  /// The address a line consists of, alone: `user@example.jp`, `<user@example.jp>`,
  /// `"user@example.jp":`, `<user@example.jp>:`. Nil when the line holds anything else.
  static func loneAddress(_ line: Substring) -> String? {
    // One look at the bytes: trimmed, the line must be one word of at most 330 bytes with an
    // `@`. Most lines are prose, turned away at their first inner space.
    let shaped = line.withUTF8Bytes { b -> Bool in
      var lo = 0
      while lo < b.count, ASCII.isSpace(b[lo]) { lo += 1 }
      var hi = b.count
      while hi > lo, ASCII.isSpace(b[hi - 1]) { hi -= 1 }
      guard hi > lo, hi - lo <= 330 else { return false }
      var at = false
      for k in lo..<hi {
        if ASCII.isSpace(b[k]) { return false }
        if b[k] == ASCII.at { at = true }
      }
      return at
    }
    guard shaped else { return nil }
    var s = trimmed(line)
    if s.utf8.last == UInt8(ascii: ":") { s = s[..<s.utf8.index(before: s.utf8.endIndex)] }
    // Only brackets and quotes may surround it: `text<user@example.jp>` is not alone.
    let u = s.utf8
    var lo = u.startIndex
    var hi = u.endIndex
    while lo < hi, ASCII.isBracketOrQuote(u[lo]) { lo = u.index(after: lo) }
    while hi > lo, case let l = u[u.index(before: hi)], ASCII.isBracketOrQuote(l) || l == ASCII.dot || l == 0x2C || l == ASCII.semicolon {
      hi = u.index(before: hi)
    }
    s = s[lo..<hi]
    guard !s.utf8.contains(where: ASCII.isBracketOrQuote) else { return nil }
    let address = Addresses.clean(s)
    return Addresses.isPlausible(address) ? address : nil
  }

  /// The first plausible address in `text`, angle brackets preferred.
  static func firstAddress(in text: some StringProtocol) -> String? {
    guard let found = Addresses.first(in: text) else { return nil }
    let cleaned = Addresses.clean(found)
    return Addresses.isPlausible(cleaned) ? cleaned : nil
  }

  /// `lines` up to the separator that announces the returned original message (see
  /// ``isOriginalMessageMarker(_:)``).
  static func reportLines(_ lines: [Substring]) -> [Substring] {
    // Copied in one piece once the end is known, not grown a line at a time.
    Array(lines[..<(lines.firstIndex(where: isOriginalMessageMarker) ?? lines.count)])
  }

  /// A separator line announcing the returned original message (`----- Original message -----`,
  /// `--- Below this line is a copy of the message.`, `------ This is a copy of the message,
  /// including all the headers. ------`, `--- The header of the original message is following.
  /// ---`, `|---- Message text follows: ----|`, …).
  static func isOriginalMessageMarker(_ line: Substring) -> Bool {
    // Most lines open with a letter or a digit: turned away on their first byte.
    guard let head = line.utf8.first, !ASCII.isAlnum(head) else { return false }
    // Separators open with a run of punctuation and are of modest length: settled on the
    // bytes, so that ordinary lines are turned away without a new substring.
    let shaped = line.withUTF8Bytes { bytes -> Bool in
      guard let lo = bytes.firstIndex(where: { !ASCII.isSpace($0) }) else { return false }
      let first = bytes[lo]
      guard first == ASCII.hyphen || first == ASCII.equals || first == 0x7C || first == 0x2A || first == ASCII.underscore,
        let last = bytes.lastIndex(where: { !ASCII.isSpace($0) })
      else { return false }
      return (12...200).contains(last + 1 - lo)
    }
    guard shaped else { return false }
    let s = trimmed(line)
    return containsAny(s, [
      "original message", "copy of the message", "returned message", "unsent message", "message text follows",
      "header of the original", "original header", "undelivered message", "message follows", "returned mail follows",
      "headers of your message", "message headers follow",
    ])
  }

  /// The lines as one diagnostic string: trimmed, blank lines dropped, whitespace folded.
  static func joined(_ lines: some Collection<Substring>) -> String {
    // Folding drops what trimming and skipping blank lines would: no parts list is needed.
    MTAText.folded(lines)
  }

  /// The host name written after `lead` (lower case): `host mx.example.jp [192.0.2.1]: …` →
  /// `mx.example.jp`. Nil when what follows is not a dotted name or an address literal.
  static func host(after lead: StaticString, in text: Substring) -> String? {
    guard let rest = after(lead, in: text) else { return nil }
    if let found = trimmed(rest).withUTF8Bytes(hostInASCII) { return found }
    var word = trimmed(rest).prefix(while: { $0 != " " && $0 != "\t" && $0 != "(" && $0 != "," && $0 != ";" && $0 != "<" && $0 != ">" })
    if word.utf8.first == UInt8(ascii: "["), let close = word.utf8.firstIndex(of: UInt8(ascii: "]")) { word = word[word.index(after: word.startIndex)..<close] }
    if let bracket = word.utf8.firstIndex(of: UInt8(ascii: "[")) { word = word[..<bracket] }
    while let last = word.last, last == "." || last == ":" { word = word.dropLast() }
    guard word.containsByte(ASCII.dot), word.utf8.count <= 255,
      word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" || $0 == ":") })
    else { return nil }
    return word.lowercased()
  }

  /// ``host(after:in:)`` on the bytes after the lead; nil when a non-ASCII byte stands in the
  /// first word or beside the byte that ends it (the characters are compared then).
  private static func hostInASCII(_ b: UnsafeBufferPointer<UInt8>) -> String?? {
    var end = 0
    while end < b.count {
      let c = b[end]
      if c >= 0x80 { return nil }
      if c == ASCII.space || c == ASCII.tab || c == ASCII.openParen || c == ASCII.comma || c == ASCII.semicolon || c == ASCII.lessThan
        || c == ASCII.greaterThan
      {
        break
      }
      end += 1
    }
    if end + 1 < b.count, b[end + 1] >= 0x80 { return nil }
    var lo = 0
    var hi = end
    if hi > lo, b[lo] == 0x5B, let close = (lo..<hi).first(where: { b[$0] == 0x5D }) {
      lo += 1
      hi = close
    }
    if let bracket = (lo..<hi).first(where: { b[$0] == 0x5B }) { hi = bracket }
    while hi > lo, b[hi - 1] == ASCII.dot || b[hi - 1] == ASCII.colon { hi -= 1 }
    let word = b[lo..<hi]
    guard word.contains(ASCII.dot), word.count <= 255,
      word.allSatisfy({ ASCII.isAlnum($0) || $0 == ASCII.dot || $0 == ASCII.hyphen || $0 == ASCII.underscore || $0 == ASCII.colon })
    else { return .some(nil) }
    return .some(String(asciiLowercasing: word))
  }

  /// The address-like words of `line`, lower case: each `@` with the address characters
  /// around it. A byte scan for indexing lines by address; not a validating parser.
  static func addressKeys(in line: Substring) -> [String] {
    var keys: [String] = []
    let bytes = Array(line.utf8)
    var i = 0
    while i < bytes.count {
      guard bytes[i] == ASCII.at else {
        i += 1
        continue
      }
      var lo = i
      while lo > 0, isAddressByte(bytes[lo - 1]) { lo -= 1 }
      var hi = i + 1
      while hi < bytes.count, isAddressByte(bytes[hi]) { hi += 1 }
      var end = hi
      while end > i + 1, bytes[end - 1] == ASCII.dot { end -= 1 }
      if lo < i, end > i + 1 { keys.append(String(decoding: bytes[lo..<end].map(ASCII.lower), as: UTF8.self)) }
      i = hi
    }
    return keys
  }

  @inline(__always) private static func isAddressByte(_ b: UInt8) -> Bool {
    ASCII.isAlnum(b) || b == ASCII.dot || b == ASCII.hyphen || b == ASCII.underscore || b == 0x2B || b == ASCII.equals
      || b == 0x25 || b == 0x27 || b >= 0x80
  }

  /// The addresses of a header field's value (`X-Failed-Recipients: a@x, b@y`), in order.
  static func headerAddresses(_ mail: ParsedMail, _ name: String) -> [String] {
    var out: [String] = []
    var seen = Set<String>()
    for field in mail.header.all(name) {
      for address in Addresses.all(in: field.text) where seen.insert(ReportMerger.caseKey(address)).inserted {
        out.append(address)
      }
    }
    return out
  }
}
