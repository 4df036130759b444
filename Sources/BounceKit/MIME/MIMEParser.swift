/// Builds the MIME tree of a message (RFC 2045/2046), tolerant of the mistakes real bounces
/// make: a missing final boundary, a boundary that is never used, preamble and epilogue text,
/// quoted or unquoted boundary parameters.
struct MIMEParser {
  /// The limits followed (nesting depth, number of parts, header size, part size).
  var limits: DecodeLimits
  /// Deepest nesting followed; deeper parts are kept as opaque bodies.
  var maxDepth: Int { limits.maxMIMEDepth }
  /// Most parts built in one message; later parts are kept as part of the last body.
  var maxParts: Int { limits.maxMIMEParts }
  private(set) var partCount = 0
  /// The limits reached while parsing.
  private(set) var limitsReached: Set<DecodeLimits.Limit> = []
  /// True when a limit was reached.
  var limited: Bool { !limitsReached.isEmpty }

  /// A parser that follows `limits`.
  init(limits: DecodeLimits = .standard) {
    self.limits = limits
  }

  /// Parses a whole message (LF line endings).
  mutating func parse(_ bytes: ArraySlice<UInt8>) -> MIMEPart {
    parseEntity(bytes, depth: 0, defaultType: .textPlain)
  }

  private mutating func parseEntity(_ bytes: ArraySlice<UInt8>, depth: Int, defaultType: ContentType) -> MIMEPart {
    let (header, bodyStart) = parseHeader(bytes)
    // Looked up once: the lookup is also the test for a missing field below.
    let field = header.field("content-type")
    var contentType = field.map { ContentType(parsing: $0.unfoldedSlice) }
      .flatMap { $0.type.isEmpty ? nil : $0 } ?? defaultType
    if depth == 0, field == nil, let boundary = Self.guessBoundary(bytes[bodyStart...], excludingDeclared: true) {
      // A message that lost its Content-Type but whose body is plainly MIME (some Sendmail
      // bounces): read it as the multipart it is.
      contentType = ContentType(type: "multipart", subtype: "mixed", parameters: ["boundary": String(decoding: boundary, as: UTF8.self)])
    }
    return buildPart(header: header, contentType: contentType, body: bytes[bodyStart...], depth: depth)
  }

  /// Parses a header block and notes the header limits it reached.
  private mutating func parseHeader(_ bytes: ArraySlice<UInt8>) -> (MessageHeader, bodyStart: Int) {
    let parsed = MessageHeader.parse(bytes, limits: limits)
    // Nearly always empty: a union with an empty set still costs a call and a hash setup.
    if !parsed.0.limitsReached.isEmpty { limitsReached.formUnion(parsed.0.limitsReached) }
    return parsed
  }

  /// Builds a part from its already-parsed header, parsing the body's structure.
  mutating func buildPart(header: MessageHeader, contentType: ContentType, body: ArraySlice<UInt8>, depth: Int) -> MIMEPart {
    partCount += 1
    let maxPartBytes = limits.maxPartBytes
    func part(_ children: [MIMEPart] = []) -> MIMEPart {
      MIMEPart(header: header, contentType: contentType, body: body, children: children, depth: depth, maxDecodedBytes: maxPartBytes)
    }
    let embedsMessage = contentType.type.isName("message") && Self.embedsMessage(subtype: contentType.subtype)
    guard depth < maxDepth, partCount < maxParts else {
      if contentType.type.isName("multipart") || embedsMessage {
        limitsReached.insert(depth < maxDepth ? .mimeParts : .mimeDepth)
      }
      return part()
    }
    if contentType.type.isName("multipart") {
      return part(parseMultipart(body, contentType: contentType, depth: depth))
    } else if embedsMessage {
      // Only the embedded message's header matters to a bounce; its body stays opaque
      // (see ``MIMEPart/expandedEmbeddedMessage(limits:)`` for the rare reader that needs
      // more). Reports that are themselves field lists (delivery-status) are not messages.
      // Decoding is capped like any part's; an unencoded message is a slice, never copied.
      let encoding = MIMEPart.transferEncoding(of: header)
      let identity = encoding != "base64" && encoding != "quoted-printable"
      let inner = identity ? body : TransferEncoding.decodeSlice(body.prefix(maxPartBytes), encoding: encoding)
      partCount += 1
      let (innerHeader, innerBodyStart) = parseHeader(inner)
      let innerType = innerHeader.field("content-type").map { ContentType(parsing: $0.unfoldedSlice) }
        .flatMap { $0.type.isEmpty ? nil : $0 } ?? .textPlain
      return part([
        MIMEPart(header: innerHeader, contentType: innerType, body: inner[innerBodyStart...], depth: depth + 1,
                 maxDecodedBytes: maxPartBytes)
      ])
    } else if body.count > maxPartBytes, contentType.type.isName("text") || contentType.type.isName("message") {
      // Text that readers will decode, too large to decode whole.
      limitsReached.insert(.partBytes)
    }
    return part()
  }

