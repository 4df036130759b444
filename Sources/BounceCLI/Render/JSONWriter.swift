/// A small, fast JSON object writer: keys in the order written, strings escaped so that the
/// output is always valid UTF-8 JSON whatever the message contained.
struct JSONObjectWriter {
  private(set) var bytes: [UInt8] = [0x7B]
  private var first = true

  mutating func key(_ name: String) {
    if !first { bytes.append(0x2C) }
    first = false
    JSONObjectWriter.appendString(name, to: &bytes)
    bytes.append(0x3A)
  }

  mutating func field(_ name: String, _ value: String?) {
    key(name)
    if let value { JSONObjectWriter.appendString(value, to: &bytes) } else { bytes.append(contentsOf: Array("null".utf8)) }
  }

  mutating func field(_ name: String, _ value: Int?) {
    key(name)
    bytes.append(contentsOf: Array((value.map(String.init) ?? "null").utf8))
  }

  mutating func field(_ name: String, _ value: Bool) {
    key(name)
    bytes.append(contentsOf: Array((value ? "true" : "false").utf8))
  }

  /// A list of strings.
  mutating func field(_ name: String, _ values: [String]) {
    key(name)
    bytes.append(0x5B)
    for (i, v) in values.enumerated() {
      if i > 0 { bytes.append(0x2C) }
      JSONObjectWriter.appendString(v, to: &bytes)
    }
    bytes.append(0x5D)
  }

  /// Already-encoded JSON for a value.
  mutating func rawField(_ name: String, _ json: [UInt8]) {
    key(name)
    bytes.append(contentsOf: json)
  }

  /// Closes the object and returns its bytes.
  mutating func finish() -> [UInt8] {
    bytes.append(0x7D)
    return bytes
  }

  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends `value` as a JSON string. Swift strings are valid Unicode, so the UTF-8 written
  /// is valid; control characters and lone surrogates cannot appear unescaped.
  static func appendString(_ value: String, to out: inout [UInt8]) {
    out.append(0x22)
    for b in value.utf8 {
      switch b {
      case 0x22: out.append(contentsOf: [0x5C, 0x22])
      case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: out.append(contentsOf: [0x5C, 0x72])
      case 0x09: out.append(contentsOf: [0x5C, 0x74])
      case 0x00..<0x20, 0x7F:
        out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
      default: out.append(b)
      }
    }
    out.append(0x22)
  }
}
