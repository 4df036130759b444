/// Media type names without new strings for each part: the standard types and subtypes, and
/// every `type/subtype` of them, are made once; any other name is lower-cased into a new
/// string.
enum MediaTypeNames {
  /// Top-level types, lower case.
  private static let types = NameTable(["text", "multipart", "message", "application"])

  /// Subtypes, lower case.
  private static let subtypes = NameTable([
    "plain", "html", "mixed", "report", "alternative", "related", "delivery-status", "rfc822",
    "rfc822-headers", "global", "global-delivery-status", "global-headers", "feedback-report",
    "disposition-notification", "octet-stream", "partial", "digest", "x-delivery-status",
  ])

  /// `types.names[t] + "/" + subtypes.names[s]`, at `[t][s]`.
  private static let joinedNames = types.names.map { t in subtypes.names.map { t + "/" + $0 } }

  /// The lower-case type, subtype and `type/subtype` of a part's type and subtype bytes.
  static func names(type: ArraySlice<UInt8>, subtype: ArraySlice<UInt8>) -> (type: String, subtype: String, mimeType: String) {
    let t = types.index(of: type)
    let s = subtypes.index(of: subtype)
    let typeName = t.map { types.names[$0] } ?? String(asciiLowercasing: type)
    let subtypeName = s.map { subtypes.names[$0] } ?? String(asciiLowercasing: subtype)
    if let t, let s { return (typeName, subtypeName, joinedNames[t][s]) }
    return (typeName, subtypeName, typeName + "/" + subtypeName)
  }
}
