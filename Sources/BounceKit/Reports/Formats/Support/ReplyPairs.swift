/// SMTP answers written as a reply code followed by an enhanced status code — `550 5.1.1`,
/// `550-5.1.1`, `550-'5.7.1`, `550 #5.1.0`, `<421 4.4.2` — found in one pass, in order.
///
/// A code with its status beside it is the server's own answer; a status standing alone is
/// often the relaying system's summary.
enum ReplyPairs {
  /// One answer: the reply code and, when written beside it, the enhanced status.
  struct Pair: Equatable {
    var replyCode: Int
    var status: String?
  }

  /// Most pairs kept from one text.
  static let maxPairs = 64

  /// Every reply code in `text` that opens an answer (followed by a space, a hyphen or the end),
  /// with the status code right after it when there is one.
  static func all(in text: String) -> [Pair] {
    var copy = text
    return copy.withUTF8 { all(in: $0) }
  }

  static func all(in bytes: UnsafeBufferPointer<UInt8>) -> [Pair] {
    var out: [Pair] = []
    let n = bytes.count
    var i = 0
    while i + 2 < n, out.count < maxPairs {
      let c = bytes[i]
      guard SMTPCodes.isClassDigit(c) else {
        // Most bytes are not a reply code's class digit: skipped sixteen at a time.
        i = ByteScan.firstOf(0x32, 0x34, 0x35, in: bytes, from: i + 1)
        continue
      }
      guard bytes[i + 1] &- 0x30 <= 5, ASCII.isDigit(bytes[i + 2]),
        i == 0 || !(ASCII.isAlnum(bytes[i - 1]) || bytes[i - 1] == ASCII.dot || bytes[i - 1] == ASCII.hyphen || bytes[i - 1] == 0x2F
          || bytes[i - 1] == ASCII.equals || bytes[i - 1] == ASCII.at || bytes[i - 1] == ASCII.underscore)
      else {
        i += 1
        continue
      }
      let code = Int(c - 0x30) * 100 + Int(bytes[i + 1] - 0x30) * 10 + Int(bytes[i + 2] - 0x30)
      guard SMTPCodes.isKnownReplyCode(code) else {
        i += 1
        continue
      }
      var j = i + 3
      if j < n, !(bytes[j] == ASCII.space || bytes[j] == ASCII.hyphen || bytes[j] == ASCII.tab || bytes[j] == ASCII.greaterThan) {
        i += 1
        continue
      }
      // What may stand between the code and the status: one separator, then a quote or `#`.
      if j < n { j += 1 }
      while j < n, bytes[j] == ASCII.space || bytes[j] == 0x27 || bytes[j] == ASCII.hash || bytes[j] == ASCII.quote, j - i < 8 { j += 1 }
      var status: String? = nil
      if j < n {
        let end = min(n, j + 12)
        let window = UnsafeBufferPointer(rebasing: bytes[j..<end])
        if let found = SMTPCodes.enhancedStatus(in: window), window.starts(with: found.utf8) { status = found }
      }
      out.append(Pair(replyCode: code, status: status))
      i += 3
    }
    return out
  }
}
