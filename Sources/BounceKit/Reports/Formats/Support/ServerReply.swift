/// The facts a piece of bounce text gives about a remote server's answer: its SMTP reply
/// code, enhanced status code, the SMTP command it answered, and the host that gave it.
///
/// Read in one pass over short texts (one recipient's diagnostic) without regular expressions.
struct ServerReply: Equatable {
  /// The SMTP reply code (550), when the text holds one.
  var replyCode: Int?
  /// The enhanced status code (`5.1.1`), when the text holds one.
  var status: String?
  /// The SMTP command the answer followed (`RCPT`, `DATA`, …), when the text says.
  var command: String?

  /// Reads `text`.
  init(_ text: some StringProtocol) {
    let s = String(text)
    // An answer written whole (`550 5.1.1`) beats codes found apart, and a refusal beats the
    // positive answers a transcript also shows (`250 2.1.0 Ok`).
    let pairs = ReplyPairs.all(in: s)
    let failing = pairs.filter { $0.replyCode >= 400 }
    if let pair = failing.first(where: { $0.status != nil }) ?? pairs.first(where: { $0.status != nil }) {
      replyCode = pair.replyCode
      status = pair.status
    } else {
      status = SMTPCodes.enhancedStatus(in: s)
      replyCode = failing.first?.replyCode ?? SMTPCodes.replyCode(in: s) ?? Self.colonReplyCode(in: s)
    }
    command = Self.command(in: Substring(s))
  }

  /// Fills the facts `recipient` lacks.
  func fill(_ recipient: inout RecipientReport) {
    recipient.status = recipient.status ?? status
    recipient.replyCode = recipient.replyCode ?? replyCode
    recipient.command = recipient.command ?? command
  }

  /// `550: 5.2.2 …` and `550:` at the start of a line (Yahoo, Verizon write the code so); the
  /// general finder refuses a colon after the digits, as times and ports have one.
  static func colonReplyCode(in text: String) -> Int? {
    for line in TextLines.split(text) {
      let t = BounceText.trimmed(line).utf8
      guard t.count >= 4 else { continue }
      let bytes = Array(t.prefix(5))
      guard bytes[3] == ASCII.colon, bytes.count == 4 || bytes[4] == ASCII.space || bytes[4] == ASCII.tab else { continue }
      let text = String(decoding: bytes.prefix(3), as: UTF8.self)
      if let code = SMTPCodes.leadingReplyCode(in: text) { return code }
    }
    return nil
  }

  /// The SMTP command named by the usual phrases: `in reply to RCPT TO command` (Postfix),
  /// `after RCPT TO:` / `after end of data` (Exim), `>>> RCPT TO:` (Sendmail transcripts),
  /// `for TEXT command`, qmail's `does not like recipient` and `failed after I sent the
  /// message`.
  static func command(in text: Substring) -> String? {
    // One walk over the bytes for all the leads and phrases: a long text (a whole letter) was
    // searched nine times over.
    text.withUTF8Bytes(commandInText)
  }

  /// ``command(in:)`` on the bytes: the first command word after each lead (`in reply to `,
  /// `after `, `>>> `, `for `, in that order), else the command the first matching phrase
  /// names. Positions are tested
  /// where two bytes open a lead or a phrase, found sixteen at a time.
  private static func commandInText(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    var afterLead: (String?, String?, String?, String?) = (nil, nil, nil, nil)
    var phrases = PhraseFlags()
    func test(_ i: Int) -> Bool {
      let rest = UnsafeBufferPointer(rebasing: b[i...])
      switch ASCII.lower(b[i]) {
      case UInt8(ascii: "i"):
        if afterLead.0 == nil, rest.startsIgnoringCase("in reply to "), let c = commandWord(in: UnsafeBufferPointer(rebasing: rest[12...])) {
          afterLead.0 = c
          return true  // the first lead's word wins outright
        }
      case UInt8(ascii: "a"):
        if afterLead.1 == nil, rest.startsIgnoringCase("after ") { afterLead.1 = commandWord(in: UnsafeBufferPointer(rebasing: rest[6...])) }
        if rest.startsIgnoringCase("after i sent the message") { phrases.data = true }
      case ASCII.greaterThan:
        if afterLead.2 == nil, rest.startsIgnoringCase(">>> ") { afterLead.2 = commandWord(in: UnsafeBufferPointer(rebasing: rest[4...])) }
      case UInt8(ascii: "f"):
        if afterLead.3 == nil, rest.startsIgnoringCase("for ") { afterLead.3 = commandWord(in: UnsafeBufferPointer(rebasing: rest[4...])) }
      case UInt8(ascii: "d"):
        if rest.startsIgnoringCase("does not like recipient") { phrases.rcpt = true }
        if rest.startsIgnoringCase("does not like sender") { phrases.mail = true }
      case UInt8(ascii: "s"):
        if rest.startsIgnoringCase("sender was rejected") { phrases.mail = true }
      case UInt8(ascii: "g"):
        if rest.startsIgnoringCase("greeting failed") { phrases.conn = true }
      default:
        break
      }
      return false
    }
    scanPairs(b, test)
    if let c = afterLead.0 ?? afterLead.1 ?? afterLead.2 ?? afterLead.3 { return c }
    if phrases.rcpt { return "RCPT" }
    if phrases.mail { return "MAIL" }
    if phrases.data { return "DATA" }
    if phrases.conn { return "CONN" }
    return nil
  }

