/// What the recipient's address alone can tell: a domain one keystroke away from a well-known
/// one (`gmial.com` → `gmail.com`), a Japanese mobile carrier's domain, characters that do not
/// belong in an address. The domains are data: `Sources/BounceKit/Advice/advice-domains.txt`.
public enum DomainHints {
  /// The kinds of domain the list knows.
  enum Kind: String, Sendable {
    /// A big mail provider: a near miss of it is likely a typo.
    case common
    /// A Japanese mobile carrier: "User unknown" there may be the recipient's reception filter.
    case carrier
  }

  static let domains: [(name: String, kind: Kind)] = parse(String(decoding: PackageResources.advice_domains_txt, as: UTF8.self)).domains

  private static let kinds: [String: Kind] = Dictionary(domains.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })

  /// The well-known domain that `domain` is most likely a mistyped form of: exactly one
  /// letter wrong, missing, extra, or two neighbours swapped. Nil when `domain` is itself well
  /// known, is further from every listed domain, or is one step from two of them.
  public static func suggestion(for domain: String) -> String? {
    let typed = Array(domain.lowercased().utf8)
    guard typed.count >= 4, typed.count <= 80, kinds[domain.lowercased()] == nil else { return nil }
    var found: String? = nil
    for (name, _) in domains where isOneEditApart(typed, Array(name.utf8)) {
      if found != nil, found != name { return nil }
      found = name
    }
    return found
  }

  /// True when `domain` belongs to a Japanese mobile carrier (`docomo.ne.jp`, `ezweb.ne.jp`, …).
  public static func isMobileCarrier(_ domain: String) -> Bool {
    kinds[domain.lowercased()] == .carrier
  }

  /// True when `address` holds something a person may have typed by mistake: a full-width
  /// `＠` or other full-width letters, or spaces.
  public static func hasOddCharacters(_ address: String) -> Bool {
    address.unicodeScalars.contains { s in
      s == " " || s == "\u{3000}" || (0xFF01...0xFF5E).contains(s.value)
    }
  }

  /// One substitution, insertion, deletion or swap of two neighbours (optimal string
  /// alignment distance 1), checked in one pass over both strings.
  static func isOneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    if a == b || abs(a.count - b.count) > 1 { return false }
    var i = 0
    while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
    if a.count == b.count {
      // Substitution: the rest equal after one position; or a swap of i and i+1.
      if a[(i + 1)...] == b[(i + 1)...] { return true }
      return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
    }
    // Insertion or deletion: skip one character in the longer one.
    let (long, short) = a.count > b.count ? (a, b) : (b, a)
    return long[(i + 1)...] == short[i...]
  }

  /// Parses the data file: one domain per line, then its kind. Problems carry their line.
  static func parse(_ text: String) -> (domains: [(name: String, kind: Kind)], problems: [String]) {
    var domains: [(String, Kind)] = []
    var problems: [String] = []
    var number = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard let first = words.first, !first.hasBytePrefix("#") else { continue }
      guard words.count == 2, let kind = Kind(rawValue: String(words[1])) else {
        problems.append("advice-domains.txt:\(number): expected a domain and its kind (common or carrier)")
        continue
      }
      let name = String(first)
      guard name == name.lowercased(), name.containsByte(ASCII.dot), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else {
        problems.append("advice-domains.txt:\(number): '\(name)' is not a lower-case domain name")
        continue
      }
      domains.append((name, kind))
    }
    return (domains, problems)
  }
}
