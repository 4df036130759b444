/// Pulling email addresses out of header values and report text.
enum Addresses {
  /// The address in a field value: the first `<…@…>`, else the first word with an `@`,
  /// stripped of quotes and trailing punctuation. `rfc822;` and similar type prefixes are
  /// removed. Nil when there is no `@` at all.
  static func first(in text: some StringProtocol) -> String? {
    var value = Substring(text)
    if let semicolon = value.firstIndex(of: ";"), value[..<semicolon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
      value = value[value.index(after: semicolon)...]
    }
    if let open = value.firstIndex(of: "<") {
      if let close = value[open...].firstIndex(of: ">") {
        let inside = value[value.index(after: open)..<close]
        if inside.contains("@") { return clean(inside) }
      }
    }
    for word in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," }) where word.contains("@") {
      let cleaned = clean(word)
      if cleaned.contains("@"), !cleaned.hasPrefix("@"), !cleaned.hasSuffix("@") { return cleaned }
    }
    return nil
  }

  /// Every address-looking word in `text`, in order, without duplicates (compared without
  /// case).
  static func all(in text: some StringProtocol) -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    for word in text.split(whereSeparator: { " \t\n,;()[]".contains($0) }) where word.contains("@") {
      let cleaned = clean(word)
      guard isPlausible(cleaned) else { continue }
      if seen.insert(cleaned.lowercased()).inserted { out.append(cleaned) }
    }
    return out
  }

  /// Strips angle brackets, quotes, `mailto:` and trailing punctuation.
  static func clean(_ raw: some StringProtocol) -> String {
    var s = Substring(raw)
    let strip: Set<Character> = ["<", ">", "\"", "'", "`", " ", "\t", ":", ";", ",", ".", "(", ")", "[", "]", "{", "}"]
    // Where the last `"@` starts, found once: asking at every stripped character would make a
    // run of quotes quadratic.
    let lastQuoteAt = s.lastQuoteAtSign()
    while let f = s.first, strip.contains(f) {
      // A quoted local part ("john..doe"@example.jp) keeps its quotes.
      if f == "\"", let q = lastQuoteAt, q > s.startIndex { break }
      s.removeFirst()
    }
    while let l = s.last, strip.contains(l) { s.removeLast() }
    if s.lowercased().hasPrefix("mailto:") { s = s.dropFirst(7) }
    if let lt = s.firstIndex(of: "<") { s = s[s.index(after: lt)...] }
    if let gt = s.firstIndex(of: ">") { s = s[..<gt] }
    // `user@example.jp<mailto:user@example.jp>`: the link inside the brackets.
    if s.lowercased().hasPrefix("mailto:") { s = s.dropFirst(7) }
    return String(s)
  }

  /// A local part, one `@`, and a domain with a dot or a bracketed literal.
  static func isPlausible(_ address: String) -> Bool {
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 320 else { return false }
    let domain = parts[1]
    guard domain.contains(".") || domain.hasPrefix("[") || domain == "localhost" else { return false }
    return !domain.contains(where: { $0 == "/" || $0 == "=" || $0 == "\\" })
  }

  /// `local@domain` with both parts present, not a source route and not a file path: what a
  /// report's recipient field must hold to be trusted as an address.
  static func isMailbox(_ address: String) -> Bool {
    guard let at = address.lastIndex(of: "@"), !address.hasPrefix("@") else { return false }
    let local = address[..<at]
    let domain = address[address.index(after: at)...]
    return !local.isEmpty && !domain.isEmpty && !local.hasPrefix("/") && !domain.contains(" ")
  }

  /// The domain part of an address, lower case.
  static func domain(of address: String) -> String {
    guard let at = address.lastIndex(of: "@") else { return "" }
    return address[address.index(after: at)...].lowercased()
  }
}

extension Substring {
  /// The index of the `"` of the last `"@` in the text, or nil.
  fileprivate func lastQuoteAtSign() -> Index? {
    var previous: Index? = nil
    var found: Index? = nil
    for i in indices {
      if self[i] == "@", let p = previous, self[p] == "\"" { found = p }
      previous = i
    }
    return found
  }
}
