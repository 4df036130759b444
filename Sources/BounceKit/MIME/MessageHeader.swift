/// One header field: its name and its raw value bytes (folding kept), both slices of the
/// message's bytes.
///
/// The name is not turned into a string while parsing: most fields are never asked for, and
/// lookups compare a packed key of the name's first bytes (``MessageHeader/field(_:)``).
struct HeaderField: Sendable, Equatable {
  /// The bytes from the first byte of the name to the last byte of the value.
  private let line: ArraySlice<UInt8>
  /// Where the name ends in `line` (before the colon and any spaces).
  private let nameEnd: Int
  /// Where the value starts in `line`.
  private let valueStart: Int
  /// The name's length and its first bytes, lower case (see ``HeaderName/key(length:bytes:)``).
  private let key: UInt64

  /// A field whose name is `line[..<nameEnd]` (printable ASCII), with that name's `key`
  /// (lower-cased), and whose value is `line[valueStart...]`.
  init(line: ArraySlice<UInt8>, nameEnd: Int, key: UInt64, valueStart: Int) {
    self.line = line
    self.nameEnd = nameEnd
    self.key = key
    self.valueStart = valueStart
  }

  /// The field name, ASCII lower-cased (`content-type`).
  var name: String { FieldNames.lowercased(line[line.startIndex..<nameEnd]) }

  /// The raw value after the colon, leading whitespace removed, line folds still in it.
  var rawValue: ArraySlice<UInt8> { line[valueStart...] }

  /// The value unfolded and with RFC 2047 encoded words decoded.
  var text: String {
    // Without `??`: its autoclosure made the getter copy the whole field first.
    let raw = rawValue
    if let plain = Self.plainText(raw, lowercased: false) { return plain }
    return EncodedWords.decode(Self.unfold(raw))
  }

  /// The unfolded value, written straight into a string, when it is what
  /// ``EncodedWords/decode(_:)`` would return unchanged: ASCII with no escape byte and no
  /// `=?` once unfolded. Nil otherwise. Most values (Received, Date, Message-ID) are such
  /// text, and this saves the intermediate array.
  static func plainText(_ raw: ArraySlice<UInt8>) -> String? {
    plainText(raw, lowercased: false)
  }

  /// ``text`` ASCII-lower-cased (`text.asciiLowercased`); a plain value is lower-cased as it is
  /// written into its string, with no string in between.
  var asciiLowercasedText: String {
    Self.plainText(rawValue, lowercased: true) ?? text.asciiLowercased
  }

  /// ``plainText(_:)``, ASCII-lower-cased when `lowercased`.
  private static func plainText(_ raw: ArraySlice<UInt8>, lowercased: Bool) -> String? {
    raw.withUnsafeBufferPointer { input -> String? in
      guard !input.isEmpty else { return "" }
      // An encoded-word marker, perhaps with a line break inside that unfolding removes.
      var from = 0
      while let i = ByteScan.first(ASCII.equals, in: input, from: from) {
        var j = i + 1
        while j < input.count, input[j] == ASCII.lf || input[j] == ASCII.cr { j += 1 }
        if j < input.count, input[j] == ASCII.question { return nil }
        from = i + 1
      }
      var plain = true
      let text = String(unsafeUninitializedCapacity: input.count) { out in
        guard let k = unfold(input, into: out, asciiOnly: true) else {
          plain = false
          return 0
        }
        if lowercased {
          for m in 0..<k { out[m] = ASCII.lower(out[m]) }
        }
        return k
      }
      return plain ? text : nil
    }
  }

  /// The value unfolded, without encoded-word decoding (for structured fields).
  var unfoldedBytes: [UInt8] { Self.unfold(rawValue) }

  /// The same bytes as ``unfoldedBytes``; a value with no line break or tab and no space at
  /// its end (nearly all) is its own unfolding and comes back in place, not copied.
  var unfoldedSlice: ArraySlice<UInt8> {
    let raw = rawValue
    let clean = raw.withUnsafeBufferPointer { b -> Bool in
      guard let base = b.baseAddress, let last = b.last else { return true }
      if ASCII.isSpace(last) { return false }
      // No byte below 0x20 (line breaks and tab among them), eight at a time: any such byte
      // sends the value to `unfold`, which gives the same bytes for the ones it leaves alone.
      let raw = UnsafeRawPointer(base)
      var i = 0
      let lastWord = b.count &- 8
      while i <= lastWord {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 { return false }
        i &+= 8
      }
      while i < b.count {
        if b[i] < 0x20 { return false }
        i += 1
      }
      return true
    }
    return clean ? raw : Self.unfold(raw)[...]
  }