  /// Which of the command phrases a text holds.
  private struct PhraseFlags {
    var rcpt = false
    var mail = false
    var data = false
    var conn = false
  }

  /// The first two bytes of each lead and phrase (lower case; `>>` has no case).
  private static let openingPairs: [(UInt8, UInt8)] = [
    (0x69, 0x6E), (0x61, 0x66), (0x3E, 0x3E), (0x66, 0x6F), (0x64, 0x6F), (0x73, 0x65), (0x67, 0x72),
  ]

  /// Calls `test` at each position of `b` where one of ``openingPairs`` starts (ignoring ASCII
  /// case), left to right, until it returns true.
  private static func scanPairs(_ b: UnsafeBufferPointer<UInt8>, _ test: (Int) -> Bool) {
    let n = b.count
    guard n >= 2 else { return }
    func pairAt(_ i: Int) -> Bool {
      let x = ASCII.lower(b[i])
      let y = ASCII.lower(b[i + 1])
      return openingPairs.contains { $0.0 == x && $0.1 == y }
    }
    var i = 0
    if let base = b.baseAddress, n >= 17 {
      let raw = UnsafeRawPointer(base)
      // A byte with bit 0x20 set equals a lower-case letter's when it is that letter in either
      // case (or a byte differing by that bit only, which `test` then turns away).
      let caseBit = SIMD16<UInt8>(repeating: 0x20)
      func v(_ c: UInt8) -> SIMD16<UInt8> { SIMD16(repeating: c | 0x20) }
      let (i1, n2, a1, f2, gt) = (v(UInt8(ascii: "i")), v(UInt8(ascii: "n")), v(UInt8(ascii: "a")), v(UInt8(ascii: "f")), v(ASCII.greaterThan))
      let (f1, o2, d1, s1, e2, g1, r2) = (f2, v(UInt8(ascii: "o")), v(UInt8(ascii: "d")), v(UInt8(ascii: "s")), v(UInt8(ascii: "e")), v(UInt8(ascii: "g")), v(UInt8(ascii: "r")))
      while i + 17 <= n {
        let x = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self) | caseBit
        let y = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self) | caseBit
        // The pairs of ``openingPairs``: `in`, `af`, `>>`, `fo`, `do`, `se`, `gr`.
        let any = ((x .== i1) .& (y .== n2)) .| ((x .== a1) .& (y .== f2)) .| ((x .== gt) .& (y .== gt))
          .| ((x .== f1) .& (y .== o2)) .| ((x .== d1) .& (y .== o2)) .| ((x .== s1) .& (y .== e2)) .| ((x .== g1) .& (y .== r2))
        // The mask read as two words (a lane is 0x00 or 0xFF), as in CaselessSearch.
        let lanes = unsafeBitCast(any, to: SIMD2<UInt64>.self)
        for half in 0..<2 {
          var bits = lanes[half]
          while bits != 0 {
            let low = bits.trailingZeroBitCount & ~7
            let at = i + half * 8 + (low >> 3)
            if pairAt(at), test(at) { return }
            bits &= ~(0xFF << UInt64(low))
          }
        }
        i += 16
      }
    }
    while i + 1 < n {
      if pairAt(i), test(i) { return }
      i += 1
    }
  }

  /// Command words and the command each names, tried in order.
  private static let commandWords: [(StaticString, String)] = [
    ("rcpt", "RCPT"), ("mail from", "MAIL"), ("mail command", "MAIL"), ("end of data", "DATA"),
    ("data", "DATA"), ("text command", "DATA"), ("ehlo", "EHLO"), ("helo", "HELO"), ("lhlo", "EHLO"),
    ("starttls", "STARTTLS"), ("initial connection", "CONN"), ("auth", "AUTH"),
  ]

  /// The command named at the start of `rest`.
  static func commandWord(at rest: Substring) -> String? {
    rest.withUTF8Bytes(commandWord(in:))
  }

  /// The command named at the start of `bytes`, after spaces and tabs.
  private static func commandWord(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var start = 0
    while start < bytes.count, ASCII.isSpace(bytes[start]) { start += 1 }
    let s = UnsafeBufferPointer(rebasing: bytes[start...])
    for (word, command) in commandWords where s.startsIgnoringCase(word) {
      // A whole word: `data` must not match `database`.
      let end = word.utf8CodeUnitCount
      if end < s.count, ASCII.isAlpha(s[end]) { continue }
      return command
    }
    return nil
  }
}
