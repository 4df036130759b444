/// Joins the lines of a multi-line SMTP reply that a report folded onto one line.
///
/// `550-5.7.1 Messages with multiple 550-5.7.1 addresses in From: header 550 5.7.1 are not
/// accepted` carries the code again in front of every line; the words a rule looks for can
/// straddle those markers. This removes the repeated markers (exactly the first line's code,
/// with a hyphen or a space) so that the answer reads as one sentence. Linear in the text.
enum ReplyLines {
  /// The text without the continuation markers of its first multi-line reply; the text itself
  /// when it holds none.
  static func joined(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard let marker = firstMarker(text) else { return nil }
    // The same code with a space ends the reply (its last line); with a hyphen it continues it.
    var last = marker
    last[3] = ASCII.space
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    var i = 0
    var removed = false
    let n = text.count
    while i < n {
      if i > 0, text[i - 1] == ASCII.space, i > marker.start, startsWith(text, at: i, marker.bytes) || startsWith(text, at: i, last.bytes) {
        i += marker.bytes.count
        removed = true
        continue
      }
      out.append(text[i])
      i += 1
    }
    return removed ? out : nil
  }

  struct Marker {
    var bytes: [UInt8]
    var start: Int
    subscript(index: Int) -> UInt8 {
      get { bytes[index] }
      set { bytes[index] = newValue }
    }
  }

  /// The first `NNN-` (with the enhanced code and the space after it, if one follows) that
  /// starts a word: a reply code of class 2, 4 or 5 followed by a hyphen.
  static func firstMarker(_ text: UnsafeBufferPointer<UInt8>) -> Marker? {
    let n = text.count
    // Candidates are found by their hyphen with `memchr` (most diagnostics have none or a
    // few): the code starts three bytes before it, and a byte must follow it.
    var h = 3
    while h + 1 < n, let hyphen = ByteScan.first(ASCII.hyphen, in: text, from: h) {
      guard hyphen + 1 < n else { break }
      h = hyphen + 1
      let i = hyphen - 3
      if SMTPCodes.isClassDigit(text[i]), ASCII.isDigit(text[i + 1]), ASCII.isDigit(text[i + 2]),
        i == 0 || !ASCII.isAlnum(text[i - 1]) && text[i - 1] != ASCII.dot
      {
        // The marker is the code and hyphen, with the enhanced code and its space when one
        // follows (`550-5.7.1 `).
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
        return Marker(bytes: Array(text[i..<end]), start: i)
      }
    }
    return nil
  }

  @inline(__always) private static func startsWith(_ text: UnsafeBufferPointer<UInt8>, at i: Int, _ token: [UInt8]) -> Bool {
    guard i + token.count <= text.count else { return false }
    for k in 0..<token.count where text[i + k] != token[k] { return false }
    return true
  }
}
