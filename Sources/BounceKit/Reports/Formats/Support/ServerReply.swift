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
    // One walk over the bytes: `after` and `for` open ordinary phrases too, so a long text has
    // many candidates, and each is tested where it stands instead of on a new substring.
    if let found = text.withUTF8Bytes(commandWord(after:)) { return found }
    if BounceText.contains(text, "does not like recipient") { return "RCPT" }
    if BounceText.contains(text, "does not like sender") || BounceText.contains(text, "sender was rejected") { return "MAIL" }
    if BounceText.contains(text, "after i sent the message") { return "DATA" }
    if BounceText.contains(text, "greeting failed") { return "CONN" }
    return nil
  }

  /// The first command word found after one of ``leads``, trying the leads in order and each
  /// lead's occurrences left to right.
  private static func commandWord(after bytes: UnsafeBufferPointer<UInt8>) -> String? {
    for lead in leads {
      let needle = UnsafeBufferPointer(start: lead.utf8Start, count: lead.utf8CodeUnitCount)
      var from = 0
      while from < bytes.count, let offset = CaselessSearch.search(needle, in: UnsafeBufferPointer(rebasing: bytes[from...])) {
        from += offset + needle.count
        if let command = commandWord(in: UnsafeBufferPointer(rebasing: bytes[from...])) { return command }
      }
    }
    return nil
  }

  private static let leads: [StaticString] = [
    "in reply to ", "after ", ">>> ", "for ",
  ]

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
