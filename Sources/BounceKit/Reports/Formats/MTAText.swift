/// Small text helpers shared by the MTA format units (Postfix, Sendmail, Exim, …): line
/// splitting, ASCII case-insensitive search, SMTP command names and host names as MTAs write
/// them in their notices. Everything is linear in the text and works on substrings, so that a
/// unit never copies a line it only looks at.
enum MTAText {
  /// Most recipients a unit reads from one notice (as many as the DSN reader keeps).
  static let maxRecipients = DSNFields.maxRecipients

  /// The first range of `needle` in `text`, compared ASCII case-insensitively. `needle` must be
  /// lower-case ASCII.
  static func range(of needle: StaticString, in text: Substring) -> Range<String.Index>? {
    CaselessSearch.range(of: needle, in: text)
  }

  /// True when `text` holds `needle` (lower-case ASCII), ignoring ASCII case.
  static func contains(_ text: Substring, _ needle: StaticString) -> Bool {
    // The offset is enough: no range of indices worked out to be dropped.
    CaselessSearch.offset(of: needle, in: text) != nil
  }

  /// True when `text` holds `needle` (lower-case ASCII), ignoring ASCII case.
  static func contains(_ text: String, _ needle: StaticString) -> Bool {
    // Searched in the string itself: no substring made of it, no range worked out.
    CaselessSearch.offset(of: needle, in: text) != nil
  }

  /// The text after the first `needle`, or nil.
  static func after(_ needle: StaticString, in text: Substring) -> Substring? {
    range(of: needle, in: text).map { text[$0.upperBound...] }
  }

  /// The number of leading spaces and tabs (a tab counts as one).
  static func indentation(_ line: Substring) -> Int {
    line.withUTF8Bytes { b in
      var n = 0
      while n < b.count, ASCII.isSpace(b[n]) { n += 1 }
      return n
    }
  }

  /// The line without leading and trailing spaces and tabs.
  static func trimmed(_ line: Substring) -> Substring {
    line.trimmingSpacesAndTabs()
  }

  /// True when the line holds nothing but spaces and tabs.
  static func isBlank(_ line: Substring) -> Bool {
    line.utf8.allSatisfy(ASCII.isSpace)
  }

  /// Lines joined with single spaces, whitespace folded.
  static func folded(_ lines: some Collection<Substring>) -> String {
    // One line: most are folded already, which a fast check tells, and the copy is all.
    if lines.count == 1, let only = lines.first { return only.withUTF8Bytes { String(foldedCopyOf: $0) } }
    // Folded straight from the lines into the string's storage: the same text as joining
    // them with spaces and folding that, with no joined copy in between.
    var capacity = 0
    for line in lines { capacity += line.utf8.count + 1 }
    return String(unsafeUninitializedCapacity: capacity) { out in
      var k = 0
      for line in lines {
        // The space between two lines is whitespace like any other: a space is pending after
        // any text. The line's loop gets and gives back the count, not capturing a variable
        // it would change.
        k = line.withUTF8Bytes { bytes in foldAppending(bytes, to: out, at: k, pendingSpace: k > 0) }
      }
      return k
    }
  }

  /// Appends `bytes` folded to `out` at `k` (a space first if one is pending and text
  /// follows); the new count. A space left pending at the end is dropped, as at a text's end.
  @inline(__always) private static func foldAppending(
    _ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableBufferPointer<UInt8>, at start: Int, pendingSpace pending: Bool
  ) -> Int {
    // Most lines need no folding once trimmed: one space before them (after text) and their
    // bytes copied as they are.
    let trimmed = FoldedText.trimmedRange(bytes)
    guard !trimmed.isEmpty else { return start }
    let inner = UnsafeBufferPointer(rebasing: bytes[trimmed])
    if FoldedText.isPlain(inner), let from = inner.baseAddress, let to = out.baseAddress {
      var k = start
      if pending {
        out[k] = ASCII.space
        k += 1
      }
      UnsafeMutableRawPointer(to + k).copyMemory(from: from, byteCount: inner.count)
      return k + inner.count
    }
    return FoldedText.fold(bytes, into: out, at: start, pendingSpace: pending)
  }

  /// The lines joined with line feeds.
  static func joinedLines(_ lines: some Collection<Substring>) -> String {
    String(decoding: joinedBytes(lines, separator: ASCII.lf), as: UTF8.self)
  }

  /// The lines' bytes with `separator` between them, in one buffer of the size they need.
  private static func joinedBytes(_ lines: some Collection<Substring>, separator: UInt8) -> [UInt8] {
    var capacity = 0
    for line in lines { capacity += line.utf8.count + 1 }
    var out: [UInt8] = []
    out.reserveCapacity(capacity)
    var first = true
    for line in lines {
      if !first { out.append(separator) }
      first = false
      line.withUTF8Bytes { out.append(contentsOf: $0) }
    }
    return out
  }

