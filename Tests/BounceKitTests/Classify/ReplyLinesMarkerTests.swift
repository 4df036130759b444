import Testing

@testable import BounceKit

/// `ReplyLines.firstMarker` finds candidates by their hyphen with `memchr`; these compare it
/// with the byte-by-byte search it replaced.
struct ReplyLinesMarkerTests {
  /// The former search: every position tried in order.
  static func referenceMarker(_ text: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], start: Int)? {
    let n = text.count
    var i = 0
    while i + 4 < n {
      let c = text[i]
      if SMTPCodes.isClassDigit(c), ASCII.isDigit(text[i + 1]), ASCII.isDigit(text[i + 2]),
        text[i + 3] == ASCII.hyphen, i == 0 || !ASCII.isAlnum(text[i - 1]) && text[i - 1] != ASCII.dot
      {
        var end = i + 4
        if end < n, SMTPCodes.isClassDigit(text[end]) {
          var j = end + 1
          var dots = 0
          while j < n, j - end < 9, ASCII.isDigit(text[j]) || text[j] == ASCII.dot {
            if text[j] == ASCII.dot { dots += 1 }
            j += 1
          }
          if dots == 2, j < n, text[j] == ASCII.space, ASCII.isDigit(text[j - 1]) { end = j + 1 }
        }
        return (Array(text[i..<end]), i)
      }
      i += 1
    }
    return nil
  }

  static func check(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { text in
      let fast = ReplyLines.firstMarker(text)
      let slow = Self.referenceMarker(text)
      #expect(fast?.bytes == slow?.bytes, "\(String(decoding: bytes, as: UTF8.self))")
      #expect(fast?.start == slow?.start, "\(String(decoding: bytes, as: UTF8.self))")
    }
  }

  @Test func samples() {
    let samples = [
      "", "-", "550-", "550-x", "x550-5.7.1 a", "550-5.7.1 Messages with multiple 550-5.7.1 addresses 550 5.7.1 end",
      "a-b-c 452-4.2.2 full 452-4.2.2 more", "1.550-5.1.1 x", "--550-5.1.1 x", "550-5.1.1", "550-5.1.1 ",
      "   250-", "x 650-x 550-", "5-50-550-y", "abc550-5.1.1 d 550-5", "550-5.1.10 x", "550-5.1..1 x",
    ]
    for sample in samples { Self.check(Array(sample.utf8)) }
  }

  @Test func randomTexts() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("0123455.- a".utf8)
    for _ in 0..<5000 {
      let n = Int.random(in: 0..<24, using: &generator)
      Self.check((0..<n).map { _ in alphabet.randomElement(using: &generator)! })
    }
  }
}
