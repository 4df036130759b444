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
}