  /// The SMTP command that a phrase names: `RCPT TO:<…>` → `RCPT`, `end of data` → `DATA`,
  /// `initial connection` → `CONN`. Only the beginning of `phrase` is looked at.
  static func smtpCommand(_ phrase: Substring) -> String? {
    let p = trimmed(phrase)
    let u = p.utf8
    func starts(_ word: StaticString) -> Bool { u.hasPrefixIgnoringCase(word) }
    if starts("rcpt") { return "RCPT" }
    if starts("mail") { return "MAIL" }
    if starts("data") || starts("end of data") || starts("bdat") || starts("message body") { return "DATA" }
    if starts("ehlo") { return "EHLO" }
    if starts("helo") || starts("lhlo") { return "HELO" }
    if starts("initial connection") || starts("greeting") || starts("connection") || starts("connect") { return "CONN" }
    if starts("starttls") { return "STARTTLS" }
    if starts("auth") { return "AUTH" }
    if starts("quit") { return "QUIT" }
    if starts("rset") { return "RSET" }
    if starts("pipelined ") { return smtpCommand(p.dropFirst(10)) }
    return nil
  }

  /// The host name in `name[192.0.2.1]`, `name [192.0.2.1]` or `name:` at the start of
  /// `text`; a bracketed literal alone gives the address. Nil when nothing host-like is there.
  static func leadingHost(_ text: Substring) -> String? {
    let t = trimmed(text)
    // The name's bounds and what it holds, found in one look at the bytes.
    let found: (lo: Int, hi: Int, named: Bool, nonASCII: Bool)? = t.withUTF8Bytes { b in
      var end = 0
      while end < b.count, !isHostEnd(b[end]) { end += 1 }
      var lo = 0
      var hi = end
      if hi == 0, b.first == 0x5B {
        // Only an address literal: `[192.0.2.1]`.
        guard let close = b.firstIndex(of: 0x5D) else { return nil }
        lo = 1
        hi = close
      }
      while hi > lo, b[hi - 1] == ASCII.dot { hi -= 1 }
      guard hi > lo, hi - lo <= 255 else { return nil }
      var named = false
      var nonASCII = false
      for k in lo..<hi {
        let c = b[k]
        if c == ASCII.at { return nil }
        if c == ASCII.dot || ASCII.isAlpha(c) { named = true }
        if c >= 0x80 { nonASCII = true }
      }
      return (lo, hi, named, nonASCII)
    }
    guard let found else { return nil }
    let u = t.utf8
    let start = u.index(u.startIndex, offsetBy: found.lo)
    let name = t[start..<u.index(start, offsetBy: found.hi - found.lo)]
    // A name in another script counts when it has letters.
    let named = found.named || (found.nonASCII && name.contains { $0.isLetter })
    return named ? String(name) : nil
  }

  /// What ends a host name at the start of a text: space, tab, `[ : , ; ( ) < >`.
  @inline(__always) private static func isHostEnd(_ b: UInt8) -> Bool {
    switch b {
    case ASCII.space, ASCII.tab, 0x5B, 0x3A, 0x2C, 0x3B, 0x28, 0x29, 0x3C, 0x3E: return true
    default: return false
    }
  }

  /// The host after the first `host ` in `text` (`host mx.example.jp[192.0.2.1] said:`).
  static func hostAfterWordHost(in text: Substring) -> String? {
    var rest = text[...]
    while let r = range(of: "host ", in: rest) {
      // The word must stand alone (not `localhost `).
      if standsAlone(r.lowerBound, in: text), let host = leadingHost(text[r.upperBound...]) { return host }
      rest = text[r.upperBound...]
    }
    return nil
  }

  /// True when the character before `index` in `text` is a space, tab or `(` (or there is
  /// none).
  private static func standsAlone(_ index: String.Index, in text: Substring) -> Bool {
    let u = text.utf8
    guard index != u.startIndex else { return true }
    let before = u.index(before: index)
    let b = u[before]
    guard b == ASCII.space || b == ASCII.openParen || b == ASCII.tab else { return false }
    // An ASCII byte before that one ends the character there; otherwise (a prefix mark that
    // joins the next character) the characters are compared.
    if before == u.startIndex || u[u.index(before: before)] < 0x80 { return true }
    let c = text[text.index(before: index)]
    return c == " " || c == "(" || c == "\t"
  }

  /// The address on a line that names a recipient: the first `<…@…>`, else the first word
  /// holding an `@`; nil when none is a plausible address.
  static func address(in text: Substring) -> String? {
    guard let found = Addresses.first(in: text), Addresses.isPlausible(found) || isQuotedLocalAddress(found) else { return nil }
    return found
  }

