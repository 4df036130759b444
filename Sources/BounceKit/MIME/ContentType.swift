/// A parsed Content-Type (or any `value; name=param` field such as Content-Disposition).
///
/// Parameters are read from the field's bytes when asked for: most parts are never asked for
/// theirs, and a dictionary per part cost more than the rest of the parsing.
struct ContentType: Sendable, Equatable {
  /// The media type, lower case (`multipart`).
  let type: String
  /// The subtype, lower case (`report`).
  let subtype: String
  /// The unfolded field value, and where its parameters start in it (an index of `raw`).
  /// Usually a slice of the message itself: a value without folds is its own unfolding.
  private let raw: ArraySlice<UInt8>
  private let parametersStart: Int
  /// Parameters given as such (``init(type:subtype:parameters:)``), instead of `raw`.
  private let given: [String: String]?

  /// `type/subtype`, joined once: readers compare it for every part they look for.
  let mimeType: String

  /// `text/plain; charset=us-ascii`, the RFC 2045 default.
  static let textPlain = ContentType(type: "text", subtype: "plain", parameters: [:])

  /// Parameters by lower-case name, values unquoted (RFC 2231 continuations joined).
  var parameters: [String: String] { given ?? Self.parseParameters(raw, from: parametersStart) }

  /// The value of a parameter, by lower-case name: the same as `parameters[name]`, without
  /// building the dictionary.
  subscript(parameter name: String) -> String? {
    if let given { return given[name] }
    return Self.parameter(Array(name.utf8), in: raw, from: parametersStart)
  }

  /// The UTF-8 bytes of the `boundary` parameter: `self[parameter: "boundary"].map { Array($0.utf8) }`.
  /// A plain ASCII value (nearly all) is copied straight from the field, without a string and
  /// a second copy in between; anything else goes the long way.
  var boundaryBytes: [UInt8]? {
    if given == nil {
      switch Self.plainParameter(Self.boundaryName, in: raw, from: parametersStart) {
      case .value(let plain) where !plain.contains(where: { $0 >= 0x80 }): return Array(plain)
      case .absent: return nil
      default: break
      }
    }
    return self[parameter: "boundary"].map { Array($0.utf8) }
  }

  private static let boundaryName = Array("boundary".utf8)

  /// The `charset` parameter mapped by ``Charset/canonicalName(_:)`` ("" when there is none):
  /// what ``Charset/decode(_:canonicalName:)`` takes. A usual label is looked up on the field's
  /// bytes; anything else goes the long way.
  var canonicalCharset: String {
    if given == nil {
      switch Self.plainParameter(Self.charsetName, in: raw, from: parametersStart) {
      case .value(let plain):
        if let known = Charset.knownCanonicalName(plain) { return known }
      case .absent: return ""
      case .unknown: break
      }
    }
    return self[parameter: "charset"].map(Charset.canonicalName) ?? ""
  }

  private static let charsetName = Array("charset".utf8)

  /// What ``plainParameter(_:in:from:)`` finds.
  enum PlainParameter: Equatable {
    /// The value of the first parameter of that name.
    case value(ArraySlice<UInt8>)
    /// No parameter of that name and no RFC 2231 piece of one: ``parameter(_:in:from:)`` is nil.
    case absent
    /// No parameter of that name, but a name that may be a piece of it.
    case unknown
  }

  /// The value of the first parameter named `wanted` (lower-case ASCII, without `*`), as
  /// ``parameter(_:in:from:)`` finds it, before it is made a string; or whether there is
  /// surely none.
  static func plainParameter(_ wanted: [UInt8], in raw: ArraySlice<UInt8>, from start: Int) -> PlainParameter {
    var plain: ArraySlice<UInt8>? = nil
    var pieces = false
    forEachParameter(raw, from: start) { nameBytes, value in
      guard plain == nil, nameBytes.count >= wanted.count,
        zip(nameBytes, wanted).allSatisfy({ ASCII.lower($0) == $1 })
      else { return }
      if nameBytes.count == wanted.count {
        plain = value
      } else if nameBytes[nameBytes.startIndex + wanted.count] == 0x2A {
        pieces = true
      }
    }
    if let plain { return .value(plain) }
    return pieces ? .unknown : .absent
  }

  static func == (a: ContentType, b: ContentType) -> Bool {
    a.type == b.type && a.subtype == b.subtype && a.parameters == b.parameters
  }

