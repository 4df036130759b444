/// A small, fast JSON object writer: keys in the order written, strings escaped so that the
/// output is always valid UTF-8 JSON whatever the message contained.
struct JSONObjectWriter {
  /// The bytes written are `buffer[..<count]`; the rest is room for more. Writes go through a
  /// pointer into that room, one copy per key or value: an `Array.append` per piece costs
  /// several times more than the bytes it copies, and a row is many small pieces.
  private var buffer: [UInt8]
  private var count: Int
  private var first = true

  /// An empty object, with room for a typical row (growing from nothing copies it six times).
  init() {
    buffer = [UInt8](repeating: 0, count: 1024)
    count = 0
    writeByte(0x7B)
  }

  /// An object written after the bytes of `buffer`, which are moved into the writer (not
  /// copied) and come back from ``finish()``: rows are written one after another into one
  /// buffer.
  init(appendingTo buffer: inout [UInt8]) {
    self.buffer = buffer
    buffer = []
    count = self.buffer.count
    writeByte(0x7B)
  }

  /// Makes room for at least `n` more bytes, then lets `body` write at most `n` bytes at the
  /// pointer it is given and return how many it wrote.
  @inline(__always) private mutating func write(atMost n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
    guard n > 0 else { return }
    if buffer.count - count < n { grow(n) }
    let start = count
    let written = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
    precondition(written >= 0 && written <= n)
    count += written
  }

