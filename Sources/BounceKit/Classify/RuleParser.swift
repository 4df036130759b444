/// Reads the rules file format (see `Sources/BounceKit/Rules/README.md`):
///
/// ```
/// # a comment
/// [google.account-disabled]
/// reason   = suspend
/// priority = 700
/// host     = google.com, googlemail.com
/// phrase   = the email account that you tried to reach is disabled
/// example  = 550 5.2.1 The email account that you tried to reach is disabled.
/// ```
///
/// One `[id]` header per rule, then `key = value` lines. List keys take comma-separated values;
/// `phrase`, `also`, `unless` and `example` take one text each and may repeat. Lines starting
/// with `#` are comments. The parser stops at the first problem and names its line.
enum RuleParser {
  /// The keys a rule may use, in the order the README explains them.
  static let keys = [
    "reason", "priority", "phrase", "also", "unless", "status", "reply", "command", "host", "domain", "reporter",
    "diagnostic-type", "format", "action", "kind", "hard", "topic", "example", "enabled",
  ]
  /// The keys a rule may set only once, one bit per index in `keys`.
  private static let singleKeyBits: UInt32 = ["reason", "priority", "hard", "topic", "enabled"].reduce(0) {
    $0 | 1 << UInt32(keys.firstIndex(of: $1)!)
  }
  /// The longest line accepted: rules are short; a longer line is a mistake (or not a rules file).
  static let maxLineBytes = 4096

  static func parse(_ text: String, file: String) throws(RuleFileError) -> [Rule] {
    var rules: [Rule] = []
    var seen: [String: Int] = [:]
    var current: Rule?
    // The single-value keys the current rule has set, one bit per index in `keys`.
    var currentKeys: UInt32 = 0
    var lineNumber = 0
    func fail(_ message: String, _ line: Int) -> RuleFileError { RuleFileError(file: file, line: line, message: message) }

    func finish(_ rule: Rule) throws(RuleFileError) {
      let line = rule.origin.line
      if rule.enabled {
        guard rule.reason != nil else { throw fail("rule [\(rule.id)] has no reason (add a line such as 'reason = userunknown')", line) }
        if rule.hasNoCondition {
          throw fail("rule [\(rule.id)] has no condition, so it would match every bounce (add a phrase, status, reply, host or other condition)", line)
        }
      }
      rules.append(rule)
    }

    var body = Substring(text)
    if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
    // Files with only LF (or CRLF) line ends, such as the bundled ones, are split on the bytes;
    // any other line end (a bare CR, a form feed, U+2028…) Character-wise, as Swift sees lines.
    let lines = hasOnlyLFLineEnds(body)
      ? TextLines.split(body) : body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for rawLine in lines {
      lineNumber += 1
      guard rawLine.utf8.count <= maxLineBytes else { throw fail("the line is longer than \(maxLineBytes) bytes", lineNumber) }
      // Each line is read on its bytes: blank lines and comments (a third of a file) cost no
      // copy, and a setting only its value's (the bundled files are parsed at every start).
      let kind = rawLine.withUTF8Bytes(Self.lineKind)
      if case .skipped = kind { continue }
      guard case .setting(let found, let value) = kind else {
        let line = rawLine.trimmingCharacters()
        guard line.hasBytePrefix("["), line.hasByteSuffix("]"), line.count > 2 else {
          guard line.hasBytePrefix("[") else {
            throw fail("expected 'key = value' or a [rule-id] header, found '\(line.prefix(40))'", lineNumber)
          }
          throw fail("a rule header must look like [rule-id]", lineNumber)
        }
        let id = String(line.dropFirst().dropLast()).trimmingCharacters()
        guard isValidID(id) else {
          throw fail("'\(id)' is not a valid rule id (use letters, digits, '.', '-' and '_', starting with a letter or digit)", lineNumber)
        }
        if let first = seen[id] { throw fail("rule [\(id)] is defined twice (first on line \(first))", lineNumber) }
        seen[id] = lineNumber
        if let previous = current { try finish(previous) }
        current = Rule(id: id, reason: nil, priority: 500, origin: Rule.Origin(file: file, line: lineNumber))
        currentKeys = 0
        continue
      }
      // The key's text is made only for a message, or when it is not ASCII.
      func keyText() -> String {
        let line = rawLine.trimmingCharacters()
        return line[..<line.utf8.firstIndex(of: ASCII.equals)!].trimmingCharacters().lowercased()
      }
      let keyIndex = found ?? keys.firstIndex(of: keyText())
      guard let id = current?.id else { throw fail("'\(keyText())' comes before any [rule-id] header", lineNumber) }
      guard let keyIndex else {
        throw fail("unknown key '\(keyText())' (known keys: \(keys.joined(separator: ", ")))", lineNumber)
      }
      let key = keys[keyIndex]
      guard !value.isEmpty else { throw fail("'\(key)' has no value", lineNumber) }
      let bit: UInt32 = 1 << UInt32(keyIndex)
      if singleKeyBits & bit != 0 {
        guard currentKeys & bit == 0 else { throw fail("'\(key)' is given twice in rule [\(id)]", lineNumber) }
        currentKeys |= bit
      }
      // Changed in place: a copy taken out of the optional would copy every list it holds.
      do throws(RuleFileError) {
        try apply(key: key, value: value, to: &current!)
      } catch {
        throw fail(error.message, lineNumber)
      }
    }
    if let last = current { try finish(last) }
    return rules
  }

