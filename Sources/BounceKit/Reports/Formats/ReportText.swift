/// Reading helpers for the plain-text bounces that sender-format units parse: splitting into
/// lines, joining an SMTP answer written over several lines, and turning the words that
/// describe one recipient's failure into a ``RecipientReport``.
///
/// Everything here is a single forward pass over the text; nothing uses regular expressions.
enum ReportText {
  /// `line` without trailing whitespace.
  static func trimmedEnd(_ line: Substring) -> Substring {
    let keep = line.withUTF8Bytes { b in
      var end = b.count
      while end > 0, b[end - 1] == ASCII.space || b[end - 1] == ASCII.tab || b[end - 1] == ASCII.cr { end -= 1 }
      return end
    }
    // Most lines end in a letter: the line itself, not a new substring.
    let u = line.utf8
    return keep == u.count ? line : line[..<u.index(u.startIndex, offsetBy: keep)]
  }

  /// `line` without leading and trailing whitespace.
  static func trimmed(_ line: Substring) -> Substring {
    // Both ends found in one look at the bytes; most lines need no trimming at all.
    let (lo, hi, count) = line.withUTF8Bytes { b in
      var hi = b.count
      while hi > 0, b[hi - 1] == ASCII.space || b[hi - 1] == ASCII.tab || b[hi - 1] == ASCII.cr { hi -= 1 }
      var lo = 0
      while lo < hi, ASCII.isSpace(b[lo]) { lo += 1 }
      return (lo, hi, b.count)
    }
    if lo == 0, hi == count { return line }
    let u = line.utf8
    let start = u.index(u.startIndex, offsetBy: lo)
    return line[start..<u.index(start, offsetBy: hi - lo)]
  }

  /// Each line from `start` on that `heading` reads an address from, with the lines under it:
  /// up to a blank line or the next heading (`<user@example.jp>:` and the server's words).
  static func addressBlocks(
    _ lines: [Substring], from start: Int = 0, heading: (Substring) -> String?
  ) -> [(address: String, block: ArraySlice<Substring>)] {
    var out: [(address: String, block: ArraySlice<Substring>)] = []
    var i = max(0, start)
    while i < lines.count {
      guard let address = heading(lines[i]) else {
        i += 1
        continue
      }
      var j = i + 1
      while j < lines.count, !isBlank(lines[j]), heading(lines[j]) == nil { j += 1 }
      out.append((address, lines[(i + 1)..<j]))
      i = j
    }
    return out
  }

  /// The paragraph after line `index`: the blank lines after it skipped, then every line up
  /// to the next blank one.
  static func paragraph(after index: Int, in lines: [Substring]) -> ArraySlice<Substring> {
    var start = index + 1
    while start < lines.count, isBlank(lines[start]) { start += 1 }
    var end = start
    while end < lines.count, !isBlank(lines[end]) { end += 1 }
    return lines[min(start, lines.count)..<min(end, lines.count)]
  }

  /// True when `line` holds nothing but whitespace.
  static func isBlank(_ line: Substring) -> Bool {
    line.utf8.allSatisfy { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.cr }
  }

  /// The first index at or after `start` whose line satisfies `predicate`.
  static func firstLine(in lines: [Substring], from start: Int = 0, where predicate: (Substring) -> Bool) -> Int? {
    var i = max(0, start)
    while i < lines.count {
      if predicate(lines[i]) { return i }
      i += 1
    }
    return nil
  }

  /// True when `line` contains `needle`, compared without ASCII case (`needle` lower case).
  static func contains(_ line: some StringProtocol, _ needle: String) -> Bool {
    offset(of: needle, in: line) != nil
  }

  /// The text after the first occurrence of `marker` (compared without ASCII case, `marker`
  /// lower case), or nil.
  static func after(_ marker: String, in line: Substring) -> Substring? {
    guard let found = offset(of: marker, in: line) else { return nil }
    // The marker is ASCII, so the byte after it starts a character.
    return line[line.utf8.index(line.utf8.startIndex, offsetBy: found + marker.utf8.count)...]
  }

