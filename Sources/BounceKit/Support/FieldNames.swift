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

  private static let table = NameTable(common)

  /// The ASCII-lower-cased text of `bytes` (a field name).
  static func lowercased(_ bytes: some Collection<UInt8>) -> String {
    table.lowercased(bytes)
  }
}

/// A fixed list of lower-case names looked up by a text's bytes, compared without ASCII case:
/// the list's own string comes back, not a new one. Field names, media types and transfer
/// encodings are read this way for every part of every message.
struct NameTable: Sendable {
  /// The names, lower case, in the order given.
  let names: [String]
  /// The bytes of each name beside its index in `names`, grouped by length.
  private let byLength: [[(bytes: [UInt8], index: Int)]]

  init(_ names: [String]) {
    self.names = names
    var table = [[(bytes: [UInt8], index: Int)]](repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
    for (i, name) in names.enumerated() { table[name.utf8.count].append((Array(name.utf8), i)) }
    byLength = table
  }

  /// The index in ``names`` of the name that `bytes` are, ignoring ASCII case; nil for none.
  func index(of bytes: some Collection<UInt8>) -> Int? {
    let n = bytes.count
    guard n < byLength.count else { return nil }
    for entry in byLength[n] where entry.bytes.withUnsafeBufferPointer({ Self.same(bytes, $0) }) { return entry.index }
    return nil
  }

  /// The name that `bytes` are, ignoring ASCII case; else their ASCII-lower-cased text.
  func lowercased(_ bytes: some Collection<UInt8>) -> String {
    index(of: bytes).map { names[$0] } ?? String(asciiLowercasing: bytes)
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
