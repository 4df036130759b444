/// A node of a message's MIME tree: its header, its raw body (a slice of the message's bytes,
/// not a copy) and, for multiparts and embedded messages, its children.
///
/// The fields live in one shared, immutable object: readers copy parts freely (walks, lists of
/// parts), and a copy is then one reference, not one per field.
struct MIMEPart: Sendable {
  /// The fields of a part, never changed once built.
  private final class Storage: Sendable {
    let header: MessageHeader
    let contentType: ContentType
    let body: ArraySlice<UInt8>
    let children: [MIMEPart]
    let depth: Int
    let maxDecodedBytes: Int

    init(header: MessageHeader, contentType: ContentType, body: ArraySlice<UInt8>, children: [MIMEPart], depth: Int, maxDecodedBytes: Int) {
      self.header = header
      self.contentType = contentType
      self.body = body
      self.children = children
      self.depth = depth
      self.maxDecodedBytes = maxDecodedBytes
    }
  }

  private let storage: Storage

  /// A part with the given fields.
  init(
    header: MessageHeader, contentType: ContentType, body: ArraySlice<UInt8>, children: [MIMEPart] = [], depth: Int,
    maxDecodedBytes: Int = DecodeLimits.standard.maxPartBytes
  ) {
    storage = Storage(
      header: header, contentType: contentType, body: body, children: children, depth: depth, maxDecodedBytes: maxDecodedBytes)
  }

  /// The part's header block.
  var header: MessageHeader { storage.header }
  /// The part's Content-Type (text/plain when absent).
  var contentType: ContentType { storage.contentType }
  /// The raw body, still transfer-encoded.
  var body: ArraySlice<UInt8> { storage.body }
  /// Sub-parts of a multipart, or the single embedded message of a `message/*` part.
  var children: [MIMEPart] { storage.children }
  /// Nesting depth (0 for the message itself).
  var depth: Int { storage.depth }
  /// Bytes of the raw body given to the decoders (``DecodeLimits/maxPartBytes``); the rest of
  /// a larger body is not decoded.
  var maxDecodedBytes: Int { storage.maxDecodedBytes }

  /// The transfer encoding, lower case (`7bit` when absent).
  var transferEncoding: String { Self.transferEncoding(of: header) }

  /// The transfer encoding `header` declares, lower case (`7bit` when absent).
  static func transferEncoding(of header: MessageHeader) -> String {
    guard let field = header.field("content-transfer-encoding") else { return "7bit" }
    // A value without a line break or a tab (nearly all) is its own unfolding: read in place.
    let raw = field.rawValue
    let value = raw.contains { $0 == ASCII.lf || $0 == ASCII.cr || $0 == ASCII.tab } ? field.unfoldedBytes[...] : raw
    // Spaces and quotes trimmed (unfolding turned tabs into spaces).
    var lo = value.startIndex
    var hi = value.endIndex
    while lo < hi, value[lo] == ASCII.space || value[lo] == ASCII.quote { lo += 1 }
    while hi > lo, value[hi - 1] == ASCII.space || value[hi - 1] == ASCII.quote { hi -= 1 }
    let label = value[lo..<hi]
    // The usual labels come back as the literals the decoders compare with: no new string.
    return knownEncodings.lowercased(label)
  }

  /// Transfer encodings written in real mail, lower case.
  private static let knownEncodings = PackedNames(["7bit", "8bit", "base64", "quoted-printable", "binary"])

  /// `type/subtype` of the part.
  var mimeType: String { contentType.mimeType }

  /// The body with its transfer encoding removed (uncopied for 7bit, 8bit and binary); at most
  /// the first ``maxDecodedBytes`` of the raw body are decoded.
  var decodedBody: ArraySlice<UInt8> {
    TransferEncoding.decodeSlice(body.prefix(max(0, maxDecodedBytes)), encoding: transferEncoding)
  }

  /// The body as text: transfer encoding removed, converted from its charset, CRLF and bare CR
  /// turned into LF (a base64 body keeps the line endings of the system that encoded it).
  var text: String {
    Charset.decode(decodedBody, canonicalName: contentType.canonicalCharset).withLFLineEndings
  }

  /// For an embedded message kept opaque by the parser: the same message with its own MIME
  /// structure parsed. `limits` should be the ones the message was parsed with.
  func expandedEmbeddedMessage(limits: DecodeLimits = .standard) -> MIMEPart {
    var parser = MIMEParser(limits: limits)
    return parser.buildPart(header: header, contentType: contentType, body: body, depth: depth)
  }

  /// Like ``expandedEmbeddedMessage(limits:)``, also returning the limits reached.
  func expandedEmbeddedMessageNotingLimits(_ limits: DecodeLimits) -> (MIMEPart, Set<DecodeLimits.Limit>) {
    var parser = MIMEParser(limits: limits)
    let part = parser.buildPart(header: header, contentType: contentType, body: body, depth: depth)
    return (part, parser.limitsReached)
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
  /// The string with CRLF and bare CR line breaks turned into LF.
  var withLFLineEndings: String {
    guard containsByte(ASCII.cr) else { return self }
    var copy = self
    return copy.withUTF8 { bytes in
      String(unsafeUninitializedCapacity: bytes.count) { out in
        var k = 0
        var previousCR = false
        for b in bytes {
          if b == ASCII.cr {
            out[k] = ASCII.lf
            k += 1
            previousCR = true
            continue
          }
          if !(b == ASCII.lf && previousCR) {
            out[k] = b
            k += 1
          }
          previousCR = false
        }
        return k
      }
    }
  }

  /// The string without the given characters at either end.
  func trimmingCharacters(in set: String) -> String {
    let u = utf8
    // ASCII sets (all of ours) trim on the bytes; any other set by characters.
    guard set.utf8.allSatisfy({ $0 < 0x80 }) else {
      let chars = Set(set)
      var s = Substring(self)
      while let f = s.first, chars.contains(f) { s.removeFirst() }
      while let l = s.last, chars.contains(l) { s.removeLast() }
      return String(s)
    }
    // On contiguous UTF-8 (native strings): offsets, not index walking, and no array for the set.
    let trimmed = u.withContiguousStorageIfAvailable { bytes -> String in
      var lo = 0
      var hi = bytes.count
      while lo < hi, set.utf8.contains(bytes[lo]) { lo += 1 }
      while hi > lo, set.utf8.contains(bytes[hi - 1]) { hi -= 1 }
      if lo == 0, hi == bytes.count { return self }
      // ASCII bytes cut off valid UTF-8 leave valid UTF-8: the same text as the slice.
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
    }
    if let trimmed { return trimmed }
    let bytes = Array(set.utf8)
    var lo = u.startIndex
    var hi = u.endIndex
    while lo != hi, bytes.contains(u[lo]) { lo = u.index(after: lo) }
    while hi != lo, bytes.contains(u[u.index(before: hi)]) { hi = u.index(before: hi) }
    if lo == u.startIndex, hi == u.endIndex { return self }
    return String(self[lo..<hi])
  }
}