  /// True when the field is named `query` (lower case bytes) whose key is `queryKey`.
  @inline(__always) func isNamed(_ query: UnsafeBufferPointer<UInt8>, key queryKey: UInt64) -> Bool {
    guard key == queryKey else { return false }
    let n = nameEnd - line.startIndex
    // The key holds the whole of a name of up to `HeaderName.keyBytes` bytes.
    guard n == query.count, n > HeaderName.keyBytes else { return n == query.count }
    return line.withUnsafeBufferPointer { bytes in
      for k in HeaderName.keyBytes..<n where ASCII.lower(bytes[k]) != query[k] { return false }
      return true
    }
  }

  static func == (a: HeaderField, b: HeaderField) -> Bool {
    a.name == b.name && a.rawValue == b.rawValue
  }

  /// Removes line breaks (a fold is a line break followed by whitespace) and trailing space.
  static func unfold(_ raw: ArraySlice<UInt8>) -> [UInt8] {
    raw.withUnsafeBufferPointer { input in
      [UInt8](unsafeUninitializedCapacity: input.count) { out, written in
        written = unfold(input, into: out, asciiOnly: false) ?? 0
      }
    }
  }

  /// Writes `input` unfolded into `out` (at least as long): line breaks removed, tabs made
  /// spaces, trailing spaces dropped. Returns the bytes written; nil when `asciiOnly` and a
  /// byte is not ASCII or is ESC (then what was written is to be ignored).
  private static func unfold(
    _ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, asciiOnly: Bool
  ) -> Int? {
    guard let inBase = input.baseAddress, let outBase = out.baseAddress, out.count >= input.count else { return 0 }
    let n = input.count
    var i = 0
    var k = 0
    // Eight bytes at a time while none is below 0x20 (line breaks, tab, ESC) — nor, for
    // `asciiOnly`, above 0x7F: copied as they are. `k <= i`, so the word fits in `out`.
    let rawIn = UnsafeRawPointer(inBase)
    let rawOut = UnsafeMutableRawPointer(outBase)
    let highs: UInt64 = 0x8080_8080_8080_8080
    // No overflow checks on the steps: `k <= i < n`.
    let lastWord = n &- 8
    while i < n {
      if i <= lastWord {
        let w = rawIn.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let flagged = ((w &- 0x2020_2020_2020_2020) & ~w & highs) | (asciiOnly ? w & highs : 0)
        rawOut.storeBytes(of: w, toByteOffset: k, as: UInt64.self)
        if flagged == 0 {
          i &+= 8
          k &+= 8
          continue
        }
        // The bytes before the first flagged one (the lowest flag is exact, later ones may
        // come from a borrow) are kept as stored; the flagged byte is read below, and the
        // next word starts after it: a fold costs a few words, not a byte loop over eight.
        let clean = flagged.trailingZeroBitCount / 8
        i &+= clean
        k &+= clean
      }
      // One byte: the flagged one, or one of the last seven.
      let b = input[i]
      i += 1
      if b == ASCII.lf || b == ASCII.cr { continue }
      if asciiOnly, b >= 0x80 || b == ASCII.escape { return nil }
      out[k] = b == ASCII.tab ? ASCII.space : b
      k += 1
    }
    while k > 0, ASCII.isSpace(out[k - 1]) { k -= 1 }
    return k
  }
}

/// Field-name keys: a name's length and its first bytes packed in one integer, so that a
/// lookup compares one word per field and reads bytes only for a long name whose start matches.
enum HeaderName {
  /// Bytes of the name held in a key.
  static var keyBytes: Int { 7 }

  /// The key of `name` (bytes as they are): its length (at most 255) in the top byte, its first
  /// ``keyBytes`` bytes below.
  @inline(__always) static func key(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var bytes: UInt64 = 0
    for k in 0..<min(name.count, keyBytes) { bytes |= UInt64(name[k]) << (8 * UInt64(k)) }
    return key(length: name.count, bytes: bytes)
  }

  /// The key of a name of `length` bytes whose first bytes, packed, are `bytes`.
  @inline(__always) static func key(length: Int, bytes: UInt64) -> UInt64 {
    UInt64(min(length, 255)) << 56 | bytes
  }

