/// Finds the lines that start with one of a few bytes, sixteen bytes at a time: readers that
/// only care about such lines (MIME delimiters start with `-` or a blank, mbox envelopes with
/// `F`) pass over the others without a `memchr` call per line.
enum LineStartScan {
  /// The offset of the first LF at or after `from` that is followed by `a`, `b` or `c`, or that
  /// is the last byte of `buffer`; `buffer.count` when there is none.
  static func nextBreak(
    before a: UInt8, _ b: UInt8, _ c: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int
  ) -> Int {
    let n = buffer.count
    guard let base = buffer.baseAddress, from < n else { return n }
    var i = max(0, from)
    let raw = UnsafeRawPointer(base)
    let lf = SIMD16<UInt8>(repeating: ASCII.lf)
    let va = SIMD16<UInt8>(repeating: a)
    let vb = SIMD16<UInt8>(repeating: b)
    let vc = SIMD16<UInt8>(repeating: c)
    // Each lane compares a byte (`v0`) and the byte after it (`v1`); the mask is read as two
    // words, since `any(_:)` compiles to a horizontal call. Most blocks of sixteen bytes hold
    // no LF at all (lines average some forty bytes): those are passed after one comparison,
    // and the bytes after the breaks are compared only in the others.
    // The bound is computed once, and the steps cannot overflow (`i` stays below `n`): no
    // overflow checks in the loop.
    let last = n &- 17
    while i <= last {
      let v0 = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
      let breaks = v0 .== lf
      let any = unsafeBitCast(breaks, to: SIMD2<UInt64>.self)
      if any[0] | any[1] == 0 {
        i &+= 16
        continue
      }
      let v1 = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self)
      let hits = breaks .& ((v1 .== va) .| (v1 .== vb) .| (v1 .== vc))
      let words = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
      if words[0] != 0 { return i + words[0].trailingZeroBitCount / 8 }
      if words[1] != 0 { return i + 8 + words[1].trailingZeroBitCount / 8 }
      i &+= 16
    }
    while i < n {
      if buffer[i] == ASCII.lf {
        if i + 1 == n { return i }
        let next = buffer[i + 1]
        if next == a || next == b || next == c { return i }
      }
      i += 1
    }
    return n
  }
}

extension ArraySlice<UInt8> {
  /// The start of the first line, at or after the line start `from`, whose first byte is `a`,
  /// `b` or `c`; `endIndex` when there is none.
  func nextLineStart(with a: UInt8, _ b: UInt8, _ c: UInt8, from: Int) -> Int {
    guard from < endIndex else { return endIndex }
    let first = self[from]
    if first == a || first == b || first == c { return from }
    return withUnsafeBufferPointer { buffer in
      let lf = LineStartScan.nextBreak(before: a, b, c, in: buffer, from: from - startIndex)
      return lf < buffer.count ? startIndex + lf + 1 : endIndex
    }
  }
}

extension ArraySlice<UInt8> {
  /// The start of the first line after the one that holds `from` whose first byte is `a`, `b`
  /// or `c`; `endIndex` when there is none. The same as ``nextLineStart(with:_:_:from:)`` from
  /// the start of the next line, without finding that line's end first.
  func nextLineStart(with a: UInt8, _ b: UInt8, _ c: UInt8, after from: Int) -> Int {
    guard from < endIndex else { return endIndex }
    return withUnsafeBufferPointer { buffer in
      let lf = LineStartScan.nextBreak(before: a, b, c, in: buffer, from: from - startIndex)
      return lf < buffer.count ? startIndex + lf + 1 : endIndex
    }
  }
}