  /// Adds room for a row (or for a long value): within the array's capacity when it has
  /// enough left (rows are written into a buffer reserved for them all), else by at least
  /// 1 KiB, the array's own growth keeping appends amortised. The room is zeroed by copies
  /// from a zero block, not a byte at a time.
  @inline(never) private mutating func grow(_ n: Int) {
    let spare = buffer.capacity - buffer.count
    var left = spare >= n ? max(n, min(spare, 1024)) : max(n, 1024)
    Self.zeros.withUnsafeBufferPointer { zeros in
      while left > 0 {
        let k = min(left, zeros.count)
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: zeros[..<k]))
        left -= k
      }
    }
  }

  private static let zeros = [UInt8](repeating: 0, count: 1024)

  @inline(__always) private mutating func writeByte(_ b: UInt8) {
    write(atMost: 1) { p in
      p[0] = b
      return 1
    }
  }

  /// Copies `n` bytes at `source`.
  @inline(__always) private mutating func write(_ source: UnsafePointer<UInt8>, count n: Int) {
    write(atMost: n) { p in
      p.update(from: source, count: n)
      return n
    }
  }

  /// Writes `"name":`. Keys are this program's own camelCase ASCII names, which need no
  /// escaping, so they are copied as they are.
  mutating func key(_ name: StaticString) {
    let n = name.utf8CodeUnitCount
    let comma = first ? 0 : 1
    first = false
    write(atMost: n + 4) { p in
      p[0] = 0x2C
      p[comma] = 0x22
      (p + comma + 1).update(from: name.utf8Start, count: n)
      p[comma + 1 + n] = 0x22
      p[comma + 2 + n] = 0x3A
      return comma + 3 + n
    }
  }

  mutating func field(_ name: StaticString, _ value: String?) {
    key(name)
    if let value { writeString(value) } else { appendLiteral("null") }
  }

  mutating func field(_ name: StaticString, _ value: Int?) {
    key(name)
    guard let value else { return appendLiteral("null") }
    // Digits written directly: no string made for the number. 20 bytes hold any Int with
    // its sign.
    write(atMost: 20) { p in
      var k = 0
      if value < 0 {
        p[0] = 0x2D
        k = 1
      }
      var rest = value.magnitude
      let firstDigit = k
      repeat {
        p[k] = 0x30 + UInt8(rest % 10)
        rest /= 10
        k += 1
      } while rest > 0
      // Written least significant first: reversed in place.
      var (a, b) = (firstDigit, k - 1)
      while a < b {
        (p[a], p[b]) = (p[b], p[a])
        a += 1
        b -= 1
      }
      return k
    }
  }

  mutating func field(_ name: StaticString, _ value: Bool) {
    key(name)
    appendLiteral(value ? "true" : "false")
  }

  /// Appends the bytes of an ASCII literal.
  private mutating func appendLiteral(_ text: StaticString) {
    write(text.utf8Start, count: text.utf8CodeUnitCount)
  }

  /// A list of strings.
  mutating func field(_ name: StaticString, _ values: [String]) {
    key(name)
    writeByte(0x5B)
    for (i, v) in values.enumerated() {
      if i > 0 { writeByte(0x2C) }
      writeString(v)
    }
    writeByte(0x5D)
  }

  /// Already-encoded JSON for a value.
  mutating func rawField(_ name: StaticString, _ json: [UInt8]) {
    key(name)
    json.withUnsafeBufferPointer { b in
      if let base = b.baseAddress { write(base, count: b.count) }
    }
  }

  /// Closes the object and returns its bytes.
  mutating func finish() -> [UInt8] {
    writeByte(0x7D)
    buffer.removeLast(buffer.count - count)
    return buffer
  }

  /// ``appendString(_:to:)`` into the writer: plain values copied in one write, the others
  /// escaped by the array path.
  private mutating func writeString(_ value: String) {
    let plain: Bool? = value.utf8.withContiguousStorageIfAvailable { b in
      guard Self.isPlain(b) else { return false }
      let n = b.count
      write(atMost: n + 2) { p in
        p[0] = 0x22
        if let base = b.baseAddress { (p + 1).update(from: base, count: n) }
        p[n + 1] = 0x22
        return n + 2
      }
      return true
    }
    if plain == true { return }
    buffer.removeLast(buffer.count - count)
    Self.appendString(value, to: &buffer)
    count = buffer.count
  }

  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends `value` as a JSON string. Swift strings are valid Unicode, so the UTF-8 written
  /// is valid and holds no lone surrogate. Besides what JSON requires (`"`, `\\`, C0
  /// controls), DEL, the C1 controls (U+0080–U+009F: U+009B is a terminal's CSI) and the
  /// bidirectional overrides and isolates are written as `\u` escapes, so that JSON Lines
  /// printed on a terminal cannot drive it, while a JSON reader still gets the exact text.
  static func appendString(_ value: String, to out: inout [UInt8]) {
    // Native strings are read in place; any other is copied first, and escaped the same way.
    if value.utf8.withContiguousStorageIfAvailable({ appendString($0, to: &out) }) == nil {
      Array(value.utf8).withUnsafeBufferPointer { appendString($0, to: &out) }
    }
  }

  /// ``appendString(_:to:)`` on UTF-8 bytes. Most values are plain printable ASCII, copied as
  /// they are.
  private static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    guard isPlain(bytes) else { return appendEscaped(bytes, to: &out) }
    out.append(0x22)
    out.append(contentsOf: bytes)
    out.append(0x22)
  }

  /// ``appendString(_:to:)`` for text that needs a look: the bytes that need no escape are
  /// copied a run at a time.
  private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    out.append(0x22)
    var i = 0
    let n = bytes.count
    while i < n {
      // Bytes that are written as they are: printable ASCII but `"` and `\\`, and every
      // non-ASCII byte but the lead bytes of the escaped ranges (C2, E2).
      var j = i
      while j < n {
        let b = bytes[j]
        if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xC2 || b == 0xE2 { break }
        j += 1
      }
      if j > i {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
        i = j
        if i == n { break }
      }
      let b = bytes[i]
      i += 1
      switch b {
      case 0x22: out.append(contentsOf: [0x5C, 0x22])
      case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: out.append(contentsOf: [0x5C, 0x72])
      case 0x09: out.append(contentsOf: [0x5C, 0x74])
      case 0xC2:
        // U+0080–U+00BF: C2 followed by 80–BF; 80–9F are the C1 controls.
        guard i < n else { out.append(b); break }
        let c = bytes[i]
        if c >= 0x80 && c <= 0x9F {
          appendEscape(UInt32(c), to: &out)
          i += 1
        } else {
          out.append(b)
        }
      case 0xE2:
        // U+2000–U+2FFF: the line and paragraph separators and bidirectional controls.
        guard i < n else { out.append(b); break }
        let c = bytes[i]
        guard i + 1 < n else {
          out.append(contentsOf: [b, c])
          i += 1
          break
        }
        let d = bytes[i + 1]
        i += 2
        let scalar = (UInt32(b & 0x0F) << 12) | (UInt32(c & 0x3F) << 6) | UInt32(d & 0x3F)
        if (0x2028...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar) {
          appendEscape(scalar, to: &out)
        } else {
          out.append(contentsOf: [b, c, d])
        }
      default:
        // The other C0 controls and DEL.
        appendEscape(UInt32(b), to: &out)
      }
    }
    out.append(0x22)
  }

  /// True when every byte is printable ASCII other than `"` and `\\` (what a JSON string
  /// holds unescaped here); eight bytes at a time, as most values are long and plain.
  private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = 0
    while i + 8 <= bytes.count {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let quote = w ^ (ones &* 0x22)
      let backslash = w ^ (ones &* 0x5C)
      // A byte at or above 0x7F (w + 1 carries into the high bit, or it is set), below 0x20,
      // or equal to `"` or `\\` (a zero byte after the XOR); the tests are exact as no byte
      // here has its high bit set once the first test passes.
      if (w | (w &+ ones)) & highs != 0 { return false }
      if ((w &- ones &* 0x20) | (quote &- ones) | (backslash &- ones)) & ~w & highs != 0 { return false }
      i += 8
    }
    while i < bytes.count {
      let b = bytes[i]
      if b < 0x20 || b >= 0x7F || b == 0x22 || b == 0x5C { return false }
      i += 1
    }
    return true
  }

  /// `\uXXXX` for a scalar of the Basic Multilingual Plane.
  private static func appendEscape(_ scalar: UInt32, to out: inout [UInt8]) {
    out.append(contentsOf: [
      0x5C, 0x75, hex[Int(scalar >> 12 & 0xF)], hex[Int(scalar >> 8 & 0xF)], hex[Int(scalar >> 4 & 0xF)],
      hex[Int(scalar & 0xF)],
    ])
  }

  /// Escapes, in already-encoded JSON (from `JSONEncoder`, which leaves them raw), the C1
  /// controls, DEL and the bidirectional controls that ``appendString(_:to:)`` escapes. Such
  /// characters can only stand inside JSON strings, so the meaning is unchanged.
  static func escapingTerminalControls(_ json: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(json.count)
    var i = 0
    let n = json.count
    while i < n {
      let b = json[i]
      if b == 0x7F {
        appendEscape(0x7F, to: &out)
        i += 1
      } else if b == 0xC2, i + 1 < n, json[i + 1] >= 0x80, json[i + 1] <= 0x9F {
        appendEscape(UInt32(json[i + 1]), to: &out)
        i += 2
      } else if b == 0xE2, i + 2 < n {
        let scalar = (UInt32(b & 0x0F) << 12) | (UInt32(json[i + 1] & 0x3F) << 6) | UInt32(json[i + 2] & 0x3F)
        if (0x2028...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar) {
          appendEscape(scalar, to: &out)
        } else {
          out.append(contentsOf: json[i..<(i + 3)])
        }
        i += 3
      } else {
        out.append(b)
        i += 1
      }
    }
    return out
  }
}