  /// True when `line` begins with `prefix` (lower case), compared without ASCII case.
  static func hasPrefix(_ line: some StringProtocol, _ prefix: String) -> Bool {
    // Both compared through their storage: stepping two UTF-8 views byte by byte costs more.
    var prefix = prefix
    return prefix.withUTF8 { p in
      line.withUTF8Bytes { b in
        guard b.count >= p.count else { return false }
        for k in 0..<p.count where ASCII.lower(b[k]) != p[k] { return false }
        return true
      }
    }
  }

  /// The byte offset of the first occurrence of `needle` (lower case) in `text`, compared
  /// without ASCII case. Needles are short fixed phrases, so trying each start stays linear in
  /// practice.
  static func offset(of needle: String, in text: some StringProtocol) -> Int? {
    CaselessSearch.offset(of: needle, in: text)
  }

  /// `line` cut at every occurrence of `separator` (a short ASCII string).
  static func split(_ line: Substring, on separator: String) -> [Substring] {
    let sep = Array(separator.utf8)
    let u = line.utf8
    var pieces: [Substring] = []
    var start = u.startIndex
    var i = u.startIndex
    while i < u.endIndex {
      var j = i
      var k = 0
      while k < sep.count, j < u.endIndex, u[j] == sep[k] {
        j = u.index(after: j)
        k += 1
      }
      if k == sep.count {
        pieces.append(line[start..<i])
        start = j
        i = j
      } else {
        i = u.index(after: i)
      }
    }
    pieces.append(line[start...])
    return pieces
  }

  /// Joins the lines of a server's answer into one line: a multi-line SMTP reply
  /// (`550-5.7.26 Unauthenticated …` / `550 5.7.26 … gsmtp`) keeps its code once, at the front,
  /// and loses the repeated prefixes of its continuation lines. Blank lines are skipped.
  static func joinAnswer(_ lines: some Sequence<Substring>) -> String {
    var parts: [Substring] = []
    // Only the code of the answer being joined is compared.
    var answerCode: Substring? = nil
    for raw in lines {
      var line = trimmed(raw)
      guard !line.isEmpty else { continue }
      var found = replyPrefix(line)
      if found == nil, let answer = answerAndPrefixAfterColon(line) {
        // `Remote host said: 550-5.7.26 …`: the lead-in stays, the answer is joined below.
        parts.append(line[..<answer.text.startIndex])
        line = answer.text
        found = answer.prefix
      }
      if let prefix = found {
        if let current = answerCode, current == prefix.code {
          parts.append(prefix.rest)
          continue
        }
        answerCode = prefix.code
        // Code and status as parts of their own: folding joins them with the one space.
        parts.append(prefix.code)
        if let status = prefix.status { parts.append(status) }
        parts.append(prefix.rest)
        continue
      }
      parts.append(line)
    }
    return MTAText.folded(parts)
  }

  /// The SMTP answer that follows a colon in `line` (`… said: 550-5.7.26 …`,
  /// `… final DATA:550 …`), or nil.
  static func answerAfterColon(_ line: Substring) -> Substring? {
    answerAndPrefixAfterColon(line)?.text
  }

  /// ``answerAfterColon(_:)`` with the answer's ``replyPrefix(_:)``.
  private static func answerAndPrefixAfterColon(_ line: Substring) -> AnswerAfterColon? {
    // The colons found on the bytes; only one followed (after spaces and tabs) by a reply
    // code's class digit can start an answer.
    let candidates: [Int] = line.withUTF8Bytes { b in
      var out: [Int] = []
      var k = 0
      while let colon = ByteScan.first(ASCII.colon, in: b, from: k) {
        k = colon + 1
        var j = k
        while j < b.count, ASCII.isSpace(b[j]) { j += 1 }
        if j < b.count, SMTPCodes.isClassDigit(b[j]) { out.append(k) }
      }
      return out
    }
    let u = line.utf8
    for offset in candidates {
      let rest = trimmed(line[u.index(u.startIndex, offsetBy: offset)...])
      if let prefix = replyPrefix(rest) { return AnswerAfterColon(text: rest, prefix: prefix) }
    }
    return nil
  }

