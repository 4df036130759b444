/// RFC 3464 fields written into the human-readable text instead of a `message/delivery-status`
/// part (Amazon WorkMail's "Technical report:", reports whose MIME boundaries are broken,
/// DSNs forwarded as plain text).
enum TextDSN {
  /// The fields a pasted delivery-status block starts with.
  private static let openingFields: [StaticString] = ["reporting-mta:", "final-recipient:", "original-recipient:"]

  /// True when `line` starts with one of ``openingFields``.
  private static func opensFields(_ line: Substring) -> Bool {
    // Most lines are turned away on their first byte, before the bytes are reached in full.
    guard let first = line.utf8.first else { return false }
    switch ASCII.lower(first) {
    case UInt8(ascii: "r"), UInt8(ascii: "f"), UInt8(ascii: "o"): return line.utf8.hasPrefixIgnoringCase(anyOf: openingFields)
    default: return false
    }
  }

  /// The recipients of the DSN field groups found in `lines`, or an empty list. The fields
  /// start at the first `Reporting-MTA:`, `Final-Recipient:` or `Original-Recipient:` line
  /// and run to the returned message.
  static func recipients(in lines: [Substring]) -> (fields: DSNFields, recipients: [RecipientReport]) {
    guard let start = lines.firstIndex(where: opensFields) else {
      return (DSNFields(text: ""), [])
    }
    let fields = DSNFields(text: MTAText.joinedLines(lines[start...]))
    // A group counts only when it says what happened: `Action` or `Status`.
    let groups = fields.recipients.filter { $0.value("action") != nil || $0.value("status") != nil }
    return (fields, groups.compactMap(RFC3464.recipient(from:)))
  }
}
