/// The field groups of an RFC 3464 `message/delivery-status` body, read leniently.
///
/// Real MTAs write sloppy reports: no blank line between recipients, per-message fields mixed
/// into the first recipient group, folded values, missing address-type prefixes. The reader
/// sorts fields by name instead of trusting the layout: per-message field names always go to
/// the message; a second `Final-Recipient` (or `Original-Recipient`) in a group starts a new
/// recipient.
struct DSNFields {
  /// One `Name: value` line (folds joined), name in lower case.
  struct Field: Equatable {
    var name: String
    var value: String
  }

  /// Per-message fields (`Reporting-MTA`, `Arrival-Date`, …).
  var message: [Field] = []
  /// One list of fields per recipient.
  var recipients: [[Field]] = []

  static let perMessageNames: Set<String> = [
    "reporting-mta", "received-from-mta", "arrival-date", "original-envelope-id", "dsn-gateway",
    "x-postfix-queue-id", "x-postfix-sender", "x-original-message-id", "x-ms-exchange-message-is-ndr",
  ]

  /// Most recipient groups kept from one report.
  static let maxRecipients = 1000

  /// Parses the (already transfer-decoded) text of a delivery-status part.
  init(text: String) {
    var current: [Field] = []

    func namesRecipient(_ fields: [Field]) -> Bool {
      fields.contains { $0.name == "final-recipient" || $0.name == "original-recipient" || $0.name == "x-actual-recipient" }
    }
    func closeRecipient() {
      if namesRecipient(current) {
        if recipients.count < Self.maxRecipients { recipients.append(current) }
      } else if !current.isEmpty, let lastIndex = recipients.indices.last {
        // Fields after a recipient group that name no recipient belong to the last one.
        recipients[lastIndex].append(contentsOf: current)
      } else {
        message.append(contentsOf: current)
      }
      current = []
    }

    for field in Self.fields(in: text) {
      guard let field else {
        // A blank line ends a recipient group (a group naming no recipient yet may still be
        // the first half of one, written with a stray blank line).
        if namesRecipient(current) { closeRecipient() }
        continue
      }
      if Self.perMessageNames.contains(field.name) {
        message.append(field)
        continue
      }
      if field.name == "final-recipient" || field.name == "original-recipient",
        current.contains(where: { $0.name == field.name })
      {
        closeRecipient()
      }
      current.append(field)
    }
    if !current.isEmpty { closeRecipient() }
  }

  /// The fields of `text` in order; nil stands for a blank line. Folded lines are joined.
  static func fields(in text: String) -> [Field?] {
    var out: [Field?] = []
    var name: String? = nil
    var value = ""
    func flush() {
      if let n = name { out.append(Field(name: n, value: value.foldingWhitespace)) }
      name = nil
      value = ""
    }
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
        flush()
        out.append(nil)
        continue
      }
      if let first = line.first, first == " " || first == "\t" {
        if name != nil { value += " " + line }
        continue
      }
      if let colon = line.firstIndex(of: ":") {
        var n = line[..<colon]
        while n.last == " " || n.last == "\t" { n = n.dropLast() }
        if !n.isEmpty, n.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
          flush()
          name = n.lowercased()
          value = String(line[line.index(after: colon)...])
          continue
        }
      }
      // A line that is not a field continues the previous value (unindented fold).
      if name != nil { value += " " + line }
    }
    flush()
    return out
  }
}

extension Array where Element == DSNFields.Field {
  /// The value of the first field named `name`, nil when absent or empty.
  func value(_ name: String) -> String? {
    guard let v = first(where: { $0.name == name })?.value, !v.isEmpty else { return nil }
    return v
  }
}