  /// A reply code that opens a line, with the enhanced status after it and the rest. (A
  /// struct, not a tuple: copying a tuple with an optional in it asks the runtime for its
  /// type every time.)
  struct ReplyPrefix {
    var code: Substring
    var status: Substring?
    var rest: Substring
  }

  /// An answer after a colon and its ``ReplyPrefix``.
  struct AnswerAfterColon {
    var text: Substring
    var prefix: ReplyPrefix
  }

  /// `550-5.7.26 rest` or `550 5.7.26 rest` or `550 rest` → its parts; nil when the line does
  /// not start with a reply code followed by a space or hyphen.
  static func replyPrefix(_ line: Substring) -> ReplyPrefix? {
    // The first four bytes, read without copying the line.
    var head: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    var n = 0
    for b in line.utf8.prefix(4) {
      switch n {
      case 0: head.0 = b
      case 1: head.1 = b
      case 2: head.2 = b
      default: head.3 = b
      }
      n += 1
    }
    guard n == 4, SMTPCodes.isClassDigit(head.0), ASCII.isDigit(head.1), ASCII.isDigit(head.2),
      head.3 == ASCII.hyphen || head.3 == ASCII.space
    else { return nil }
    let codeEnd = line.utf8.index(line.utf8.startIndex, offsetBy: 3)
    let code = line[..<codeEnd]
    let rest = line[line.utf8.index(after: codeEnd)...]
    // An enhanced status right after the code belongs to the prefix.
    switch rest.withUTF8Bytes(statusWordLength) {
    case .some(0):
      return ReplyPrefix(code: code, status: nil, rest: trimmed(rest))
    case .some(let length):
      let end = rest.utf8.index(rest.startIndex, offsetBy: length)
      return ReplyPrefix(code: code, status: rest[..<end], rest: trimmed(rest[end...]))
    case .none:
      let word = rest.prefix { $0 != " " && $0 != "\t" }
      if !word.isEmpty, SMTPCodes.enhancedStatus(in: String(word)) == String(word) {
        return ReplyPrefix(code: code, status: word, rest: trimmed(rest[word.endIndex...]))
      }
      return ReplyPrefix(code: code, status: nil, rest: trimmed(rest))
    }
  }

  /// The byte length of the enhanced status that makes up the first word of `b` (up to a
  /// space or tab), 0 when that word is not one, nil when the bytes cannot tell where the
  /// word ends: a space next to a non-ASCII byte may belong to a larger character.
  private static func statusWordLength(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    var end = 0
    while end < b.count, b[end] != ASCII.space, b[end] != ASCII.tab { end += 1 }
    if end < b.count, b[end] == ASCII.space, (end > 0 && b[end - 1] >= 0x80) || (end + 1 < b.count && b[end + 1] >= 0x80) {
      return nil
    }
    // `5.1.1` to `5.123.123`: anything else is not a status alone.
    guard end >= 5, end <= 9, SMTPCodes.isClassDigit(b[0]) else { return 0 }
    let word = UnsafeBufferPointer(rebasing: b[0..<end])
    guard let status = SMTPCodes.enhancedStatus(in: word), status.utf8.elementsEqual(word) else { return 0 }
    return end
  }

  /// A recipient whose failure `diagnostic` describes in the server's (or the MTA's) own
  /// words: reply code and enhanced status are read from it, and an SMTP command named in it.
  static func recipient(_ address: String, diagnostic: String, action: DeliveryAction? = .failed) -> RecipientReport {
    let folded = diagnostic.foldingWhitespace
    var r = RecipientReport(recipient: address, action: action, diagnostic: folded)
    r.replyCode = SMTPCodes.replyCode(in: folded)
    r.status = SMTPCodes.enhancedStatus(in: folded)
    return r
  }

