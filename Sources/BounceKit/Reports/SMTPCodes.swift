/// Finds SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463) in free text, in one
/// linear pass and without regular expressions.
///
/// Recognised shapes: `550 5.1.1 …`, `550-5.1.1 …`, `#5.1.1`, `(#5.5.0)`, `5.1.1 <addr>`,
/// `said: 550 …`. Numbers inside IP addresses, dates and version strings are not codes.
public enum SMTPCodes {
  /// The first enhanced status code in `text` (`5.1.1`), or nil.
  public static func enhancedStatus(in text: String) -> String? {
    var copy = text
    return copy.withUTF8 { enhancedStatus(in: $0) }
  }

  /// The first SMTP reply code in `text` (550), or nil.
  public static func replyCode(in text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { replyCode(in: $0) }
  }

  /// True for the class digit of a reply or status code that reports something: 2, 4 or 5.
  @inline(__always) static func isClassDigit(_ b: UInt8) -> Bool {
    b == 0x32 || b == 0x34 || b == 0x35
  }

  /// The first `class.subject.detail` code with class 2, 4 or 5, subject and detail of one to
  /// three digits, not part of a longer dotted number.
  static func enhancedStatus(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let n = bytes.count
    // A code's first dot is its second byte: the dots are found with memchr, and the byte
    // before each is where a code could start.
    var dot = 1
    while let found = ByteScan.first(ASCII.dot, in: bytes, from: dot) {
      dot = found + 1
      let i = found - 1
      guard i >= 0 else { continue }
      guard i + 4 < n else { return nil }
      let c = bytes[i]
      if isClassDigit(c) && ASCII.isDigit(bytes[i + 2]),
        i == 0 || !isCodeNeighbour(bytes[i - 1]) || followsReplyCode(bytes, i)
      {
        var j = i + 2
        var subjectDigits = 0
        while j < n, ASCII.isDigit(bytes[j]), subjectDigits < 4 { j += 1; subjectDigits += 1 }
        if subjectDigits <= 3, j + 1 < n, bytes[j] == ASCII.dot, ASCII.isDigit(bytes[j + 1]) {
          var k = j + 1
          var detailDigits = 0
          while k < n, ASCII.isDigit(bytes[k]), detailDigits < 4 { k += 1; detailDigits += 1 }
          var endsCleanly = true
          if k < n {
            let b = bytes[k]
            if ASCII.isAlnum(b) || b == ASCII.hyphen || b == ASCII.at || b == ASCII.underscore {
              endsCleanly = false
            } else if b == ASCII.dot, k + 1 < n, ASCII.isDigit(bytes[k + 1]) {
              endsCleanly = false  // a longer dotted number: an IP address or a version
            }
          }
          if detailDigits <= 3, endsCleanly {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<k]), as: UTF8.self)
          }
        }
      }
    }
    return nil
  }

  /// `550-5.1.1`: a hyphen right after a reply code introduces the enhanced code.
  @inline(__always) private static func followsReplyCode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    guard i >= 4, bytes[i - 1] == ASCII.hyphen, ASCII.isDigit(bytes[i - 2]), ASCII.isDigit(bytes[i - 3]),
      ASCII.isDigit(bytes[i - 4])
    else { return false }
    return i == 4 || !ASCII.isAlnum(bytes[i - 5]) && bytes[i - 5] != ASCII.dot
  }

  /// A character that, before a code, shows it is part of something else (a dotted number,
  /// a word, an address).
  @inline(__always) private static func isCodeNeighbour(_ b: UInt8) -> Bool {
    ASCII.isAlnum(b) || b == ASCII.dot || b == ASCII.hyphen || b == ASCII.at || b == 0x2F || b == ASCII.underscore
      || b == ASCII.equals || b == 0x2B || b == 0x25
  }

  /// The first three-digit number that reads as a reply code: class 2, 4 or 5, second digit
  /// 0–5, standing alone (followed by a space, `-`, end of text or punctuation other than a
  /// dot, colon or digit).
  static func replyCode(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    var i = 0
    while i + 2 < n {
      let c = bytes[i]
      if isClassDigit(c), bytes[i + 1] &- 0x30 <= 5, ASCII.isDigit(bytes[i + 2]),
        precedesReplyCode(bytes, i)
      {
        let next = i + 3 < n ? bytes[i + 3] : ASCII.space
        switch next {
        case ASCII.space, ASCII.tab, ASCII.hyphen, ASCII.lf, ASCII.closeParen, 0x5D, ASCII.comma,
          ASCII.semicolon, ASCII.quote, ASCII.greaterThan:
          let code = Int(c - 0x30) * 100 + Int(bytes[i + 1] - 0x30) * 10 + Int(bytes[i + 2] - 0x30)
          if isKnownReplyCode(code) { return code }
        default:
          break
        }
      }
      i += 1
    }
    return nil
  }

  /// What may stand before a reply code: the start, whitespace or punctuation, or a colon or
  /// semicolon right after a word (`said:550`, `smtp;550`).
  @inline(__always) private static func precedesReplyCode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    guard i > 0 else { return true }
    let p = bytes[i - 1]
    if p == ASCII.colon || p == ASCII.semicolon { return true }
    return !isCodeNeighbour(p)
  }

  /// The reply codes defined for SMTP and its extensions (RFC 5321, 2645, 3030, 4954, 5248,
  /// 7504). A three-digit number outside them (`426`, `542`) is some other count or an
  /// FTP-style code, not an SMTP answer.
  static let knownReplyCodes: Set<Int> = [
    211, 214, 220, 221, 235, 250, 251, 252, 253, 334, 354,
    421, 422, 432, 450, 451, 452, 453, 454, 455, 458, 459,
    500, 501, 502, 503, 504, 521, 523, 525, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556,
  ]

  /// True when `code` is a defined SMTP reply code.
  public static func isKnownReplyCode(_ code: Int) -> Bool {
    // One bit per code of each hundred (the set above, as masks): no hashing, as every
    // candidate number in every diagnostic is asked.
    let mask: UInt64
    switch code / 100 {
    case 2: mask = knownMask2
    case 3: mask = knownMask3
    case 4: mask = knownMask4
    case 5: mask = knownMask5
    default: return false
    }
    let low = code % 100
    return low < 64 && mask & (1 << UInt64(low)) != 0
  }

  /// ``knownReplyCodes`` by hundred: bit `n` stands for code `hundred + n`.
  private static let knownMask2 = mask(of: 200)
  private static let knownMask3 = mask(of: 300)
  private static let knownMask4 = mask(of: 400)
  private static let knownMask5 = mask(of: 500)

  private static func mask(of hundred: Int) -> UInt64 {
    knownReplyCodes.reduce(0) { m, code in code / 100 * 100 == hundred ? m | (1 << UInt64(code - hundred)) : m }
  }

  /// The reply code that begins `text` (after leading spaces), such as `550` in
  /// `550 5.1.1 User unknown`; nil if the text does not start with one.
  public static func leadingReplyCode(in text: String) -> Int? {
    // Only the first eight bytes count, read in place: no array of them.
    text.withUTF8Bytes { all in leadingReplyCode(in: UnsafeBufferPointer(rebasing: all.prefix(8))) }
  }

  /// ``leadingReplyCode(in:)`` on (at most the first eight of) a text's bytes.
  static func leadingReplyCode(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    while i < bytes.count, ASCII.isSpace(bytes[i]) { i += 1 }
    guard i + 2 < bytes.count else { return nil }
    let c = bytes[i]
    guard isClassDigit(c), bytes[i + 1] &- 0x30 <= 5, ASCII.isDigit(bytes[i + 2]) else { return nil }
    if i + 3 < bytes.count, ASCII.isDigit(bytes[i + 3]) || bytes[i + 3] == ASCII.dot { return nil }
    let code = Int(c - 0x30) * 100 + Int(bytes[i + 1] - 0x30) * 10 + Int(bytes[i + 2] - 0x30)
    return isKnownReplyCode(code) ? code : nil
  }
}

extension ASCII {
  static let comma: UInt8 = 0x2C
}
