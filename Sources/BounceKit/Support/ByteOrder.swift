#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
  /// True when the UTF-8 bytes of this string sort before those of `other`: the order of
  /// `utf8.lexicographicallyPrecedes(other.utf8)`, compared in place with `memcmp` instead of
  /// element by element through two iterators (rule ids are sorted at every start).
  func utf8Precedes(_ other: String) -> Bool {
    withUTF8Bytes { a in
      other.withUTF8Bytes { b in
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
          let order = memcmp(x, y, common)
          if order != 0 { return order < 0 }
        }
        return a.count < b.count
      }
    }
  }
}
