/// RFC 3464 fields written into the human-readable text instead of a `message/delivery-status`
/// part (Amazon WorkMail's "Technical report:", reports whose MIME boundaries are broken,
/// DSNs forwarded as plain text).
enum TextDSN {
  /// The fields a pasted delivery-status block starts with.
  private static let openingFields: PrefixSet = ["reporting-mta:", "final-recipient:", "original-recipient:"]

  /// The recipients of the DSN field groups found in `lines`, or an empty list. The fields
  /// start at the first `Reporting-MTA:`, `Final-Recipient:` or `Original-Recipient:` line
  /// and run to the returned message.
  static func recipients(in lines: [Substring]) -> (fields: DSNFields, recipients: [RecipientReport]) {
    let opening = openingFields  // read once, not at every line
    guard let start = lines.firstIndex(where: { $0.utf8.hasPrefixIgnoringCase(anyOf: opening) }) else {
      return (DSNFields(text: ""), [])
    }
    let fields = DSNFields(text: MTAText.joinedLines(lines[start...]))
    // A group counts only when it says what happened: `Action` or `Status`.
    let groups = fields.recipients.filter { $0.value("action") != nil || $0.value("status") != nil }
    return (fields, groups.compactMap(RFC3464.recipient(from:)))
  }
}