  /// True for the `message/…` subtypes that hold a whole message (as opposed to a report's
  /// field list).
  static func embedsMessage(subtype: String) -> Bool {
    // Compared by length and bytes (`isName`): every part is asked.
    subtype.isName("rfc822") || subtype.isName("global") || subtype.isName("partial") || subtype.isName("news")
  }

  private mutating func parseMultipart(_ body: ArraySlice<UInt8>, contentType: ContentType, depth: Int) -> [MIMEPart] {
    let childDefault = contentType.subtype == "digest"
      ? ContentType(type: "message", subtype: "rfc822", parameters: [:]) : .textPlain
    let declared = contentType.boundaryBytes ?? []
    if !declared.isEmpty {
      // One pass: splitting finds out on the way whether the boundary is used at all (a
      // separate check first would read every nested body once more per level).
      let (parts, found) = split(body, boundary: declared, depth: depth, childDefault: childDefault)
      if found { return parts }
    }
    // The declared boundary never appears (or none was declared): use the first line that
    // looks like a delimiter, as mail readers do.
    guard let guessed = Self.guessBoundary(body) else { return [] }
    return split(body, boundary: guessed, depth: depth, childDefault: childDefault).parts
  }

  /// The parts between `--boundary` lines; `found` is false when no line is a delimiter (and
  /// then nothing was parsed).
  private mutating func split(
    _ body: ArraySlice<UInt8>, boundary: [UInt8], depth: Int, childDefault: ContentType
  ) -> (parts: [MIMEPart], found: Bool) {
    var parts: [MIMEPart] = []
    var found = false
    var i = body.startIndex
    let end = body.endIndex
    var partStart: Int? = nil
    while i < end {
      // Only a line that starts with `-` or a space can be a delimiter, and one that starts
      // with `-` only if `--` and the boundary's first byte follow: the other lines are
      // passed over without looking for their end.
      let first = body[i]
      let candidate = first == ASCII.hyphen
        ? boundary.isEmpty || end - i > 2 && body[i + 1] == ASCII.hyphen && body[i + 2] == boundary[0]
        : ASCII.isSpace(first) && Self.mayBeIndentedDelimiter(body, at: i)
      if candidate, case let lineEnd = body.firstLineBreak(from: i),
        let kind = Self.delimiterKind(body[i..<lineEnd], boundary: boundary)
      {
        let next = lineEnd < end ? lineEnd + 1 : end
        found = true
        if let start = partStart {
          // The line break before a delimiter belongs to the delimiter.
          var partEnd = i
          if partEnd > start, body[partEnd - 1] == ASCII.lf { partEnd -= 1 }
          appendPart(body[start..<max(start, partEnd)], to: &parts, depth: depth, defaultType: childDefault)
        }
        if kind == .close || partCount >= maxParts {
          partStart = nil
          if kind != .close { limitsReached.insert(.mimeParts) }
          break
        }
        partStart = next
        i = body.nextLineStart(with: ASCII.hyphen, ASCII.space, ASCII.tab, from: next)
        continue
      }
      // Lines that do not start with `-` or a blank cannot be delimiters: skipped in one scan
      // from here, which also finds the end of this line.
      i = body.nextLineStart(with: ASCII.hyphen, ASCII.space, ASCII.tab, after: i)
    }
    if let start = partStart, start < end {
      // No closing delimiter: the last part runs to the end.
      appendPart(body[start..<end], to: &parts, depth: depth, defaultType: childDefault)
    }
    return (parts, found)
  }

  private mutating func appendPart(_ bytes: ArraySlice<UInt8>, to parts: inout [MIMEPart], depth: Int, defaultType: ContentType) {
    parts.append(parseEntity(bytes, depth: depth + 1, defaultType: defaultType))
  }

  enum Delimiter { case open, close }

  /// False when the line at `i`, which starts with a blank, cannot be a delimiter: after its
  /// blanks comes something other than `-`. Most such lines are folds of a part's header.
  @inline(__always) static func mayBeIndentedDelimiter(_ body: ArraySlice<UInt8>, at i: Int) -> Bool {
    var j = i + 1
    while j < body.endIndex, ASCII.isSpace(body[j]) { j += 1 }
    return j < body.endIndex && body[j] == ASCII.hyphen
  }

