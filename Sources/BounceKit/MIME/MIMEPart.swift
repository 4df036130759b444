/// A node of a message's MIME tree: its header, its raw body (a slice of the message's bytes,
/// not a copy) and, for multiparts and embedded messages, its children.
struct MIMEPart: Sendable {
  /// The part's header block.
  var header: MessageHeader
  /// The part's Content-Type (text/plain when absent).
  var contentType: ContentType
  /// The raw body, still transfer-encoded.
  var body: ArraySlice<UInt8>
  /// Sub-parts of a multipart, or the single embedded message of a `message/*` part.
  var children: [MIMEPart] = []
  /// Nesting depth (0 for the message itself).
  var depth: Int

  /// The transfer encoding, lower case (`7bit` when absent).
  var transferEncoding: String {
    guard let raw = header.field("content-transfer-encoding") else { return "7bit" }
    return String(decoding: raw.unfoldedBytes.map(ASCII.lower), as: UTF8.self)
      .trimmingCharacters(in: " \t\"")
  }

  /// `type/subtype` of the part.
  var mimeType: String { contentType.mimeType }

  /// The body with its transfer encoding removed (uncopied for 7bit, 8bit and binary).
  var decodedBody: ArraySlice<UInt8> { TransferEncoding.decodeSlice(body, encoding: transferEncoding) }

  /// The body as text: transfer encoding removed, then converted from its charset.
  var text: String {
    Charset.decode(decodedBody, label: contentType[parameter: "charset"])
  }

  /// For an embedded message kept opaque by the parser: the same message with its own MIME
  /// structure parsed.
  func expandedEmbeddedMessage() -> MIMEPart {
    var parser = MIMEParser()
    return parser.buildPart(header: header, contentType: contentType, body: body, depth: depth)
  }

  /// Every part below (and including) this one, depth first.
  func walk(_ body: (MIMEPart) -> Void) {
    body(self)
    for child in children { child.walk(body) }
  }

  /// The first part, depth first, whose type matches.
  func first(where predicate: (MIMEPart) -> Bool) -> MIMEPart? {
    if predicate(self) { return self }
    for child in children {
      if let found = child.first(where: predicate) { return found }
    }
    return nil
  }
}

extension String {
  /// The string without the given characters at either end.
  func trimmingCharacters(in set: String) -> String {
    let chars = Set(set)
    var s = Substring(self)
    while let f = s.first, chars.contains(f) { s.removeFirst() }
    while let l = s.last, chars.contains(l) { s.removeLast() }
    return String(s)
  }
}