  /// A host name or IP address at the start of `text` (`mx.example.jp`, `[192.0.2.1]`,
  /// `192.0.2.1`), without brackets and trailing dot; nil when the first word is not one.
  static func host(at text: some StringProtocol) -> String? {
    let t = trimmed(Substring(text))
    let u = t.utf8
    var lo = u.startIndex
    var hi = u.firstIndex { $0 == ASCII.space || $0 == ASCII.tab || $0 == 0x2C || $0 == ASCII.colon || $0 == ASCII.semicolon } ?? u.endIndex
    while lo < hi, ASCII.isBracketOrQuote(u[lo]) { lo = u.index(after: lo) }
    while hi > lo, ASCII.isBracketOrQuote(u[u.index(before: hi)]) { hi = u.index(before: hi) }
    if hi > lo, u[u.index(before: hi)] == ASCII.dot { hi = u.index(before: hi) }
    let host = String(t[lo..<hi])
    return isHostName(host) ? host : nil
  }

  /// Letters, digits, dots, hyphens (and colons for IPv6), with at least one dot or colon.
  static func isHostName(_ s: String) -> Bool {
    guard !s.isEmpty, s.utf8.count <= 255, s.containsByte(ASCII.dot) || s.containsByte(ASCII.colon) else { return false }
    return s.utf8.allSatisfy { ASCII.isAlnum($0) || $0 == ASCII.dot || $0 == ASCII.hyphen || $0 == ASCII.colon || $0 == ASCII.underscore }
      && s.utf8.first != UInt8(ascii: ".") && s.utf8.first != UInt8(ascii: "-")
  }

  /// The first address in `line` that is a plausible mailbox.
  static func address(in line: some StringProtocol) -> String? {
    if let found = Addresses.first(in: line), Addresses.isPlausible(found) { return found }
    return Addresses.all(in: line).first
  }

  /// The message's raw Content-Type value, parameters included ("" when absent): boundaries
  /// often carry the writer's name (`InterScan_NT_MIME_Boundary`, `Boundary_(ID_…)`).
  static func contentType(of mail: ParsedMail) -> String {
    mail.rawContentType
  }

  /// The body text of a report, cut at the first line that starts the returned original
  /// message (any of `markers`, compared without ASCII case).
  static func lines(of mail: ParsedMail, stoppingAt markers: [String]) -> [Substring] {
    // The markers' bytes taken once, and each line's bytes reached once for all of them.
    let needles = markers.map { Array($0.utf8) }
    // A line shorter than every marker holds none.
    // (A closure, not a key path: a key path is looked up at run time on every call.)
    let shortest = needles.lazy.map { $0.count }.min() ?? 0
    func marks(_ line: Substring) -> Bool {
      line.utf8.count >= shortest && line.withUTF8Bytes { bytes in
        needles.contains { needle in needle.withUnsafeBufferPointer { CaselessSearch.search($0, in: bytes) != nil } }
      }
    }
    // A marker that does not end in whitespace is in a line exactly when it is in the line
    // without its trailing whitespace: the cut is found on the lines as they are, and only
    // the lines before it are trimmed (the returned message after it is not).
    if needles.allSatisfy({ $0.last.map { $0 != ASCII.space && $0 != ASCII.tab && $0 != ASCII.cr } ?? false }) {
      let all = mail.bodyLines
      let cut = firstLine(in: all, where: marks) ?? all.count
      return all[..<cut].map(trimmedEnd)
    }
    let all = mail.trimmedBodyLines
    guard let cut = firstLine(in: all, where: marks) else { return all }
    return Array(all[..<cut])
  }
}

