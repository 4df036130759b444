/// Pulling email addresses out of header values and report text.
enum Addresses {
  /// The address in a field value: the first `<…@…>`, else the first word with an `@`,
  /// stripped of quotes and trailing punctuation. `rfc822;` and similar type prefixes are
  /// removed. Nil when there is no `@` at all.
  static func first(in text: some StringProtocol) -> String? {
    text.withUTF8Bytes(first(inBytes:))
  }

  /// `first(in:)` on the UTF-8 bytes of a value.
  static func first(inBytes bytes: UnsafeBufferPointer<UInt8>) -> String? {
    func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
    var start = 0
    if let semicolon = ByteScan.first(ASCII.semicolon, in: bytes), isTypePrefix(UnsafeBufferPointer(rebasing: bytes[..<semicolon])) {
      start = semicolon + 1
    }
    if let open = ByteScan.first(ASCII.lessThan, in: bytes, from: start), let close = ByteScan.first(ASCII.greaterThan, in: bytes, from: open) {
      let inside = UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close])
      if ByteScan.first(ASCII.at, in: inside) != nil { return text(cleanRange(inside).shifted(by: open + 1)) }
    }
    var i = start
    while i < bytes.count {
      while i < bytes.count, isWordBreak(bytes[i]) { i += 1 }
      var end = i
      while end < bytes.count, !isWordBreak(bytes[end]) { end += 1 }
      let word = UnsafeBufferPointer(rebasing: bytes[i..<end])
      if end > i, ByteScan.first(ASCII.at, in: word) != nil {
        let cleaned = cleanRange(word)
        let c = UnsafeBufferPointer(rebasing: word[cleaned])
        if ByteScan.first(ASCII.at, in: c) != nil, c.first != ASCII.at, c.last != ASCII.at { return text(cleaned.shifted(by: i)) }
      }
      i = end
    }
    return nil
  }

  /// Where a field value's words end: space, tab, line break, comma.
  @inline(__always) private static func isWordBreak(_ b: UInt8) -> Bool {
    b == ASCII.space || b == ASCII.tab || b == ASCII.lf || b == 0x2C
  }

  /// Every address-looking word in `text`, in order, without duplicates (compared without
  /// case).
  static func all(in text: some StringProtocol) -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    for word in TextLines.words(text, separatedBy: isListBreak) where word.containsByte(ASCII.at) {
      let cleaned = clean(word)
      guard isPlausible(cleaned) else { continue }
      if seen.insert(ReportMerger.caseKey(cleaned)).inserted { out.append(cleaned) }
    }
    return out
  }

  /// Strips angle brackets, quotes, `mailto:` and trailing punctuation.
  static func clean(_ raw: some StringProtocol) -> String {
    raw.withUTF8Bytes { bytes in
      String(decoding: UnsafeBufferPointer(rebasing: bytes[cleanRange(bytes)]), as: UTF8.self)
    }
  }

  /// The range of `bytes` that `clean(_:)` keeps.
  static func cleanRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var lo = 0
    var hi = bytes.count
    // Where the last `"@` starts, found once: asking at every stripped character would make a
    // run of quotes quadratic.
    var lastQuoteAt = -1
    if bytes.count > 1 {
      var from = 1
      while let i = ByteScan.first(ASCII.at, in: bytes, from: from) {
        if bytes[i - 1] == ASCII.quote { lastQuoteAt = i - 1 }
        from = i + 1
      }
    }
    while lo < hi, isStripped(bytes[lo]) {
      // A quoted local part ("john..doe"@example.jp) keeps its quotes.
      if bytes[lo] == ASCII.quote, lastQuoteAt > lo { break }
      lo += 1
    }
    while hi > lo, isStripped(bytes[hi - 1]) { hi -= 1 }
    if bytes[lo..<hi].hasPrefixIgnoringCase("mailto:") { lo += 7 }
    // The brackets found with memchr, not a loop over the slice.
    if let lt = ByteScan.first(ASCII.lessThan, in: UnsafeBufferPointer(rebasing: bytes[lo..<hi])) { lo += lt + 1 }
    if let gt = ByteScan.first(ASCII.greaterThan, in: UnsafeBufferPointer(rebasing: bytes[lo..<hi])) { hi = lo + gt }
    // `user@example.jp<mailto:user@example.jp>`: the link inside the brackets.
    if bytes[lo..<hi].hasPrefixIgnoringCase("mailto:") { lo += 7 }
    return lo..<hi
  }

  /// What `clean(_:)` strips from either end.
  @inline(__always) private static func isStripped(_ b: UInt8) -> Bool {
    switch b {
    case 0x3C, 0x3E, 0x22, 0x27, 0x60, 0x20, 0x09, 0x3A, 0x3B, 0x2C, 0x2E, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D: return true
    default: return false
    }
  }

  /// Where the words of a list of addresses end: space, tab, line break, `, ; ( ) [ ]`.
  private static func isListBreak(_ b: UInt8) -> Bool {
    switch b {
    case 0x20, 0x09, 0x0A, 0x2C, 0x3B, 0x28, 0x29, 0x5B, 0x5D: return true
    default: return false
    }
  }

  /// `rfc822`, `x-unix`, `utf-8`: a type prefix before `;` (letters, digits and hyphens).
  private static func isTypePrefix(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
    if prefix.allSatisfy({ ASCII.isAlnum($0) || $0 == ASCII.hyphen }) { return true }
    guard prefix.contains(where: { $0 >= 0x80 }) else { return false }
    return String(decoding: prefix, as: UTF8.self).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
  }

  /// A local part, one `@`, and a domain with a dot or a bracketed literal.
  static func isPlausible(_ address: String) -> Bool {
    // On the bytes, reached once. (`localhost` is compared by bytes: no other text is
    // canonically equivalent to it.)
    address.withUTF8Bytes { b in
      guard b.count <= 320, let at = ByteScan.first(ASCII.at, in: b), at != 0 else { return false }
      let d = UnsafeBufferPointer(rebasing: b[(at + 1)...])
      guard !d.isEmpty, ByteScan.first(ASCII.at, in: d) == nil else { return false }
      guard ByteScan.first(ASCII.dot, in: d) != nil || d[0] == 0x5B || d.elementsEqual("localhost".utf8) else { return false }
      return !d.contains(where: { $0 == 0x2F || $0 == ASCII.equals || $0 == ASCII.backslash })
    }
  }

  /// `local@domain` with both parts present, not a source route and not a file path: what a
  /// report's recipient field must hold to be trusted as an address.
  static func isMailbox(_ address: String) -> Bool {
    // On the bytes, reached once: the view's slices cost more than the test.
    address.withUTF8Bytes { b in
      var at = b.count
      repeat {
        guard at > 0 else { return false }
        at -= 1
      } while b[at] != ASCII.at
      // A local part (not a path, not a source route) before the last `@`, a domain with no
      // space after it.
      return at > 0 && at + 1 < b.count && b[0] != 0x2F && b[0] != ASCII.at && ByteScan.first(ASCII.space, in: b, from: at + 1) == nil
    }
  }

  /// The domain part of an address, lower case.
  static func domain(of address: String) -> String {
    // Most domains are ASCII: found and lower-cased on the bytes, reached once, without the
    // Unicode case tables; nil sends the rest to them.
    let ascii: String? = address.withUTF8Bytes { b in
      var at = b.count
      repeat {
        guard at > 0 else { return "" }
        at -= 1
      } while b[at] != ASCII.at
      let domain = UnsafeBufferPointer(rebasing: b[(at + 1)...])
      return domain.allSatisfy({ $0 < 0x80 }) ? String(asciiLowercasing: domain) : nil
    }
    if let ascii { return ascii }
    let u = address.utf8
    guard let at = address.lastByteIndex(of: ASCII.at) else { return "" }
    return address[u.index(after: at)...].lowercased()
  }
}

extension Range<Int> {
  /// The same range moved `offset` places up.
  fileprivate func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