  /// Reads the field name that starts line `b[from..<to]`: printable ASCII up to the colon,
  /// spaces allowed before it. Returns where the scan stopped (the colon, the first byte that
  /// cannot be in a name, or `to`), whether no such byte was met, the first space (a name has
  /// none but trailing ones; -1 for none) and the key's bytes, lower case (spaces skipped: in a
  /// name that is kept they all come after the name).
  ///
  /// The leading run of printable non-colon bytes is found eight at a time and its first
  /// bytes lower-cased at once; from the first other byte on, one byte at a time.
  static func scanName(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (stop: Int, valid: Bool, firstSpace: Int, keyBytes: UInt64) {
    precondition(from >= 0 && from <= to && to <= b.count)
    var i = nameRunEnd(b, from: from, to: to)
    var key: UInt64 = 0
    let kept = min(i - from, Self.keyBytes)
    if kept > 0, let base = b.baseAddress, from + 8 <= b.count {
      // Upper-case letters (0x41–0x5A) get 0x20. Every kept byte is below 0x7F, so no lane
      // carries into a kept one; the lanes past them are masked off.
      let ones: UInt64 = 0x0101_0101_0101_0101
      let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: from, as: UInt64.self)
      let upper = (w &+ ones &* 0x3F) & ~(w &+ ones &* 0x25) & (ones &* 0x80)
      key = (w | (upper &>> 2)) & ((1 &<< UInt64(8 * kept)) &- 1)
    } else {
      for k in 0..<kept { key |= UInt64(ASCII.lower(b[from + k])) &<< UInt64(8 * k) }
    }
    var valid = true
    var firstSpace = -1
    while i < to {
      let c = b[i]
      if c == ASCII.colon { break }
      if c < 0x21 || c > 0x7E {
        if !ASCII.isSpace(c) {
          valid = false
          break
        }
        if firstSpace < 0 { firstSpace = i }
      } else if i - from < Self.keyBytes {
        key |= UInt64(ASCII.lower(c)) &<< UInt64(8 * (i - from))
      }
      i += 1
    }
    return (i, valid, firstSpace, key)
  }

  /// The offset of the first byte in `b[from..<to]` that is not printable ASCII (0x21–0x7E)
  /// or is a colon, or `to`: eight bytes at a time.
  @inline(__always) static func nameRunEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
    guard let base = b.baseAddress, from >= 0, to <= b.count else { return from }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = from
    // No overflow checks on the steps: `i` stays below `to`.
    let lastWord = to &- 8
    while i <= lastWord {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      // A byte at or above 0x7F (its high bit, or 0x7F + 1), below 0x21, or a colon (zero
      // after the XOR). Later lanes can be wrong after a borrow or a carry, the lowest
      // flagged one never is.
      let colons = w ^ (ones &* 0x3A)
      let stops = ((w | (w &+ ones)) & highs) | ((w &- ones &* 0x21) & ~w & highs) | ((colons &- ones) & ~colons & highs)
      if stops != 0 { return i + stops.trailingZeroBitCount / 8 }
      i &+= 8
    }
    while i < to, b[i] >= 0x21, b[i] <= 0x7E, b[i] != ASCII.colon { i += 1 }
    return i
  }

  /// The bit of ``MessageHeader``'s set of names present that stands for names with `key`.
  @inline(__always) static func bit(_ key: UInt64) -> UInt64 {
    1 << ((key &* 0x9E37_79B9_7F4A_7C15) >> 58)
  }

  /// Calls `body` with the UTF-8 bytes of `name` and their key (the name as given, not
  /// lower-cased: queries are written in lower case).
  @inline(__always) static func withQuery<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> R) -> R {
    if let r = name.utf8.withContiguousStorageIfAvailable({ body($0, key($0)) }) { return r }
    return Array(name.utf8).withUnsafeBufferPointer { body($0, key($0)) }
  }
}

/// The header block of a message or MIME part: fields in order, repeated fields kept, names
/// compared without regard to case.
struct MessageHeader: Sendable, Equatable {
  /// Every field in the order it appears.
  private(set) var fields: [HeaderField] = []
  /// One bit per name present, chosen by the name's key: most lookups (a format unit asking
  /// for its own vendor's field) are for names the header does not have, and are answered
  /// without reading the fields.
  private var namesPresent: UInt64 = 0
  /// The header limits reached while parsing (``DecodeLimits/Limit/headerFields``,
  /// ``DecodeLimits/Limit/headerFieldBytes``).
  var limitsReached: Set<DecodeLimits.Limit> = []
  /// True when the block was cut at the header limits.
  var truncated: Bool { !limitsReached.isEmpty }

  /// Maximum number of fields kept per header block by default.
  static var maxFields: Int { DecodeLimits.standard.maxHeaderFields }

  /// The first field named `name` (lower case), raw.
  func field(_ name: String) -> HeaderField? {
    // By index: `first(where:)` would copy (retain and release) every field it looks at.
    HeaderName.withQuery(name) { query, key in
      guard namesPresent & HeaderName.bit(key) != 0 else { return nil }
      for i in fields.indices where fields[i].isNamed(query, key: key) { return fields[i] }
      return nil
    }
  }

  /// The decoded text of the first field named `name` (lower case).
  subscript(_ name: String) -> String? {
    // The field's text read where it lies: `field(name)?.text` copied the field out first.
    HeaderName.withQuery(name) { query, key in
      guard namesPresent & HeaderName.bit(key) != 0 else { return nil }
      for i in fields.indices where fields[i].isNamed(query, key: key) { return fields[i].text }
      return nil
    }
  }

