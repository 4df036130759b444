/// A small, strict-enough JSON reader for notifications that arrive as mail bodies (Amazon
/// SES through SNS). Bounded: nesting deeper than ``maxDepth`` or input larger than
/// ``maxBytes`` gives nil. One forward pass, no recursion beyond the nesting depth.
enum JSONValue: Equatable {
  case object([String: JSONValue])
  case array([JSONValue])
  case string(String)
  case number(Double)
  case bool(Bool)
  case null

  /// Deepest nesting accepted.
  static let maxDepth = 32
  /// Largest input accepted, in bytes.
  static let maxBytes = 4 << 20

  /// Parses `text`; nil when it is not one JSON value (surrounding whitespace allowed).
  static func parse(_ text: some StringProtocol) -> JSONValue? {
    let bytes = Array(text.utf8)
    guard bytes.count <= maxBytes else { return nil }
    var parser = Parser(bytes: bytes)
    guard let value = parser.value(depth: 0) else { return nil }
    parser.skipSpace()
    return parser.i == bytes.count ? value : nil
  }

  /// The member `key` of an object.
  subscript(_ key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string, when this is one.
  var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The elements, when this is an array (empty otherwise).
  var array: [JSONValue] {
    if case .array(let a) = self { return a }
    return []
  }

  private struct Parser {
    let bytes: [UInt8]
    var i = 0

    mutating func skipSpace() {
      while i < bytes.count, bytes[i] == ASCII.space || bytes[i] == ASCII.tab || bytes[i] == ASCII.lf || bytes[i] == ASCII.cr { i += 1 }
    }

    mutating func value(depth: Int) -> JSONValue? {
      guard depth <= JSONValue.maxDepth else { return nil }
      skipSpace()
      guard i < bytes.count else { return nil }
      switch bytes[i] {
      case 0x7B: return object(depth: depth)
      case 0x5B: return array(depth: depth)
      case ASCII.quote: return string().map(JSONValue.string)
      case 0x74: return literal("true", .bool(true))
      case 0x66: return literal("false", .bool(false))
      case 0x6E: return literal("null", .null)
      default: return number()
      }
    }

    mutating func object(depth: Int) -> JSONValue? {
      i += 1
      var members: [String: JSONValue] = [:]
      skipSpace()
      if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(members) }
      while true {
        skipSpace()
        guard i < bytes.count, bytes[i] == ASCII.quote, let key = string() else { return nil }
        skipSpace()
        guard i < bytes.count, bytes[i] == ASCII.colon else { return nil }
        i += 1
        guard let v = value(depth: depth + 1) else { return nil }
        members[key] = v
        skipSpace()
        guard i < bytes.count else { return nil }
        if bytes[i] == ASCII.comma { i += 1; continue }
        if bytes[i] == 0x7D { i += 1; return .object(members) }
        return nil
      }
    }

    mutating func array(depth: Int) -> JSONValue? {
      i += 1
      var items: [JSONValue] = []
      skipSpace()
      if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(items) }
      while true {
        guard let v = value(depth: depth + 1) else { return nil }
        items.append(v)
        skipSpace()
        guard i < bytes.count else { return nil }
        if bytes[i] == ASCII.comma { i += 1; continue }
        if bytes[i] == 0x5D { i += 1; return .array(items) }
        return nil
      }
    }

    mutating func string() -> String? {
      i += 1
      // The bytes up to the first quote or backslash taken as one run: most strings have no
      // escapes and end there.
      var run = i
      while run < bytes.count, bytes[run] != ASCII.quote, bytes[run] != ASCII.backslash { run += 1 }
      if run < bytes.count, bytes[run] == ASCII.quote {
        defer { i = run + 1 }
        return String(decoding: bytes[i..<run], as: UTF8.self)
      }
      var out: [UInt8] = []
      out.reserveCapacity(run - i + 16)
      out.append(contentsOf: bytes[i..<run])
      i = run
      while i < bytes.count {
        let b = bytes[i]
        if b == ASCII.quote { i += 1; return String(decoding: out, as: UTF8.self) }
        if b == ASCII.backslash {
          guard i + 1 < bytes.count else { return nil }
          let e = bytes[i + 1]
          i += 2
          switch e {
          case 0x6E: out.append(ASCII.lf)
          case 0x74: out.append(ASCII.tab)
          case 0x72: out.append(ASCII.cr)
          case 0x62, 0x66: out.append(ASCII.space)
          case 0x75:
            guard i + 4 <= bytes.count, let unit = UInt16(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { return nil }
            i += 4
            var scalar = Unicode.Scalar(unit)
            // A surrogate pair spells one scalar outside the basic plane.
            if (0xD800..<0xDC00).contains(unit), i + 6 <= bytes.count, bytes[i] == ASCII.backslash, bytes[i + 1] == 0x75,
              let low = UInt16(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16), (0xDC00..<0xE000).contains(low)
            {
              scalar = Unicode.Scalar(0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00))
              i += 6
            }
            out.append(contentsOf: Array(String(Character(scalar ?? "\u{FFFD}")).utf8))
          default: out.append(e)
          }
          continue
        }
        out.append(b)
        i += 1
      }
      return nil
    }

    mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
      let n = word.utf8CodeUnitCount
      guard i + n <= bytes.count else { return nil }
      for k in 0..<n where bytes[i + k] != word.utf8Start[k] { return nil }
      i += n
      return value
    }

    mutating func number() -> JSONValue? {
      let start = i
      while i < bytes.count, ASCII.isDigit(bytes[i]) || bytes[i] == ASCII.hyphen || bytes[i] == 0x2B || bytes[i] == ASCII.dot
        || bytes[i] == 0x65 || bytes[i] == 0x45
      {
        i += 1
      }
      guard i > start, let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { return nil }
      return .number(d)
    }
  }
}
