/// A parsed Content-Type (or any `value; name=param` field such as Content-Disposition).
struct ContentType: Sendable, Equatable {
  /// The media type, lower case (`multipart`).
  let type: String
  /// The subtype, lower case (`report`).
  let subtype: String
  /// Parameters by lower-case name, values unquoted (RFC 2231 continuations joined).
  var parameters: [String: String]

  /// `type/subtype`, joined once: readers compare it for every part they look for.
  let mimeType: String

  /// `text/plain; charset=us-ascii`, the RFC 2045 default.
  static let textPlain = ContentType(type: "text", subtype: "plain", parameters: [:])

  /// The value of a parameter, by lower-case name.
  subscript(parameter name: String) -> String? { parameters[name] }

  /// Parses a Content-Type value. Lenient: no subtype, stray semicolons, unquoted values with
  /// spaces, a missing closing quote.
  init(parsing raw: [UInt8]) {
    var i = 0
    let n = raw.count
    while i < n, ASCII.isSpace(raw[i]) { i += 1 }
    var typeEnd = i
    while typeEnd < n, raw[typeEnd] != ASCII.semicolon { typeEnd += 1 }
    // `text/plain charset="x"` (the semicolon forgotten): the type ends at the first space
    // after the slash, and parameters follow.
    if let slash = raw[i..<typeEnd].firstIndex(of: 0x2F) {
      var j = slash + 1
      while j < typeEnd, ASCII.isSpace(raw[j]) { j += 1 }
      while j < typeEnd, !ASCII.isWhitespace(raw[j]) { j += 1 }
      if j < typeEnd, raw[j..<typeEnd].contains(ASCII.equals) { typeEnd = j }
    }
    let mime = raw[i..<typeEnd].trimmingWhitespace()
    if let slash = mime.firstIndex(of: 0x2F) {
      type = String(asciiLowercasing: mime[..<slash].trimmingWhitespace())
      subtype = String(asciiLowercasing: mime[(slash + 1)...].trimmingWhitespace())
    } else {
      type = String(asciiLowercasing: mime)
      subtype = ""
    }
    mimeType = type + "/" + subtype
    parameters = ContentType.parseParameters(raw, from: typeEnd)
  }

  init(type: String, subtype: String, parameters: [String: String]) {
    self.type = type
    self.subtype = subtype
    self.mimeType = type + "/" + subtype
    self.parameters = parameters
  }

  /// Parses `; name=value; name="quoted value"` pairs starting at `start`.
  static func parseParameters(_ raw: [UInt8], from start: Int) -> [String: String] {
    var params: [String: String] = [:]
    var continuations: [String: [(Int, String)]] = [:]
    var i = start
    let n = raw.count
    while i < n {
      // Skip separators.
      while i < n, raw[i] == ASCII.semicolon || ASCII.isWhitespace(raw[i]) { i += 1 }
      guard i < n else { break }
      var nameEnd = i
      while nameEnd < n, raw[nameEnd] != ASCII.equals, raw[nameEnd] != ASCII.semicolon { nameEnd += 1 }
      let name = String(asciiLowercasing: raw[i..<nameEnd].trimmingWhitespace())
      guard nameEnd < n, raw[nameEnd] == ASCII.equals else {
        i = nameEnd
        continue
      }
      var j = nameEnd + 1
      while j < n, ASCII.isSpace(raw[j]) { j += 1 }
      var value: [UInt8] = []
      if j < n, raw[j] == ASCII.quote {
        j += 1
        let valueStart = j
        while j < n, raw[j] != ASCII.quote, raw[j] != ASCII.backslash { j += 1 }
        // Copied at once up to the closing quote; byte by byte only after a backslash escape.
        value = Array(raw[valueStart..<j])
        while j < n, raw[j] != ASCII.quote {
          if raw[j] == ASCII.backslash, j + 1 < n { j += 1 }
          value.append(raw[j])
          j += 1
        }
        j += 1
      } else {
        let vs = j
        while j < n, raw[j] != ASCII.semicolon { j += 1 }
        value = Array(raw[vs..<j].trimmingWhitespace())
      }
      i = j
      guard !name.isEmpty else { continue }
      // RFC 2231: name*=charset'lang'%XX, name*0=, name*1*= …
      if let star = name.utf8.firstIndex(of: 0x2A) {
        let base = String(name[..<star])
        let rest = name[name.utf8.index(after: star)...]
        let extended = rest.hasByteSuffix("*") || rest.isEmpty
        let number = Int(rest.filter(\.isNumber)) ?? 0
        var text = String(decoding: value, as: UTF8.self)
        if extended { text = decodeExtendedValue(value, first: number == 0) }
        continuations[base, default: []].append((number, text))
      } else if params[name] == nil {
        params[name] = String(decoding: value, as: UTF8.self)
      }
    }
    for (base, pieces) in continuations where params[base] == nil {
      params[base] = pieces.sorted { $0.0 < $1.0 }.map(\.1).joined()
    }
    return params
  }

  /// `utf-8'ja'%E3%81%82` → its text.
  private static func decodeExtendedValue(_ value: [UInt8], first: Bool) -> String {
    var bytes = value[...]
    var charset: String? = nil
    if first, let q1 = bytes.firstIndex(of: 0x27),
      let q2 = bytes[(q1 + 1)...].firstIndex(of: 0x27)
    {
      charset = String(decoding: bytes[..<q1], as: UTF8.self)
      bytes = bytes[(q2 + 1)...]
    }
    var out = [UInt8]()
    var i = bytes.startIndex
    while i < bytes.endIndex {
      if bytes[i] == 0x25, i + 2 < bytes.endIndex,
        let hi = TransferEncoding.hexValue(bytes[i + 1]), let lo = TransferEncoding.hexValue(bytes[i + 2])
      {
        out.append(hi << 4 | lo)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return Charset.decode(out[...], label: charset)
  }
}