  /// Every field named `name` (lower case), in order.
  func all(_ name: String) -> [HeaderField] {
    HeaderName.withQuery(name) { query, key in
      guard namesPresent & HeaderName.bit(key) != 0 else { return [] }
      return fields.filter { $0.isNamed(query, key: key) }
    }
  }

  /// The decoded text of every field named `name` (lower case), in order: `all(name).map(\.text)`
  /// without the array of copied fields in between.
  func texts(_ name: String) -> [String] {
    HeaderName.withQuery(name) { query, key in
      guard namesPresent & HeaderName.bit(key) != 0 else { return [] }
      var out: [String] = []
      for i in fields.indices where fields[i].isNamed(query, key: key) { out.append(fields[i].text) }
      return out
    }
  }

  /// True when a field named `name` (lower case) is present.
  func has(_ name: String) -> Bool { field(name) != nil }

  /// Parses the header block at the start of `bytes` (LF line endings).
  ///
  /// Returns the header and the index where the body begins (after the blank line). Lenient:
  /// a line that is neither a field nor a fold ends the header there, so text with no header
  /// at all (a pasted error message) is all body. At most `limits.maxHeaderFields` fields are
  /// kept, each value cut at `limits.maxHeaderFieldBytes`; the rest of the block is still
  /// skipped, so the body starts where it should.
  static func parse(_ bytes: ArraySlice<UInt8>, limits: DecodeLimits = .standard) -> (MessageHeader, bodyStart: Int) {
    var header = MessageHeader()
    // Growing from empty would copy the array four times before a typical header is read.
    header.fields.reserveCapacity(16)
    var i = bytes.startIndex
    let end = bytes.endIndex
    var fieldStart = -1
    var valueStart = -1
    var nameEnd = -1
    var nameKey: UInt64 = 0
    var lastLineEnd = i

    func finishField(upTo endIndex: Int) {
      guard fieldStart >= 0 else { return }
      var vs = valueStart
      while vs < endIndex, ASCII.isSpace(bytes[vs]) { vs += 1 }
      var ve = endIndex
      while ve > vs, ASCII.isWhitespace(bytes[ve - 1]) { ve -= 1 }
      if ve - vs > limits.maxHeaderFieldBytes {
        ve = vs + max(0, limits.maxHeaderFieldBytes)
        header.limitsReached.insert(.headerFieldBytes)
      }
      if header.fields.count < limits.maxHeaderFields {
        header.fields.append(HeaderField(line: bytes[fieldStart..<ve], nameEnd: nameEnd, key: nameKey, valueStart: vs))
        header.namesPresent |= HeaderName.bit(nameKey)
      } else {
        header.limitsReached.insert(.headerFields)
      }
      fieldStart = -1
    }

    while i < end {
      let lineEnd = bytes.firstLineBreak(from: i)
      let next = lineEnd < end ? lineEnd + 1 : end
      let lineIsBlank = lineEnd == i || (lineEnd == i + 1 && bytes[i] == ASCII.cr)
      if lineIsBlank {
        finishField(upTo: lastLineEnd)
        return (header, next)
      }
      if ASCII.isSpace(bytes[i]) {
        // A fold continues the current field.
        if fieldStart >= 0 {
          lastLineEnd = lineEnd
          i = next
          continue
        }
        finishField(upTo: lastLineEnd)
        return (header, i)
      }
      // A field name: printable ASCII up to the colon, spaces allowed before it (see
      // ``HeaderName/scanName(_:from:to:)``).
      let scan = bytes.withUnsafeBufferPointer {
        HeaderName.scanName($0, from: i - bytes.startIndex, to: lineEnd - bytes.startIndex)
      }
      let colon = scan.stop + bytes.startIndex
      let valid = scan.valid
      let firstSpace = scan.firstSpace < 0 ? -1 : scan.firstSpace + bytes.startIndex
      let keyBytes = scan.keyBytes
      if valid, colon < lineEnd, colon > i {
        var end = colon
        while end > i, ASCII.isSpace(bytes[end - 1]) { end -= 1 }
        if firstSpace < 0 || firstSpace >= end {
          finishField(upTo: lastLineEnd)
          fieldStart = i
          valueStart = colon + 1
          nameEnd = end
          nameKey = HeaderName.key(length: end - i, bytes: keyBytes)
          lastLineEnd = lineEnd
          i = next
          continue
        }
      }
      // Not a field: the body starts here (a message with no blank line after its header).
      finishField(upTo: lastLineEnd)
      return (header, i)
    }
    finishField(upTo: lastLineEnd)
    return (header, end)
  }
}
