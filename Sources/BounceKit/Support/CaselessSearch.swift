/// Finding a short ASCII needle in text, ignoring ASCII case: the one search every reader
/// uses. A single forward pass over the bytes with no copies; needles are short and fixed, so
/// the cost stays linear in the text.
enum CaselessSearch {
  /// The UTF-8 offset of the first occurrence of `needle` (lower case) in `text`, or nil.
  static func offset(of needle: UnsafeBufferPointer<UInt8>, in text: some StringProtocol) -> Int? {
    guard !needle.isEmpty else { return 0 }
    return text.withUTF8Bytes { search(needle, in: $0) }
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
    if count < 32 {
      // A short text (most lines): a plain loop costs less than setting up vectors.
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
    guard n > 1 else { return memchrSearch(first, in: hay) }
    // Sixteen positions at a time: a position is a candidate when its byte and the next, with
    // bit 0x20 set, equal the needle's first two bytes with it set (a letter in either case,
    // or a byte that differs from the needle's by that bit only, ruled out by the full
    // comparison). Rare pairs make candidates rare, where a search for the first byte alone
    // stops at every common letter.
    let firstPair = (SIMD16<UInt8>(repeating: first | 0x20), SIMD16<UInt8>(repeating: p[1] | 0x20))
    let caseBit = SIMD16<UInt8>(repeating: 0x20)
    let raw = UnsafeRawPointer(h)
    var i = 0
    while i + 17 <= count {
      let a = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) | caseBit
      let b = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self) | caseBit
      // The mask read as two words (a lane is 0x00 or 0xFF): the standard library's `any` and
      // lane subscripts go through the stack.
      let lanes = unsafeBitCast((a .== firstPair.0) .& (b .== firstPair.1), to: SIMD2<UInt64>.self)
      for half in 0..<2 {
        var bits = lanes[half]
        while bits != 0 {
          let low = bits.trailingZeroBitCount & ~7  // the first bit of the lowest set lane
          let at = i + half * 8 + (low >> 3)
          guard at <= last else { return nil }
          if matches(needle, at: at, in: h) { return at }
          bits &= ~(0xFF << UInt64(low))
        }
      }
      i += 16
    }
    while i <= last {
      if matches(needle, at: i, in: h) { return i }
      i += 1
    }
    return nil
  }

  /// True when `needle` (lower case) is at `offset` in `h`, ignoring ASCII case; `h` holds
  /// `needle.count` bytes from there.
  @inline(__always) private static func matches(_ needle: UnsafeBufferPointer<UInt8>, at offset: Int, in h: UnsafePointer<UInt8>) -> Bool {
    for j in 0..<needle.count where ASCII.lower(h[offset + j]) != needle[j] { return false }
    return true
  }

  /// A one-byte needle: its two cases found with `memchr`.
  private static func memchrSearch(_ first: UInt8, in hay: UnsafeBufferPointer<UInt8>) -> Int? {
    let other = first &- 0x61 < 26 ? first &- 0x20 : first
    let a = ByteScan.firstOrEnd(first, in: hay)
    let b = other == first ? hay.count : ByteScan.firstOrEnd(other, in: hay)
    let found = min(a, b)
    return found < hay.count ? found : nil
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
    return withUTF8Bytes(search)
  }
}
