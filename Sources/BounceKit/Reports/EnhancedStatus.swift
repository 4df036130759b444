/// The IANA registry of enhanced status codes (RFC 3463 and later), loaded from the data file
/// `status-codes.txt` compiled into the library.
public enum EnhancedStatus {
  /// A language for human-readable text.
  public typealias Language = TextLanguage

  /// The meaning of `code` (`5.1.1`) in `language`: the class ("Permanent failure…") and the
  /// meaning of its subject and detail. Nil when `code` is not an enhanced status code.
  public static func meaning(of code: String, in language: Language = .english) -> String? {
    let parts = code.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, let cls = parts.first, ["2", "4", "5"].contains(cls) else { return nil }
    let detailKey = parts[1] + "." + parts[2]
    let table = registry
    let detail = table.details[String(detailKey)]
      ?? table.details[parts[1] + ".0"]
    guard let detail else { return nil }
    return language == .japanese ? detail.japanese : detail.english
  }

  /// What the class digit of `code` means (temporary, permanent, success).
  public static func classMeaning(of code: String, in language: Language = .english) -> String? {
    guard let first = code.first, let entry = registry.classes[String(first)] else { return nil }
    return language == .japanese ? entry.japanese : entry.english
  }

  /// True when `code` is listed in the registry with its exact subject and detail.
  public static func isRegistered(_ code: String) -> Bool {
    let parts = code.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, ["2", "4", "5"].contains(parts[0]) else { return false }
    return registry.details[parts[1] + "." + parts[2]] != nil
  }

  struct Entry: Sendable {
    var english: String
    var japanese: String
  }

  struct Registry: Sendable {
    var classes: [String: Entry] = [:]
    var details: [String: Entry] = [:]
  }

  static let registry: Registry = parse(String(decoding: PackageResources.status_codes_txt, as: UTF8.self))

  /// Parses the data file; malformed lines are skipped (the tests reject them).
  static func parse(_ text: String) -> Registry {
    var registry = Registry()
    for line in text.split(separator: "\n") where !line.hasBytePrefix("#") {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard columns.count == 3 else { continue }
      let entry = Entry(english: String(columns[1]), japanese: String(columns[2]))
      if columns[0].containsByte(ASCII.dot) {
        registry.details[String(columns[0])] = entry
      } else {
        registry.classes[String(columns[0])] = entry
      }
    }
    return registry
  }
}

/// The languages BounceKit writes its explanations in.
public enum TextLanguage: String, Codable, Sendable, CaseIterable {
  /// English.
  case english = "en"
  /// Japanese.
  case japanese = "ja"
}
