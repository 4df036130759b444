/// Media type names without new strings for each part: the standard types and subtypes, and
/// every `type/subtype` of them, are made once; any other name is lower-cased into a new
/// string.
enum MediaTypeNames {
  /// Top-level types, lower case.
  private static let types = ["text", "multipart", "message", "application"]

  /// Subtypes, lower case.
  private static let subtypes = [
    "plain", "html", "mixed", "report", "alternative", "related", "delivery-status", "rfc822",
    "rfc822-headers", "global", "global-delivery-status", "global-headers", "feedback-report",
    "disposition-notification", "octet-stream", "partial", "digest", "x-delivery-status",
  ]

  /// The bytes of `types` and `subtypes`, compared with a part's.
  private static let typeBytes = types.map { Array($0.utf8) }
  private static let subtypeBytes = subtypes.map { Array($0.utf8) }

  /// `types[t] + "/" + subtypes[s]`, at `[t][s]`.
  private static let joinedNames = types.map { t in subtypes.map { t + "/" + $0 } }

  /// The lower-case type, subtype and `type/subtype` of a part's type and subtype bytes.
  static func names(type: ArraySlice<UInt8>, subtype: ArraySlice<UInt8>) -> (type: String, subtype: String, mimeType: String) {
    let t = index(of: type, in: typeBytes)
    let s = index(of: subtype, in: subtypeBytes)
    let typeName = t.map { types[$0] } ?? String(asciiLowercasing: type)
    let subtypeName = s.map { subtypes[$0] } ?? String(asciiLowercasing: subtype)
    if let t, let s { return (typeName, subtypeName, joinedNames[t][s]) }
    return (typeName, subtypeName, typeName + "/" + subtypeName)
  }

  /// The index of the name in `table` that `bytes` are, ignoring ASCII case.
  private static func index(of bytes: ArraySlice<UInt8>, in table: [[UInt8]]) -> Int? {
    for k in table.indices where table[k].count == bytes.count {
      var same = true
      var j = bytes.startIndex
      for b in table[k] {
        if ASCII.lower(bytes[j]) != b {
          same = false
          break
        }
        j += 1
      }
      if same { return k }
    }
    return nil
  }
}
