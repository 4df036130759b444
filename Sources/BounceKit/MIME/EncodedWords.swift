/// RFC 2047 encoded words in header values: `=?charset?B?…?=` and `=?charset?Q?…?=`.
enum EncodedWords {
  /// Decodes every encoded word in an unfolded header value. Whitespace between adjacent
  /// encoded words is dropped, and adjacent words in the same charset are joined before
  /// conversion, so that a character split across two words survives. Bytes outside encoded
  /// words that are not ASCII are sniffed (raw Shift_JIS or UTF-8 in headers is common).
  static func decode(_ value: [UInt8]) -> String {
    guard !Charset.isASCIIWithoutEscapes(value[...]) || containsMarker(value) else {
      return String(decoding: value, as: UTF8.self)
    }
    var out = ""
    var literal: [UInt8] = []
    var pendingCharset: String? = nil
    var pendingBytes: [UInt8] = []
    var whitespaceSinceWord: [UInt8] = []
    var lastWasWord = false

    func flushPending() {
      if let charset = pendingCharset {
        out += Charset.decode(pendingBytes[...], label: charset)
      }
      pendingCharset = nil
      pendingBytes.removeAll()
    }
    func flushLiteral() {
      if !literal.isEmpty {
        out += Charset.decode(literal[...], label: nil)
        literal.removeAll()
      }
    }

    var i = 0
    let n = value.count
    var terminators = TerminatorFinder()
    while i < n {
      if value[i] == ASCII.equals, i + 1 < n, value[i + 1] == ASCII.question,
        let word = parseWord(value, at: i, terminators: &terminators)
      {
        // Whitespace between two encoded words is not part of the text.
        whitespaceSinceWord.removeAll()
        if pendingCharset != nil && pendingCharset != word.charset { flushPending() }
        flushLiteral()
        pendingCharset = word.charset
        pendingBytes.append(contentsOf: word.bytes)
        lastWasWord = true
        i = word.end
        continue
      }
      let b = value[i]
      if lastWasWord && ASCII.isSpace(b) {
        whitespaceSinceWord.append(b)
        i += 1
        continue
      }
      if lastWasWord {
        flushPending()
        literal.append(contentsOf: whitespaceSinceWord)
        whitespaceSinceWord.removeAll()
        lastWasWord = false
      }
      literal.append(b)
      i += 1
    }
    flushPending()
    literal.append(contentsOf: whitespaceSinceWord)
    flushLiteral()
    return out
  }

  private static func containsMarker(_ value: [UInt8]) -> Bool {
    value.withUnsafeBufferPointer { b in
      var from = 0
      while let i = ByteScan.first(ASCII.equals, in: b, from: from) {
        if i + 1 < b.count, b[i + 1] == ASCII.question { return true }
        from = i + 1
      }
      return false
    }
  }

  private struct Word {
    var charset: String
    var bytes: [UInt8]
    var end: Int
  }

  /// Finds the next `?=` at or after a position, remembering the last one found: the
  /// positions asked for only grow, so every byte is looked at once however many `=?` starts
  /// a value holds.
  private struct TerminatorFinder {
    private var found = -1
    private var searchedUpTo = 0

    /// The index of the first `?=` at or after `start`, or nil when there is none.
    mutating func next(in v: [UInt8], from start: Int) -> Int? {
      if found >= start { return found }
      var j = max(start, searchedUpTo)
      while j + 1 < v.count, !(v[j] == ASCII.question && v[j + 1] == ASCII.equals) { j += 1 }
      searchedUpTo = j
      guard j + 1 < v.count else { return nil }
      found = j
      return j
    }
  }

  /// Parses `=?charset?X?text?=` at `start`; nil when it is not a well-formed word.
  private static func parseWord(_ v: [UInt8], at start: Int, terminators: inout TerminatorFinder) -> Word? {
    let n = v.count
    var i = start + 2
    let charsetStart = i
    while i < n, v[i] != ASCII.question {
      if ASCII.isWhitespace(v[i]) || i - charsetStart > 64 { return nil }
      i += 1
    }
    guard i + 2 < n, v[i + 2] == ASCII.question else { return nil }
    let charset = String(decoding: v[charsetStart..<i], as: UTF8.self)
    let encoding = ASCII.lower(v[i + 1])
    guard encoding == 0x62 || encoding == 0x71 else { return nil }  // b or q
    let textStart = i + 3
    // A word longer than this is not a word.
    guard textStart < n, let j = terminators.next(in: v, from: textStart), j - textStart < 4096 else { return nil }
    let text = v[textStart..<j]
    let bytes = encoding == 0x62
      ? TransferEncoding.base64(text)
      : TransferEncoding.quotedPrintable(text, underscoreIsSpace: true)
    return Word(charset: charset, bytes: bytes, end: j + 2)
  }
}
