#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding one byte in a buffer with the C library's `memchr`, which reads a word or a vector
/// at a time: line breaks and delimiters are found without a Swift loop over every byte.
enum ByteScan {
  /// The offset of the first `byte` in `buffer[from...]`, or nil.
  @inline(__always)
  static func first(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
    guard from < buffer.count, let base = buffer.baseAddress else { return nil }
    guard let found = memchr(base + from, Int32(byte), buffer.count - from) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// The offset of the first `byte` in `buffer[from...]`, or `buffer.count`.
  @inline(__always)
  static func firstOrEnd(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
    first(byte, in: buffer, from: from) ?? buffer.count
  }

  /// The offset of the first `a`, `b` or `c` at or after `from` in `buffer`, or
  /// `buffer.count`: sixteen bytes at a time, for searches that one `memchr` cannot do.
  static func firstOf(_ a: UInt8, _ b: UInt8, _ c: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    let n = buffer.count
    guard let base = buffer.baseAddress, from < n else { return n }
    var i = max(0, from)
    let raw = UnsafeRawPointer(base)
    let va = SIMD16<UInt8>(repeating: a)
    let vb = SIMD16<UInt8>(repeating: b)
    let vc = SIMD16<UInt8>(repeating: c)
    while i + 16 <= n {
      let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
      // The mask read as two words (a lane is 0x00 or 0xFF), as in `CaselessSearch`.
      let words = unsafeBitCast((v .== va) .| (v .== vb) .| (v .== vc), to: SIMD2<UInt64>.self)
      if words[0] != 0 { return i + words[0].trailingZeroBitCount / 8 }
      if words[1] != 0 { return i + 8 + words[1].trailingZeroBitCount / 8 }
      i += 16
    }
    while i < n, buffer[i] != a, buffer[i] != b, buffer[i] != c { i += 1 }
    return i
  }

  /// The offset of the first `a` or `b` at or after `from` in `buffer`, or `buffer.count`.
  @inline(__always)
  static func firstOf(_ a: UInt8, _ b: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    firstOf(a, b, b, in: buffer, from: from)
  }
}
