/// Lower-cased field names without building a string each time: the names that bounces use
/// over and over (`Content-Type`, `Received`, `Final-Recipient`, …) come from a table of
/// literals, found by length and then compared byte by byte ignoring ASCII case.
enum FieldNames {
  /// The names kept, lower case.
  private static let common = [
    "content-type", "received", "to", "from", "subject", "date", "message-id", "mime-version", "return-path",
    "content-transfer-encoding", "content-description", "action", "status", "final-recipient", "reporting-mta",
    "diagnostic-code", "arrival-date", "auto-submitted", "delivered-to", "authentication-results", "remote-mta",
    "x-mailer", "dkim-signature", "original-recipient", "content-disposition", "x-received", "received-spf",
    "x-original-to", "last-attempt-date", "received-from-mta", "x-postfix-sender", "x-postfix-queue-id",
    "x-failed-recipients", "reply-to", "cc", "sender", "references", "in-reply-to", "will-retry-until",
    "original-envelope-id", "x-original-message-id", "content-language", "x-ms-exchange-message-sent-representing-type",
  ]

  /// `common` grouped by length: the bytes of each name beside the literal itself.
  private static let byLength: [[(bytes: [UInt8], name: String)]] = {
    var table = [[(bytes: [UInt8], name: String)]](repeating: [], count: 64)
    for name in common where name.utf8.count < table.count { table[name.utf8.count].append((Array(name.utf8), name)) }
    return table
  }()

  /// The ASCII-lower-cased text of `bytes` (a field name).
  static func lowercased(_ bytes: some Collection<UInt8>) -> String {
    let n = bytes.count
    if n < byLength.count {
      for entry in byLength[n] where entry.bytes.withUnsafeBufferPointer({ same(bytes, $0) }) { return entry.name }
    }
    return String(asciiLowercasing: bytes)
  }

  /// True when `bytes`, lower-cased, are `name` (of the same length).
  @inline(__always) private static func same(_ bytes: some Collection<UInt8>, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
    var k = 0
    for b in bytes {
      guard ASCII.lower(b) == name[k] else { return false }
      k += 1
    }
    return true
  }
}
