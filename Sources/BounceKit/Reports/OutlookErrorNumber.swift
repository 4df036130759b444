/// The error numbers Outlook shows when sending or receiving fails (`0x800CCC0F`), read from
/// the data file `outlook-errors.txt` compiled into the library.
public enum OutlookErrorNumber {
  /// What one number means.
  public struct Meaning: Sendable, Equatable {
    /// The number, `0x` and eight upper-case hex digits.
    public var number: String
    /// The nearest enhanced status code, when the number is that specific.
    public var status: String?
    /// The SMTP reply code the number stands for, if any.
    public var replyCode: Int?
    /// The SMTP command that failed, if the number says.
    public var command: String?
    /// What the number means, in plain English.
    public var text: String
    /// The same in Japanese.
    public var japaneseText: String

    /// What the number means, in `language`.
    public func text(in language: TextLanguage) -> String { language == .japanese ? japaneseText : text }
  }

  /// The meaning of `number` (any case, with or without `0x`), or nil when the table does not
  /// list it.
  public static func meaning(of number: String) -> Meaning? {
    canonical(number).flatMap { table[$0] }
  }

  /// Every number in the table.
  public static var all: [Meaning] { table.values.sorted { $0.number < $1.number } }

  /// `0x800ccc0f`, `800CCC0F` → `0x800CCC0F`; nil when the word is not an 8-digit number of
  /// the Outlook families (`0x800C…`, `0x8004…`).
  public static func canonical(_ word: some StringProtocol) -> String? {
    var digits = Substring(word)
    if digits.hasBytePrefix("0x") || digits.hasBytePrefix("0X") { digits = digits.dropFirst(2) }
    guard digits.utf8.count == 8, digits.utf8.allSatisfy(isHexDigit) else { return nil }
    let upper = String(decoding: digits.utf8.map { $0 &- 0x61 < 6 ? $0 - 0x20 : $0 }, as: UTF8.self)
    guard upper.hasBytePrefix("800C") || upper.hasBytePrefix("8004") else { return nil }
    return "0x" + upper
  }

  /// The first Outlook error number in `text` that stands as a word of its own (after a
  /// space, a bracket or a colon), in one pass. Bare hex without `0x` counts only when it starts
  /// with `800C`, the family people paste without the prefix.
  public static func first(in text: String) -> String? {
    let bytes = Array(text.utf8)
    let n = bytes.count
    var i = 0
    while i + 8 <= n {
      let atWordStart = i == 0 || !(ASCII.isAlnum(bytes[i - 1]) || bytes[i - 1] == ASCII.underscore)
      guard atWordStart, bytes[i] == 0x30 || bytes[i] == 0x38 else {
        i += 1
        continue
      }
      var start = i
      if bytes[i] == 0x30, i + 1 < n, bytes[i + 1] | 0x20 == 0x78 { start = i + 2 }
      let end = start + 8
      if end <= n, bytes[start..<end].allSatisfy(isHexDigit), end == n || !(ASCII.isAlnum(bytes[end]) || bytes[end] == ASCII.underscore) {
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        if start == i + 2 || word.uppercased().hasBytePrefix("800C"), let number = canonical(word) { return number }
      }
      i += 1
    }
    return nil
  }

  @inline(__always) private static func isHexDigit(_ b: UInt8) -> Bool {
    ASCII.isDigit(b) || (b | 0x20) &- 0x61 < 6
  }

  static let table: [String: Meaning] = parse(String(decoding: PackageResources.outlook_errors_txt, as: UTF8.self))

  /// Parses the data file; malformed lines are skipped (the tests reject them).
  static func parse(_ text: String) -> [String: Meaning] {
    var table: [String: Meaning] = [:]
    for line in text.split(separator: "\n") where !line.hasBytePrefix("#") {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard columns.count == 6, let number = canonical(columns[0]), !columns[4].isEmpty, !columns[5].isEmpty else { continue }
      table[number] = Meaning(
        number: number,
        status: columns[1] == "-" ? nil : columns[1],
        replyCode: Int(columns[2]),
        command: columns[3] == "-" ? nil : columns[3],
        text: columns[4],
        japaneseText: columns[5])
    }
    return table
  }
}
