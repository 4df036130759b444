/// Finding a short ASCII needle in text, ignoring ASCII case: the one search every reader
/// uses. A single forward pass over the bytes with no copies; needles are short and fixed, so
/// the cost stays linear in the text.
enum CaselessSearch {
  /// The UTF-8 offset of the first occurrence of `needle` (lower case) in `text`, or nil.
  static func offset(of needle: UnsafeBufferPointer<UInt8>, in text: some StringProtocol) -> Int? {
    guard !needle.isEmpty else { return 0 }
    if let found = text.utf8.withContiguousStorageIfAvailable({ search(needle, in: $0) }) { return found }
    return Array(text.utf8).withUnsafeBufferPointer { search(needle, in: $0) }
  }

  /// The UTF-8 offset of the first occurrence of `needle` (lower case) in `text`, or nil.
  static func offset(of needle: StaticString, in text: some StringProtocol) -> Int? {
    offset(of: UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), in: text)
  }

  /// The UTF-8 offset of the first occurrence of `needle` (lower case) in `text`, or nil.
  static func offset(of needle: String, in text: some StringProtocol) -> Int? {
    var needle = needle
    return needle.withUTF8 { offset(of: $0, in: text) }
  }

  /// The range of the first occurrence of `needle` (lower case) in `text`, or nil.
  static func range(of needle: StaticString, in text: Substring) -> Range<String.Index>? {
    guard let found = offset(of: needle, in: text) else { return nil }
    let u = text.utf8
    let lower = u.index(u.startIndex, offsetBy: found)
    return lower..<u.index(lower, offsetBy: needle.utf8CodeUnitCount)
  }

  /// The offset of `needle` (lower case) in `hay`, ignoring ASCII case.
  static func search(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = needle.count
    let count = hay.count
    guard n > 0 else { return 0 }
    guard count >= n, let h = hay.baseAddress, let p = needle.baseAddress else { return nil }
    let first = p[0]
    let last = count - n
    if count < 64 {
      // A short text (most lines): a plain loop costs less than setting up memchr twice.
      var i = 0
      while i <= last {
        if ASCII.lower(h[i]) == first {
          var j = 1
          while j < n, ASCII.lower(h[i + j]) == p[j] { j += 1 }
          if j == n { return i }
        }
        i += 1
      }
      return nil
    }
    // The first byte in either case: a letter's upper-case form, or the byte itself. Each
    // form is found with memchr, so the bytes between candidates are skipped a vector at a time.
    let other = first &- 0x61 < 26 ? first &- 0x20 : first
    var nextFirst = ByteScan.firstOrEnd(first, in: hay)
    var nextOther = other == first ? count : ByteScan.firstOrEnd(other, in: hay)
    while true {
      let i = min(nextFirst, nextOther)
      guard i <= last else { return nil }
      var j = 1
      while j < n, ASCII.lower(h[i + j]) == p[j] { j += 1 }
      if j == n { return i }
      if nextFirst == i { nextFirst = ByteScan.firstOrEnd(first, in: hay, from: i + 1) }
      if nextOther == i { nextOther = ByteScan.firstOrEnd(other, in: hay, from: i + 1) }
    }
  }
}

extension StringProtocol {
  /// True when the UTF-8 bytes hold those of `needle`, case and all: a byte search, much
  /// cheaper than `contains(_:)` with a string, which compares characters.
  func containsBytes(_ needle: StaticString) -> Bool {
    let n = needle.utf8CodeUnitCount
    guard n > 0 else { return true }
    let p = needle.utf8Start
    func search(_ hay: UnsafeBufferPointer<UInt8>) -> Bool {
      var from = 0
      while hay.count - from >= n, let i = ByteScan.first(p[0], in: hay, from: from) {
        guard hay.count - i >= n else { return false }
        var j = 1
        while j < n, hay[i + j] == p[j] { j += 1 }
        if j == n { return true }
        from = i + 1
      }
      return false
    }
    if let found = utf8.withContiguousStorageIfAvailable(search) { return found }
    return Array(utf8).withUnsafeBufferPointer(search)
  }
}