  /// `"john..doe"@example.jp`: a quoted local part, which `isPlausible` does not expect.
  static func isQuotedLocalAddress(_ address: String) -> Bool {
    address.hasPrefix("\"") && address.contains("\"@") && address.split(separator: "@").last.map { $0.containsByte(ASCII.dot) } == true
  }

  /// A multi-line SMTP answer read as one sentence: `550-5.1.1 The account 550-5.1.1 does
  /// not exist. 550 5.1.1 Bye` → `550 5.1.1 The account does not exist. Bye`. The code (and
  /// enhanced code) that starts the answer is dropped where it repeats at the start of a later
  /// line, wherever re-wrapping moved that line start to. Text that does not start with a
  /// multi-line reply is returned as it is.
  static func joiningReplyLines(_ answer: String) -> String {
    // Most answers are not multi-line replies: look at the first word before splitting them all.
    let u = answer.utf8
    guard let wordStart = u.firstIndex(where: { $0 != ASCII.space }) else { return answer }
    let wordEnd = u[wordStart...].firstIndex(of: ASCII.space) ?? u.endIndex
    guard u.distance(from: wordStart, to: wordEnd) >= 4, u[u.index(wordStart, offsetBy: 3)] == ASCII.hyphen else { return answer }
    // ASCII text is joined on the bytes; other text keeps the comparisons by character, which
    // differ from the bytes' where a combining mark follows a code.
    if let joined = answer.withUTF8Bytes({ joinedASCIIReplyLines($0, answer) }) { return joined }
    return joiningReplyLinesByCharacter(answer)
  }