  /// `--boundary` (open) or `--boundary--` (close); whitespace allowed around it (indented
  /// delimiters occur in reports copied from RFC examples).
  static func delimiterKind(_ line: ArraySlice<UInt8>, boundary: [UInt8]) -> Delimiter? {
    // On the bytes through pointers: a boundary is some forty bytes, and checked indexing
    // cost several instructions a byte.
    line.withUnsafeBufferPointer { l in boundary.withUnsafeBufferPointer { delimiterKind(l, boundary: $0) } }
  }

  /// ``delimiterKind(_:boundary:)`` on buffers.
  static func delimiterKind(_ line: UnsafeBufferPointer<UInt8>, boundary: UnsafeBufferPointer<UInt8>) -> Delimiter? {
    var i = 0
    let end = line.count
    while i < end, ASCII.isSpace(line[i]) { i += 1 }
    let n = boundary.count
    guard end - i >= n + 2, line[i] == ASCII.hyphen, line[i + 1] == ASCII.hyphen else { return nil }
    i += 2
    if n > 0, let l = line.baseAddress, let b = boundary.baseAddress {
      // Eight bytes at a time, then the rest.
      let lr = UnsafeRawPointer(l + i)
      let br = UnsafeRawPointer(b)
      var k = 0
      while k + 8 <= n {
        if lr.loadUnaligned(fromByteOffset: k, as: UInt64.self) != br.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return nil }
        k += 8
      }
      while k < n {
        if l[i + k] != b[k] { return nil }
        k += 1
      }
    }
    i += n
    var kind = Delimiter.open
    if end - i >= 2, line[i] == ASCII.hyphen, line[i + 1] == ASCII.hyphen {
      kind = .close
      i += 2
    }
    while i < end {
      if !ASCII.isWhitespace(line[i]) { return nil }
      i += 1
    }
    return kind
  }

  /// The boundary of the first `--xxxx` line that is directly followed by a `Content-…`
  /// field line. For a message with no Content-Type at all (`excludingDeclared`), a boundary
  /// that a `boundary=` inside the body declares is skipped: it belongs to a message quoted in
  /// the body (such as the original returned as plain text), not to this one.
  static func guessBoundary(_ body: ArraySlice<UInt8>, excludingDeclared: Bool = false) -> [UInt8]? {
    // The declared boundaries are collected only once a candidate is found (most bodies
    // without a Content-Type have none, and the collection reads the whole body).
    var declared: Set<[UInt8]>? = excludingDeclared ? nil : []
    var i = body.startIndex
    let end = body.endIndex
    var previous: [UInt8]? = nil
    while i < end {
      let lineEnd = body.firstLineBreak(from: i)
      if let token = previous, body[i..<lineEnd].hasPrefixIgnoringCase("content-") {
        if declared == nil { declared = declaredBoundaries(body) }
        if declared?.contains(token) == false { return token }
      }
      previous = nil
      let line = body[i..<lineEnd].trimmingWhitespace()
      if line.count > 3, line.count <= 200, line[line.startIndex] == ASCII.hyphen,
        line[line.startIndex + 1] == ASCII.hyphen, !line.contains(ASCII.space)
      {
        var token = Array(line.dropFirst(2))
        if token.count > 2, token.suffix(2) == [ASCII.hyphen, ASCII.hyphen] { token.removeLast(2) }
        previous = token
      }
      i = lineEnd + 1
    }
    return nil
  }

  /// The values of every `boundary=` parameter written in `body`, in one pass.
  static func declaredBoundaries(_ body: ArraySlice<UInt8>) -> Set<[UInt8]> {
    var found = Set<[UInt8]>()
    var i = body.startIndex
    let end = body.endIndex
    // The next `=` that is not too close to `i`, found with memchr; the test then looks at the
    // eight bytes before it. Same matches as trying every position from `i` in turn.
    while i + 9 <= end, found.count < 64 {
      let equals = body.firstIndexOrEnd(of: ASCII.equals, from: i + 8)
      guard equals < end else { break }
      let start = equals - 8
      if ASCII.lower(body[start]) == 0x62, body[start..<(equals + 1)].hasPrefixIgnoringCase("boundary=") {
        var j = equals + 1
        if j < end, body[j] == ASCII.quote { j += 1 }
        let valueStart = j
        while j < end, body[j] != ASCII.quote, body[j] != ASCII.semicolon, !ASCII.isWhitespace(body[j]) { j += 1 }
        if j > valueStart { found.insert(Array(body[valueStart..<j])) }
        i = j
      } else {
        i = start + 1
      }
    }
    return found
  }
}

extension ArraySlice<UInt8> {
  /// The index of the first `byte` at or after `from` (memchr), or `endIndex`.
  @inline(__always) func firstIndexOrEnd(of byte: UInt8, from: Int) -> Int {
    withUnsafeBufferPointer { ByteScan.firstOrEnd(byte, in: $0, from: from - startIndex) } + startIndex
  }
}