  /// Parses a Content-Type value. Lenient: no subtype, stray semicolons, unquoted values with
  /// spaces, a missing closing quote.
  init(parsing raw: [UInt8]) {
    self.init(parsing: raw[...])
  }

  /// Parses a Content-Type value held in a slice (kept, not copied).
  init(parsing raw: ArraySlice<UInt8>) {
    // Offsets found on the bytes through a pointer, and the names looked up there: slicing
    // and trimming the array slice step by step cost more than the rest of the parse.
    let parsed = raw.withUnsafeBufferPointer { Self.parseType($0) }
    (type, subtype, mimeType) = parsed.names
    self.raw = raw
    parametersStart = raw.startIndex + parsed.typeEnd
    given = nil
  }

  /// The names of the media type at the start of `b`, and the offset where its parameters
  /// start.
  private static func parseType(_ b: UnsafeBufferPointer<UInt8>) -> (names: (String, String, String), typeEnd: Int) {
    var i = 0
    let n = b.count
    while i < n, ASCII.isSpace(b[i]) { i += 1 }
    var typeEnd = i
    while typeEnd < n, b[typeEnd] != ASCII.semicolon { typeEnd += 1 }
    var slash = i
    while slash < typeEnd, b[slash] != 0x2F { slash += 1 }
    // `text/plain charset="x"` (the semicolon forgotten): the type ends at the first space
    // after the slash, and parameters follow.
    if slash < typeEnd {
      var j = slash + 1
      while j < typeEnd, ASCII.isSpace(b[j]) { j += 1 }
      while j < typeEnd, !ASCII.isWhitespace(b[j]) { j += 1 }
      if j < typeEnd {
        var k = j
        while k < typeEnd, b[k] != ASCII.equals { k += 1 }
        if k < typeEnd { typeEnd = j }
      }
    }
    // The type and subtype, each trimmed of whitespace (the slash found above is the first
    // one of the trimmed value too: trimming only removes whitespace).
    func trimmed(_ lo: Int, _ hi: Int) -> UnsafeBufferPointer<UInt8> {
      var lo = lo
      var hi = hi
      while lo < hi, ASCII.isWhitespace(b[lo]) { lo += 1 }
      while hi > lo, ASCII.isWhitespace(b[hi - 1]) { hi -= 1 }
      return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }
    let names: (String, String, String)
    if slash < typeEnd {
      names = MediaTypeNames.names(type: trimmed(i, slash), subtype: trimmed(slash + 1, typeEnd))
    } else {
      names = MediaTypeNames.names(type: trimmed(i, typeEnd), subtype: UnsafeBufferPointer(start: nil, count: 0))
    }
    return (names, typeEnd)
  }

  init(type: String, subtype: String, parameters: [String: String]) {
    self.type = type
    self.subtype = subtype
    self.mimeType = type + "/" + subtype
    raw = []
    parametersStart = 0
    given = parameters
  }

  /// Calls `body` with each `; name=value` pair from `start` on: the name's bytes as written
  /// (trimmed, not lower-cased) and the value unquoted. Pairs without `=` are skipped. A value
  /// is a slice of `raw` unless it has backslash escapes: most parameters are passed over, and
  /// a copy of each cost more than the search.
  static func forEachParameter(
    _ raw: ArraySlice<UInt8>, from start: Int, _ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Void
  ) {
    // Offsets found on the bytes through a pointer (checked slice indexing cost several
    // instructions a byte); the name and value handed on are slices of `raw` as before.
    raw.withUnsafeBufferPointer { b in
      let base = raw.startIndex
      var i = start - base
      let n = b.count
      while i < n {
        // Skip separators.
        while i < n, b[i] == ASCII.semicolon || ASCII.isWhitespace(b[i]) { i += 1 }
        guard i < n else { break }
        var nameEnd = i
        while nameEnd < n, b[nameEnd] != ASCII.equals, b[nameEnd] != ASCII.semicolon { nameEnd += 1 }
        var lo = i
        var hi = nameEnd
        while lo < hi, ASCII.isWhitespace(b[lo]) { lo += 1 }
        while hi > lo, ASCII.isWhitespace(b[hi - 1]) { hi -= 1 }
        let name = raw[(base + lo)..<(base + hi)]
        guard nameEnd < n, b[nameEnd] == ASCII.equals else {
          i = nameEnd
          continue
        }
        var j = nameEnd + 1
        while j < n, ASCII.isSpace(b[j]) { j += 1 }
        let value: ArraySlice<UInt8>
        if j < n, b[j] == ASCII.quote {
          j += 1
          let valueStart = j
          while j < n, b[j] != ASCII.quote, b[j] != ASCII.backslash { j += 1 }
          if j < n, b[j] == ASCII.backslash {
            // Copied at once up to the escape, then byte by byte.
            var unescaped = Array(raw[(base + valueStart)..<(base + j)])
            while j < n, b[j] != ASCII.quote {
              if b[j] == ASCII.backslash, j + 1 < n { j += 1 }
              unescaped.append(b[j])
              j += 1
            }
            value = unescaped[...]
          } else {
            value = raw[(base + valueStart)..<(base + j)]
          }
          j += 1
        } else {
          var vs = j
          while j < n, b[j] != ASCII.semicolon { j += 1 }
          var ve = j
          while vs < ve, ASCII.isWhitespace(b[vs]) { vs += 1 }
          while ve > vs, ASCII.isWhitespace(b[ve - 1]) { ve -= 1 }
          value = raw[(base + vs)..<(base + ve)]
        }
        i = j
        body(name, value)
      }
    }
  }

