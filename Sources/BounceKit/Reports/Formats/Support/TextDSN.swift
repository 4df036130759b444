/// RFC 3464 fields written into the human-readable text instead of a `message/delivery-status`
/// part (Amazon WorkMail's "Technical report:", reports whose MIME boundaries are broken,
/// DSNs forwarded as plain text).
enum TextDSN {
  /// The recipients of the DSN field groups found in `lines`, or an empty list. The fields
  /// start at the first `Reporting-MTA:`, `Final-Recipient:` or `Original-Recipient:` line
  /// and run to the returned message.
  static func recipients(in lines: [Substring]) -> (fields: DSNFields, recipients: [RecipientReport]) {
    guard let start = lines.firstIndex(where: { line in
      // The first letter decides which name to compare, if any.
      switch (line.utf8.first ?? 0) | 0x20 {
      case 0x72: return line.utf8.hasPrefixIgnoringCase("reporting-mta:")
      case 0x66: return line.utf8.hasPrefixIgnoringCase("final-recipient:")
      case 0x6F: return line.utf8.hasPrefixIgnoringCase("original-recipient:")
      default: return false
      }
    }) else { return (DSNFields(text: ""), []) }
    let fields = DSNFields(text: lines[start...].joined(separator: "\n"))
    // A group counts only when it says what happened: `Action` or `Status`.
    let groups = fields.recipients.filter { $0.value("action") != nil || $0.value("status") != nil }
    return (fields, groups.compactMap(RFC3464.recipient(from:)))
  }
}
