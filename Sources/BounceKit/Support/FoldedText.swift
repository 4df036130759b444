/// Folding whitespace: the one fold loop, and the test that tells text with nothing to fold, so
/// that most values are copied (or kept) as they are.
enum FoldedText {
  /// True when `bytes` hold no control byte (tab, line break, …) and no two spaces in a row:
  /// then, once trimmed, they are their own folded form. Sixteen bytes at a time.
  static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = bytes.count
    var start = 0
    if let base = bytes.baseAddress, n > 16 {
      let raw = UnsafeRawPointer(base)
      let space = SIMD16<UInt8>(repeating: ASCII.space)
      while start + 17 <= n {
        let a = raw.loadUnaligned(fromByteOffset: start, as: SIMD16<UInt8>.self)
        let b = raw.loadUnaligned(fromByteOffset: start + 1, as: SIMD16<UInt8>.self)
        let bad = (a .< space) .| ((a .== space) .& (b .== space))
        // The mask read as two words (a lane is 0x00 or 0xFF), as in `CaselessSearch`.
        let lanes = unsafeBitCast(bad, to: SIMD2<UInt64>.self)
        if lanes[0] | lanes[1] != 0 { return false }
        start += 16
      }
    }
    var previousSpace = start > 0 && bytes[start - 1] == ASCII.space
    while start < n {
      let b = bytes[start]
      if b < ASCII.space { return false }
      let isSpace = b == ASCII.space
      if isSpace && previousSpace { return false }
      previousSpace = isSpace
      start += 1
    }
    return true
  }

  /// Writes `bytes` with runs of whitespace folded to one space into `out` from `start` (a
  /// space first when `pendingSpace` and text follows; none at the end); the new count.
  @inline(__always) static func fold(
    _ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int, pendingSpace pending: Bool
  ) -> Int {
    var k = start
    var pendingSpace = pending
    for b in bytes {
      if ASCII.isWhitespace(b) {
        pendingSpace = k > 0
      } else {
        if pendingSpace {
          out[k] = ASCII.space
          k += 1
          pendingSpace = false
        }
        out[k] = b
        k += 1
      }
    }
    return k
  }

  /// The range of `bytes` without whitespace (space, tab, CR, LF) at either end.
  @inline(__always) static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var lo = 0
    var hi = bytes.count
    while lo < hi, ASCII.isWhitespace(bytes[lo]) { lo += 1 }
    while hi > lo, ASCII.isWhitespace(bytes[hi - 1]) { hi -= 1 }
    return lo..<hi
  }
}

extension String {
  /// The same text as `String(foldingWhitespaceIn: bytes)` (runs of whitespace folded to one
  /// space, both ends trimmed): bytes that need no folding are copied as they are.
  init(foldedCopyOf bytes: UnsafeBufferPointer<UInt8>) {
    let inner = UnsafeBufferPointer(rebasing: bytes[FoldedText.trimmedRange(bytes)])
    self = FoldedText.isPlain(inner) ? String(decoding: inner, as: UTF8.self) : String(foldingWhitespaceIn: inner)
  }
}