  /// One RFC 2231 piece (`name*0=`, `name*1*=`, `name*=`): its base name, number and text.
  private static func continuation(_ name: String, value: ArraySlice<UInt8>) -> (base: String, number: Int, text: String)? {
    guard let star = name.utf8.firstIndex(of: 0x2A) else { return nil }
    let base = String(name[..<star])
    let rest = name[name.utf8.index(after: star)...]
    let extended = rest.hasByteSuffix("*") || rest.isEmpty
    let number = Int(rest.filter(\.isNumber)) ?? 0
    var text = String(decoding: value, as: UTF8.self)
    if extended { text = decodeExtendedValue(value, first: number == 0) }
    return (base, number, text)
  }

  /// Parses `; name=value; name="quoted value"` pairs starting at `start`.
  static func parseParameters(_ raw: ArraySlice<UInt8>, from start: Int) -> [String: String] {
    var params: [String: String] = [:]
    var continuations: [String: [(Int, String)]] = [:]
    forEachParameter(raw, from: start) { nameBytes, value in
      let name = String(asciiLowercasing: nameBytes)
      guard !name.isEmpty else { return }
      // RFC 2231: name*=charset'lang'%XX, name*0=, name*1*= …
      if let piece = continuation(name, value: value) {
        continuations[piece.base, default: []].append((piece.number, piece.text))
      } else if params[name] == nil {
        params[name] = String(decoding: value, as: UTF8.self)
      }
    }
    for (base, pieces) in continuations where params[base] == nil {
      params[base] = pieces.sorted { $0.0 < $1.0 }.map(\.1).joined()
    }
    return params
  }

  /// `parseParameters(raw, from: start)[wanted]` for a lower-case ASCII name, comparing
  /// bytes: no string is built for the other parameters.
  static func parameter(_ wanted: [UInt8], in raw: ArraySlice<UInt8>, from start: Int) -> String? {
    var plain: String? = nil
    var pieces: [(Int, String)] = []
    forEachParameter(raw, from: start) { nameBytes, value in
      guard plain == nil, !nameBytes.isEmpty else { return }
      // The name, lower-cased, is `wanted` (a plain parameter) or starts with `wanted*` (a
      // piece of it); only then is it read further.
      guard nameBytes.count >= wanted.count,
        zip(nameBytes, wanted).allSatisfy({ ASCII.lower($0) == $1 })
      else { return }
      if nameBytes.count == wanted.count {
        if !wanted.contains(0x2A) { plain = String(decoding: value, as: UTF8.self) }
        return
      }
      guard nameBytes[nameBytes.startIndex + wanted.count] == 0x2A,
        let piece = continuation(String(asciiLowercasing: nameBytes), value: value),
        piece.base.utf8.elementsEqual(wanted)
      else { return }
      pieces.append((piece.number, piece.text))
    }
    if let plain { return plain }
    return pieces.isEmpty ? nil : pieces.sorted { $0.0 < $1.0 }.map(\.1).joined()
  }

  /// `utf-8'ja'%E3%81%82` → its text.
  private static func decodeExtendedValue(_ value: ArraySlice<UInt8>, first: Bool) -> String {
    var bytes = value
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
