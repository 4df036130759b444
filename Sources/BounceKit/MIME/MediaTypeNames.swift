/// Media type names without new strings for each part: the standard types and subtypes, and
/// every `type/subtype` of them, are made once; any other name is lower-cased into a new
/// string.
enum MediaTypeNames {
  /// Top-level types, lower case.
  private static let types = PackedNames(["text", "multipart", "message", "application"])

  /// Subtypes, lower case.
  private static let subtypes = PackedNames([
    "plain", "html", "mixed", "report", "alternative", "related", "delivery-status", "rfc822",
    "rfc822-headers", "global", "global-delivery-status", "global-headers", "feedback-report",
    "disposition-notification", "octet-stream", "partial", "digest", "x-delivery-status",
  ])

  /// `types.names[t] + "/" + subtypes.names[s]`, at `[t][s]`.
  private static let joinedNames = types.names.map { t in subtypes.names.map { t + "/" + $0 } }

  /// The lower-case type, subtype and `type/subtype` of a part's type and subtype bytes.
  static func names(type: ArraySlice<UInt8>, subtype: ArraySlice<UInt8>) -> (type: String, subtype: String, mimeType: String) {
    type.withUnsafeBufferPointer { t in subtype.withUnsafeBufferPointer { names(type: t, subtype: $0) } }
  }

  /// ``names(type:subtype:)`` for bytes in buffers.
  static func names(type: UnsafeBufferPointer<UInt8>, subtype: UnsafeBufferPointer<UInt8>) -> (type: String, subtype: String, mimeType: String) {
    let t = types.index(of: type)
    let s = subtypes.index(of: subtype)
    let typeName = t.map { types.names[$0] } ?? String(asciiLowercasing: type)
    let subtypeName = s.map { subtypes.names[$0] } ?? String(asciiLowercasing: subtype)
    if let t, let s { return (typeName, subtypeName, joinedNames[t][s]) }
    return (typeName, subtypeName, typeName + "/" + subtypeName)
  }
}

/// A short list of lower-case ASCII names looked up by bytes ignoring ASCII case: the names of
/// the text's length are found at once, and each is known by its first eight bytes packed in a
/// word, so that a lookup lower-cases the first eight bytes at once and compares words, and
/// reads further bytes only for a long name whose start matches. (``NameTable`` compares byte
/// by byte through arrays of arrays.)
struct PackedNames: Sendable {
  /// The names, lower case, in the order given.
  let names: [String]
  /// The names' first eight bytes, packed little-endian (zero past the end), shortest names
  /// first (in the order given among names of one length).
  private let heads: [UInt64]
  /// For each entry of `heads`, the index of its name in `names`.
  private let slots: [Int]
  /// For each entry of `heads`, its name's bytes after the eighth.
  private let tails: [[UInt8]]
  /// The entries of names of `n` bytes are `firstOfLength[n]..<firstOfLength[n + 1]`.
  private let firstOfLength: [Int]

  init(_ names: [String]) {
    self.names = names
    let order = names.indices.sorted { (names[$0].utf8.count, $0) < (names[$1].utf8.count, $1) }
    slots = order
    heads = order.map { Self.pack(names[$0].utf8) }
    tails = order.map { Array(names[$0].utf8.dropFirst(8)) }
    let longest = names.map(\.utf8.count).max() ?? 0
    firstOfLength = (0...(longest + 1)).map { n in order.filter { names[$0].utf8.count < n }.count }
  }

  /// The first eight bytes of `bytes`, ASCII lower-cased and packed.
  private static func pack(_ bytes: some Collection<UInt8>) -> UInt64 {
    var word: UInt64 = 0
    for (k, b) in bytes.prefix(8).enumerated() { word |= UInt64(ASCII.lower(b)) << (8 * UInt64(k)) }
    return word
  }

  /// The index in ``names`` of the name that `bytes` are, ignoring ASCII case; nil for none.
  func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    guard n > 0, n + 1 < firstOfLength.count else { return nil }
    let lo = firstOfLength[n]
    let hi = firstOfLength[n + 1]
    guard lo < hi else { return nil }
    var head: UInt64 = 0
    for k in 0..<min(n, 8) { head |= UInt64(ASCII.lower(bytes[k])) &<< (8 &* UInt64(k)) }
    for k in lo..<hi where heads[k] == head {
      if n <= 8 { return slots[k] }
      let same = tails[k].withUnsafeBufferPointer { tail -> Bool in
        for m in 0..<tail.count where ASCII.lower(bytes[8 + m]) != tail[m] { return false }
        return true
      }
      if same { return slots[k] }
    }
    return nil
  }

  /// The name that `bytes` are, ignoring ASCII case; else their ASCII-lower-cased text.
  func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
    bytes.withUnsafeBufferPointer { b in index(of: b).map { names[$0] } ?? String(asciiLowercasing: b) }
  }
}