  /// What a line is: blank or a comment, a rule header (or a line that is neither header nor
  /// setting: no `=`), or a setting with the index of its key in `keys` (nil when the key is
  /// unknown or not ASCII) and its value.
  private enum LineKind {
    case skipped, other
    case setting(key: Int?, value: String)
  }

  private static func lineKind(_ bytes: UnsafeBufferPointer<UInt8>) -> LineKind {
    func isTrimmed(_ b: UInt8) -> Bool { b == ASCII.space || b == ASCII.tab || b == ASCII.cr }
    var start = 0
    var end = bytes.count
    while start != end, isTrimmed(bytes[start]) { start += 1 }
    while end != start, isTrimmed(bytes[end - 1]) { end -= 1 }
    guard start != end, bytes[start] != ASCII.hash else { return .skipped }
    guard bytes[start] != 0x5B, let equals = bytes[start..<end].firstIndex(of: ASCII.equals) else { return .other }
    var keyEnd = equals
    while keyEnd != start, isTrimmed(bytes[keyEnd - 1]) { keyEnd -= 1 }
    var valueStart = equals + 1
    while valueStart != end, isTrimmed(bytes[valueStart]) { valueStart += 1 }
    let key = UnsafeBufferPointer(rebasing: bytes[start..<keyEnd])
    let index = keyBytes.firstIndex { known in
      known.count == key.count && known.indices.allSatisfy { known[$0] == ASCII.lower(key[$0]) }
    }
    return .setting(key: index, value: String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<end]), as: UTF8.self))
  }

  /// The bytes of each of `keys`. A key with a byte outside ASCII never matches here; it is
  /// lower-cased as Unicode does and looked up among `keys` instead.
  private static let keyBytes: [[UInt8]] = keys.map { Array($0.utf8) }

  /// Sets one key on a rule; throws a message without file or line (the caller adds them).
  private static func apply(key: String, value: String, to rule: inout Rule) throws(RuleFileError) {
    func bad(_ message: String) -> RuleFileError { RuleFileError(file: "", line: 0, message: message) }
    switch key {
    case "reason":
      guard let reason = Reason(rawValue: value.lowercased()) else {
        throw bad("unknown reason '\(value)' (reasons: \(Reason.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
      rule.reason = reason
    case "priority":
      guard let number = Int(value), (0...1000).contains(number) else {
        throw bad("priority must be a whole number from 0 to 1000, not '\(value)'")
      }
      rule.priority = number
    case "phrase", "also", "unless":
      guard let phrase = Phrase(value) else { throw bad("the phrase '\(value)' is too short (at least 3 characters besides '*')") }
      if key == "phrase" { rule.phrases.append(phrase) } else if key == "also" { rule.alsoPhrases.append(phrase) } else {
        rule.unlessPhrases.append(phrase)
      }
    case "status":
      for item in list(value) {
        guard let pattern = StatusPattern(item) else {
          throw bad("'\(item)' is not a status pattern (write it like 5.1.1, *.2.2, 5.7.* or 5.7.606-649)")
        }
        rule.statuses.append(pattern)
      }
    case "reply":
      for item in list(value) {
        guard let pattern = ReplyPattern(item) else {
          throw bad("'\(item)' is not a reply code pattern (write it like 550, 5xx, 55x or 550-554)")
        }
        rule.replies.append(pattern)
      }
    case "command":
      for item in list(value) {
        guard item.utf8.count <= 12, item.utf8.allSatisfy(ASCII.isAlpha) else {
          throw bad("'\(item)' is not an SMTP command name (such as CONN, HELO, EHLO, MAIL, RCPT, DATA)")
        }
        rule.commands.append(item.uppercased())
      }
    case "host", "domain", "reporter":
      for item in list(value) {
        var name = item.lowercased()
        if name.hasBytePrefix("*.") { name.removeFirst(2) }
        while name.hasBytePrefix(".") { name.removeFirst() }
        while name.hasByteSuffix(".") { name.removeLast() }
        guard !name.isEmpty, name.utf8.allSatisfy({ ASCII.isAlnum($0) || $0 == ASCII.dot || $0 == ASCII.hyphen || $0 >= 0x80 })
        else { throw bad("'\(item)' is not a host or domain name") }
        switch key {
        case "host": rule.hosts.append(name)
        case "domain": rule.domains.append(name)
        default: rule.reporters.append(name)
        }
      }
    case "format":
      rule.formats.append(contentsOf: list(value).map { $0.lowercased() })
    case "diagnostic-type":
      rule.diagnosticTypes.append(contentsOf: list(value).map { $0.lowercased() })
    case "action":
      for item in list(value) {
        guard let action = DeliveryAction(rawValue: item.lowercased()) else {
          throw bad("unknown action '\(item)' (actions: \(DeliveryAction.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        rule.actions.append(action)
      }
    case "kind":
      for item in list(value) {
        guard let kind = ReportKind(rawValue: item.lowercased()) else {
          throw bad("unknown kind '\(item)' (kinds: \(ReportKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        rule.kinds.append(kind)
      }
    case "hard", "enabled":
      let flag: Bool
      switch value.lowercased() {
      case "yes", "true", "on": flag = true
      case "no", "false", "off": flag = false
      default: throw bad("'\(key)' must be yes or no, not '\(value)'")
      }
      if key == "hard" { rule.hard = flag } else { rule.enabled = flag }
    case "topic":
      guard RuleTopic.all.contains(value) else {
        throw bad("unknown topic '\(value)' (topics: \(RuleTopic.all.joined(separator: ", ")))")
      }
      rule.topic = value
    case "example":
      rule.examples.append(value)
    default:
      throw bad("unknown key '\(key)'")
    }
  }

  private static func list(_ value: String) -> [String] {
    value.split(separator: ",").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
  }

  /// True when `text` ends its lines only with LF or CRLF: no bare CR, VT, FF, NEL, LS or PS.
  private static func hasOnlyLFLineEnds(_ text: Substring) -> Bool {
    var text = text
    return text.withUTF8 { b in
      func isOtherBreak(at i: Int) -> Bool {
        switch b[i] {
        case 0x0B, 0x0C: return true
        case 0x0D: return i + 1 >= b.count || b[i + 1] != 0x0A
        case 0xC2: return i + 1 < b.count && b[i + 1] == 0x85
        case 0xE2: return i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9)
        default: return false
        }
      }
      // Sixteen bytes at a time past chunks with none of the bytes a break other than LF
      // starts with (the bundled files are checked at every start).
      var i = 0
      if let base = b.baseAddress {
        let raw = UnsafeRawPointer(base)
        let vt = SIMD16<UInt8>(repeating: 0x0B)
        let three = SIMD16<UInt8>(repeating: 3)
        let c2 = SIMD16<UInt8>(repeating: 0xC2)
        let e2 = SIMD16<UInt8>(repeating: 0xE2)
        while i + 16 <= b.count {
          let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
          let m = ((v &- vt) .< three) .| (v .== c2) .| (v .== e2)
          let lanes = unsafeBitCast(m, to: SIMD2<UInt64>.self)
          if lanes[0] | lanes[1] != 0 {
            for j in i..<(i + 16) where isOtherBreak(at: j) { return false }
          }
          i += 16
        }
      }
      for j in i..<b.count where isOtherBreak(at: j) { return false }
      return true
    }
  }

  private static func isValidID(_ id: String) -> Bool {
    guard let first = id.utf8.first, ASCII.isAlnum(first), id.utf8.count <= 100 else { return false }
    return id.utf8.allSatisfy { ASCII.isAlnum($0) || $0 == ASCII.dot || $0 == ASCII.hyphen || $0 == ASCII.underscore }
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and carriage returns.
  func trimmingCharacters() -> String {
    // Found and copied on the bytes: the rules files are parsed at every start.
    withUTF8Bytes { bytes in
      func isTrimmed(_ b: UInt8) -> Bool { b == ASCII.space || b == ASCII.tab || b == ASCII.cr }
      var start = 0
      var end = bytes.count
      while start != end, isTrimmed(bytes[start]) { start += 1 }
      while end != start, isTrimmed(bytes[end - 1]) { end -= 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
  }
}
