/// Splitting text into lines on the bytes: a line break is ASCII, so every cut falls between
/// characters, and no grapheme breaking is needed to find it.
enum TextLines {
  /// The lines of `text`, without their LF and without a CR before it.
  static func split(_ text: some StringProtocol) -> [Substring] {
    // A string is cut directly: its own subscript checks less than a substring's.
    if let string = text as? String { return split(string: string) }
    let s = Substring(text)
    var out: [Substring] = []
    let ran: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
      let base = s.utf8.startIndex
      var start = 0
      while let i = ByteScan.first(ASCII.lf, in: bytes, from: start) {
        let end = i > start && bytes[i - 1] == ASCII.cr ? i - 1 : i
        out.append(s[s.utf8.index(base, offsetBy: start)..<s.utf8.index(base, offsetBy: end)])
        start = i + 1
      }
      out.append(s[s.utf8.index(base, offsetBy: start)...])
    }
    if ran != nil { return out }
    let u = s.utf8
    var start = u.startIndex
    var i = u.startIndex
    while i != u.endIndex {
      if u[i] == ASCII.lf {
        var end = i
        if end > start, u[u.index(before: end)] == ASCII.cr { end = u.index(before: end) }
        out.append(s[start..<end])
        start = u.index(after: i)
      }
      i = u.index(after: i)
    }
    out.append(s[start..<u.endIndex])
    return out
  }
}

extension TextLines {
  /// ``split(_:)`` for a string.
  private static func split(string text: String) -> [Substring] {
    var out: [Substring] = []
    let u = text.utf8
    let ran: Void? = u.withContiguousStorageIfAvailable { bytes in
      // Room for lines of 32 bytes on average, so that most texts never grow the array:
      // growing copied every line several times, which cost more than cutting them.
      out.reserveCapacity(bytes.count / 32 + 1)
      let base = u.startIndex
      var start = 0
      while let i = ByteScan.first(ASCII.lf, in: bytes, from: start) {
        let end = i > start && bytes[i - 1] == ASCII.cr ? i - 1 : i
        out.append(text[u.index(base, offsetBy: start)..<u.index(base, offsetBy: end)])
        start = i + 1
      }
      out.append(text[u.index(base, offsetBy: start)...])
    }
    return ran != nil ? out : split(Substring(text))
  }
}

extension Substring {
  /// The text without spaces and tabs at either end, found on the bytes.
  func trimmingSpacesAndTabs() -> Substring {
    // Offsets found on the bytes: stepping a substring's UTF-8 view index by index costs
    // several times more.
    guard let bounds = withUTF8Bytes(Self.trimBounds) else { return self }
    let u = utf8
    let lo = u.index(u.startIndex, offsetBy: bounds.lo)
    return self[lo..<u.index(lo, offsetBy: bounds.hi - bounds.lo)]
  }

  /// The bounds of `bytes` without spaces and tabs at either end; nil when there are none to
  /// trim (most lines), so that no new substring is made.
  private static func trimBounds(_ b: UnsafeBufferPointer<UInt8>) -> (lo: Int, hi: Int)? {
    guard let first = b.first, let last = b.last, ASCII.isSpace(first) || ASCII.isSpace(last) else { return nil }
    var lo = 0
    var hi = b.count
    while lo != hi, ASCII.isSpace(b[lo]) { lo += 1 }
    while hi != lo, ASCII.isSpace(b[hi - 1]) { hi -= 1 }
    return (lo, hi)
  }
}

extension StringProtocol {
  /// True when the UTF-8 bytes begin with those of `prefix`, case and all: a byte comparison,
  /// much cheaper than `hasPrefix`, which compares characters. `prefix` is ASCII.
  func hasBytePrefix(_ prefix: StaticString) -> Bool {
    let n = prefix.utf8CodeUnitCount
    let p = prefix.utf8Start
    return withUTF8Bytes { b in
      guard b.count >= n else { return false }
      for k in 0..<n where b[k] != p[k] { return false }
      return true
    }
  }

  /// True when the UTF-8 bytes end with those of `suffix`, case and all (see
  /// ``hasBytePrefix(_:)``).
  func hasByteSuffix(_ suffix: StaticString) -> Bool {
    let n = suffix.utf8CodeUnitCount
    let p = suffix.utf8Start
    return withUTF8Bytes { b in
      guard b.count >= n else { return false }
      let from = b.count - n
      for k in 0..<n where b[from + k] != p[k] { return false }
      return true
    }
  }

  /// Runs `body` on the UTF-8 bytes: in place when they are contiguous (native strings and
  /// their substrings), else on a copy. Reaching the bytes once and reading them through a
  /// pointer costs far less than stepping the view's indices.
  @inline(__always) func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    utf8.withContiguousStorageIfAvailable(body) ?? Array(utf8).withUnsafeBufferPointer(body)
  }
}

extension StringProtocol {
  /// The index of the last `byte` (an ASCII character) in the UTF-8 bytes, found from the end
  /// of the contiguous bytes: `utf8.lastIndex(of:)` steps the view back index by index.
  func lastByteIndex(of byte: UInt8) -> Index? {
    let offset: Int? = withUTF8Bytes { b in
      var i = b.count
      while i > 0 {
        i -= 1
        if b[i] == byte { return i }
      }
      return nil
    }
    let u = utf8
    return offset.map { u.index(u.startIndex, offsetBy: $0) }
  }
}

extension TextLines {
  /// The non-empty runs of `text` between `separator` bytes (an ASCII character): what
  /// `split(separator:)` returns, found on the bytes instead of by grapheme.
  static func words(_ text: some StringProtocol, separator: UInt8) -> [Substring] {
    words(text, separatedBy: { $0 == separator })
  }

  /// The non-empty runs of `text` between bytes for which `isBreak` holds (ASCII bytes only,
  /// so that every cut falls between characters).
  static func words(_ text: some StringProtocol, separatedBy isBreak: (UInt8) -> Bool) -> [Substring] {
    let s = Substring(text)
    let u = s.utf8
    var out: [Substring] = []
    var start = u.startIndex
    var i = u.startIndex
    while i != u.endIndex {
      if isBreak(u[i]) {
        if start != i { out.append(s[start..<i]) }
        start = u.index(after: i)
      }
      i = u.index(after: i)
    }
    if start != u.endIndex { out.append(s[start...]) }
    return out
  }
}

extension String {
  /// True when the string is `name`: lengths compared first, so that most names are told apart
  /// without a string comparison.
  @inline(__always) func isName(_ name: StaticString) -> Bool {
    let n = name.utf8CodeUnitCount
    guard utf8.count == n else { return false }
    let p = name.utf8Start
    return withUTF8Bytes { b in
      for k in 0..<n where b[k] != p[k] { return false }
      return true
    }
  }
}