/// The SMTP command a failure followed, named the way results report it (`CONN`, `HELO`,
/// `EHLO`, `STARTTLS`, `AUTH`, `MAIL`, `RCPT`, `DATA`).
enum SMTPCommand {
  /// The command named by `phrase` (`RCPT TO`, `MAIL FROM:`, `final DATA`, `end of data`,
  /// `EHLO`…), or nil.
  static func named(_ phrase: some StringProtocol, exactCase: Bool = false) -> String? {
    // ASCII text is split and compared on the bytes; other text needs the Unicode letter test
    // and upper-casing (`ſ` upper-cases to `S`).
    if let found = phrase.withUTF8Bytes({ namedInASCII($0, exactCase: exactCase) }) { return found }
    // In running prose only upper-case words are commands ("mail" is not MAIL).
    let words = (exactCase ? String(phrase) : phrase.uppercased()).split(whereSeparator: { !$0.isLetter })
    for word in words {
      if let command = commandNamed(String(word)) { return command }
    }
    return nil
  }

  /// ``named(_:exactCase:)`` on ASCII bytes; nil when they are not all ASCII.
  private static func namedInASCII(_ b: UnsafeBufferPointer<UInt8>, exactCase: Bool) -> String?? {
    guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
    var i = 0
    while i < b.count {
      guard ASCII.isAlpha(b[i]) else {
        i += 1
        continue
      }
      var end = i
      while end < b.count, ASCII.isAlpha(b[end]) { end += 1 }
      // The longest command word is ten letters (`CONNECTION`).
      if end - i <= 10 {
        let word = String(unsafeUninitializedCapacity: end - i) { out in
          for k in i..<end { out[k - i] = exactCase ? b[k] : (ASCII.isAlpha(b[k]) ? b[k] & ~0x20 : b[k]) }
          return end - i
        }
        if let command = commandNamed(word) { return .some(command) }
      }
      i = end
    }
    return .some(nil)
  }

  /// The command an upper-case word names.
  private static func commandNamed(_ word: String) -> String? {
    switch word {
    case "RCPT": return "RCPT"
    case "MAIL": return "MAIL"
    case "DATA", "BDAT": return "DATA"
    case "EHLO": return "EHLO"
    case "HELO": return "HELO"
    case "STARTTLS": return "STARTTLS"
    case "AUTH": return "AUTH"
    case "CONNECT", "CONNECTION", "CONN", "GREETING", "BANNER": return "CONN"
    default: return nil
    }
  }

  /// The command a sentence names as the point of failure: `… after RCPT TO:<…>`, `(in reply
  /// to end of DATA command)`, `… did not like our MAIL FROM`. Nil when none is named.
  static func mentioned(in text: String) -> String? {
    let s = Substring(text)
    for marker in ["in reply to ", "after ", "did not like our ", "most progress was "] {
      if let rest = ReportText.after(marker, in: s), let command = named(rest.prefix(16), exactCase: true) { return command }
    }
    return nil
  }

  /// The command a transcript line such as `>>> RCPT TO:<a@example.jp>` or
  /// `Sent <<< RCPT TO:<…>` shows; nil when the line is not one.
  static func sent(in line: Substring) -> String? {
    let t = ReportText.trimmed(line)
    // Every marker opens with `>`, `<` or `S`: other lines are turned away on that byte.
    guard let first = t.utf8.first, first == ASCII.greaterThan || first == ASCII.lessThan || first == UInt8(ascii: "S") else { return nil }
    for marker in [">>> ", "<<< ", "Sent <<< ", "Sent >>> ", "SMTP>>> "] where t.hasPrefix(marker) {
      let rest = t.dropFirst(marker.count)
      let word = rest.prefix { $0.isLetter }.uppercased()
      switch word {
      case "RCPT", "MAIL", "DATA", "EHLO", "HELO", "STARTTLS", "AUTH", "BDAT": return named(word)
      default: return nil
      }
    }
    return nil
  }
}