  /// ``joiningReplyLines(_:)`` on the bytes of an answer whose first word is at least four
  /// bytes with `-` as the fourth; nil when the bytes are not all ASCII.
  private static func joinedASCIIReplyLines(_ b: UnsafeBufferPointer<UInt8>, _ answer: String) -> String? {
    // The words: runs between spaces, as byte ranges.
    var words: [Range<Int>] = []
    var start = 0
    var i = 0
    while i < b.count {
      let c = b[i]
      if c >= 0x80 { return nil }
      if c == ASCII.space {
        if start != i { words.append(start..<i) }
        start = i + 1
      }
      i += 1
    }
    if start != b.count { words.append(start..<b.count) }
    guard let first = words.first, first.count >= 4 else { return answer }
    // The code is the first word's first three bytes (digits, when it is one).
    guard SMTPCodes.leadingReplyCode(in: String(decoding: UnsafeBufferPointer(rebasing: b[first.lowerBound..<(first.lowerBound + 4)]), as: UTF8.self)) != nil
    else { return answer }
    let code = first.lowerBound..<(first.lowerBound + 3)
    let rest = (first.lowerBound + 4)..<first.upperBound
    func same(_ x: Range<Int>, _ y: Range<Int>) -> Bool {
      x.count == y.count && b[x].elementsEqual(b[y])
    }
    func starts(_ x: Range<Int>, with y: Range<Int>) -> Bool {
      x.count >= y.count && b[x.lowerBound..<(x.lowerBound + y.count)].elementsEqual(b[y])
    }
    // The enhanced status the first line's text starts with, as the bytes it is written in.
    var enhanced: Range<Int>? = nil
    if let status = SMTPCodes.enhancedStatus(in: UnsafeBufferPointer(rebasing: b[rest])) {
      let n = status.utf8.count
      if rest.count >= n, b[rest.lowerBound..<(rest.lowerBound + n)].elementsEqual(status.utf8) {
        enhanced = rest.lowerBound..<(rest.lowerBound + n)
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(b.count + 8)
    func add(_ r: Range<Int>) {
      if !out.isEmpty { out.append(ASCII.space) }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: b[r]))
    }
    add(code)
    if let enhanced { add(enhanced) }
    let firstText = (enhanced?.upperBound ?? rest.lowerBound)..<rest.upperBound
    if !firstText.isEmpty { add(firstText) }
    var k = 1
    while k < words.count {
      let w = words[k]
      if w.count >= 4, same(w.lowerBound..<(w.lowerBound + 3), code), b[w.lowerBound + 3] == ASCII.hyphen {
        // `550-5.1.1` or `550-text`: a continuation line's start.
        var tail = (w.lowerBound + 4)..<w.upperBound
        if let enhanced, starts(tail, with: enhanced) { tail = (tail.lowerBound + enhanced.count)..<tail.upperBound }
        if !tail.isEmpty { add(tail) }
      } else if same(w, code) {
        // `550 5.1.1`: the last line's start.
        if let enhanced, k + 1 < words.count, same(words[k + 1], enhanced) { k += 1 }
      } else {
        add(w)
      }
      k += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// ``joiningReplyLines(_:)`` for text that is not all ASCII, compared by character.
  private static func joiningReplyLinesByCharacter(_ answer: String) -> String {
    let words = TextLines.words(answer, separator: ASCII.space)
    // The first word is at least four bytes with `-` as the fourth (checked above).
    guard let first = words.first, let code = SMTPCodes.leadingReplyCode(in: String(first.prefix(4))) else { return answer }
    let codeText = String(code)
    let rest = first.dropFirst(4)
    let enhanced = SMTPCodes.enhancedStatus(in: String(rest)).flatMap { rest.hasPrefix($0) ? $0 : nil }
    var out: [Substring] = [Substring(codeText)]
    if let enhanced { out.append(Substring(enhanced)) }
    var firstText = rest
    if let enhanced { firstText = rest.dropFirst(enhanced.utf8.count) }
    if !firstText.isEmpty { out.append(firstText) }
    var i = 1
    while i < words.count {
      let w = words[i]
      if w.hasPrefix(codeText + "-") {
        // `550-5.1.1` or `550-text`: a continuation line's start.
        var tail = w.dropFirst(4)
        if let enhanced, tail.hasPrefix(enhanced) { tail = tail.dropFirst(enhanced.utf8.count) }
        if !tail.isEmpty { out.append(tail) }
      } else if w == codeText {
        // `550 5.1.1`: the last line's start.
        if let enhanced, i + 1 < words.count, words[i + 1] == enhanced { i += 1 }
      } else {
        out.append(w)
      }
      i += 1
    }
    return out.joined(separator: " ")
  }

  /// In `… after MAIL FROM:<a@b> SIZE=1024: 550 …`, the index just past the `: ` that is
  /// followed by a reply code.
  static func colonBeforeCode(in text: Substring) -> String.Index? {
    var rest = text
    while let r = MTAText.range(of: ": ", in: rest) {
      if leadingReplyCode(text[r.upperBound...]) != nil { return r.upperBound }
      rest = text[r.upperBound...]
    }
    return nil
  }

  /// The reply code `text` starts with (see `SMTPCodes.leadingReplyCode(in:)`), read from its
  /// first eight bytes in place, all that is looked at. (Only ASCII spaces, digits and dots
  /// are tested, so a character cut there reads as it would in a copy: not a digit.)
  static func leadingReplyCode(_ text: Substring) -> Int? {
    text.withUTF8Bytes { SMTPCodes.leadingReplyCode(in: UnsafeBufferPointer(rebasing: $0.prefix(8))) }
  }

  /// The reply code that `answer` starts with, else the first one in it.
  static func replyCode(in answer: String) -> Int? {
    SMTPCodes.leadingReplyCode(in: answer) ?? SMTPCodes.replyCode(in: answer)
  }

  /// The field names of a delivery-status body, for reading one that lost its MIME part.
  static let dsnFieldNames: Set<String> = [
    "reporting-mta", "received-from-mta", "arrival-date", "original-envelope-id", "dsn-gateway", "x-postfix-queue-id",
    "x-postfix-sender", "final-recipient", "original-recipient", "x-actual-recipient", "action", "status", "remote-mta",
    "diagnostic-code", "last-attempt-date", "will-retry-until", "final-log-id",
  ]

  /// Delivery-status fields written in the text itself (a notice whose MIME structure was
  /// lost on the way): from the first `Reporting-MTA:` or `Final-Recipient:` line up to the
  /// first line that is not a delivery-status field, a fold or a blank line.
  static func plainDSN(_ lines: [Substring]) -> DeliveryReport? {
    guard let start = lines.firstIndex(where: { $0.utf8.hasPrefixIgnoringCase("reporting-mta:") || $0.utf8.hasPrefixIgnoringCase("final-recipient:") })
    else { return nil }
    var end = start
    while end < lines.count {
      let line = lines[end]
      if isBlank(line) || line.utf8.first == ASCII.space || line.utf8.first == ASCII.tab {
        end += 1
        continue
      }
      guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")), dsnFieldNames.contains(line[..<colon].lowercased()) else { break }
      end += 1
    }
    let fields = DSNFields(text: joinedLines(lines[start..<end]))
    let recipients = fields.recipients.compactMap(RFC3464.recipient(from:))
    return recipients.isEmpty ? nil : DeliveryReport(format: RFC3464.name, recipients: recipients)
  }

  /// The original message's recipient, when the returned message names exactly one: the last
  /// resort of a notice that lost its per-recipient part.
  static func soleOriginalRecipient(_ mail: ParsedMail) -> String? {
    guard let to = mail.originalHeader?["to"] else { return nil }
    let all = Addresses.all(in: to)
    return all.count == 1 ? all[0] : nil
  }
}
