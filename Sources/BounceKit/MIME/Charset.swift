import CCharset

/// Turns bytes in a declared charset into text. UTF-8, ASCII and Latin-1 are decoded in Swift;
/// every other charset goes through ICU (via `CCharset`). Never fails: invalid bytes become
/// U+FFFD and a label nobody knows falls back to sniffing the bytes.
enum Charset {
  /// Decodes `bytes` written in the charset named by `label` (any case, aliases and common
  /// misspellings accepted). With no label, or one nobody knows, the bytes are sniffed.
  static func decode(_ bytes: ArraySlice<UInt8>, label: String?) -> String {
    if bytes.isEmpty { return "" }
    return decode(bytes, canonicalName: label.map(canonicalName) ?? "")
  }

  /// ``decode(_:label:)`` with the label already mapped by ``canonicalName(_:)`` ("" for none).
  static func decode(_ bytes: ArraySlice<UInt8>, canonicalName name: String) -> String {
    if bytes.isEmpty { return "" }
    switch name {
    case "utf-8":
      // ASCII (much mail labelled UTF-8) is valid UTF-8: the same string as the validating
      // initializer's, which costs several times more than `String(decoding:)`.
      if isASCII(bytes) { return String(utf8Bytes: bytes) }
      // Mail labelled UTF-8 that is not (old Japanese MTAs) is sniffed instead.
      // Validated and copied in one pass; the lenient check below keeps what it always took.
      if let text = String(validating: bytes, as: UTF8.self) { return text }
      if isValidUTF8(bytes) { return String(utf8Bytes: bytes) }
      return sniffAndDecode(bytes)
    case "us-ascii", "":
      if isASCIIWithoutEscapes(bytes) { return String(utf8Bytes: bytes) }
      return sniffAndDecode(bytes)
    case "iso-8859-1":
      if isASCIIWithoutEscapes(bytes) { return String(utf8Bytes: bytes) }
      return latin1(bytes)
    case "iso-2022-jp", "ISO-2022-JP-2":
      // Mislabelled UTF-8 is common; ISO-2022-JP never has bytes above 0x7F.
      if isASCII(bytes) { return iso2022(bytes, name: name == "iso-2022-jp" ? "ISO-2022-JP" : name) }
      if isValidUTF8(bytes) { return String(utf8Bytes: bytes) }
      return sniffAndDecode(bytes)
    default:
      // UTF-7 and HZ are ASCII on the wire: never take the ASCII shortcut for them.
      if name != "UTF-7" && name != "hz-gb-2312" && isASCIIWithoutEscapes(bytes) { return String(utf8Bytes: bytes) }
      if let text = icu(bytes, name: name) { return text }
      return sniffAndDecode(bytes)
    }
  }

  /// Maps a charset label to the name used here: lower case, quotes and spaces trimmed,
  /// aliases and misspellings seen in real mail resolved.
  static func canonicalName(_ label: String) -> String {
    var label = label
    let name = label.withUTF8 { bytes -> String in
      func quoteOrSpace(_ b: UInt8) -> Bool { b == ASCII.space || b == ASCII.quote || b == 0x27 }
      var lo = 0
      var hi = bytes.count
      while lo < hi, quoteOrSpace(bytes[lo]) { lo += 1 }
      while hi > lo, quoteOrSpace(bytes[hi - 1]) { hi -= 1 }
      // A language suffix (RFC 2231: `utf-8*ja`) is not part of the name.
      hi = min(hi, ByteScan.firstOrEnd(0x2A, in: bytes, from: lo))
      return hi - lo > 64 ? "" : String(asciiLowercasing: bytes[lo..<hi])
    }
    if name.isEmpty { return "" }
    if let known = aliases[name] { return known }
    if name.hasBytePrefix("cp125"), let digit = name.last, digit.isNumber { return "windows-125" + String(digit) }
    if name.hasBytePrefix("x-mac-") { return "mac" + name.dropFirst(6) }
    return name
  }

  /// `canonicalName(String(decoding: label, as: UTF8.self))` when `label` is, ignoring ASCII
  /// case, one of the labels listed in `aliases` (nearly every label in real mail), read on the
  /// bytes without a string or a dictionary lookup; nil for any other label.
  static func knownCanonicalName(_ label: ArraySlice<UInt8>) -> String? {
    label.withUnsafeBufferPointer { knownLabels.index(of: $0) }.map { knownLabelNames[$0] }
  }

  /// The labels of `aliases`, and the name each stands for.
  /// (In the dictionary's order: the labels are distinct, so the order does not matter.)
  private static let knownLabels = PackedNames(Array(aliases.keys))
  private static let knownLabelNames = knownLabels.names.map { aliases[$0]! }

  /// Charset labels seen in real mail, by the name used here.
  private static let aliases: [String: String] = {
    var table: [String: String] = [:]
    for label in ["utf-8", "utf8", "uft-8", "uft8", "utf_8", "x-utf-8", "unicode-1-1-utf-8", "utf-8n"] { table[label] = "utf-8" }
    for label in ["us-ascii", "ascii", "us_ascii", "ansi_x3.4-1968", "iso646-us", "7bit", "8bit", "default", "x-unknown", "unknown", "unknown-8bit", "x-user-defined", "none", "charset"] { table[label] = "" }
    for label in ["iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "cp819"] { table[label] = "iso-8859-1" }
    for label in ["iso-2022-jp", "iso2022jp", "csiso2022jp", "jis", "iso-2022-jp-1", "iso-2022-jp-3"] { table[label] = "iso-2022-jp" }
    for label in ["iso-2022-jp-2", "csiso2022jp2"] { table[label] = "ISO-2022-JP-2" }
    for label in ["shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "s-jis", "cp932", "windows-31j", "ms932", "x-ms-cp932", "cswindows31j", "ibm-943"] { table[label] = "windows-31j" }
    for label in ["euc-jp", "eucjp", "x-euc-jp", "euc_jp", "cseucpkdfmtjapanese", "ujis", "x-euc"] { table[label] = "EUC-JP" }
    for label in ["unicode-1-1-utf-7", "utf-7", "utf7", "x-unicode-2-0-utf-7", "csunicode11utf7"] { table[label] = "UTF-7" }
    for label in ["gb2312", "euc-cn", "x-gbk", "gbk", "cp936", "csgb2312", "chinese", "gb_2312-80"] { table[label] = "GBK" }
    for label in ["ks_c_5601-1987", "euc-kr", "ks_c_5601", "korean", "cp949", "ksc5601"] { table[label] = "windows-949" }
    for label in ["big5", "big-5", "cn-big5", "x-x-big5", "csbig5"] { table[label] = "windows-950" }
    for label in ["tis-620", "windows-874", "cp874"] { table[label] = "windows-874" }
    return table
  }()

  /// Guesses the charset of unlabelled or mislabelled bytes: ISO-2022-JP escapes, then UTF-8,
  /// then Shift_JIS (CP932) or EUC-JP by their byte patterns, then Windows-1252.
  static func sniffAndDecode(_ bytes: ArraySlice<UInt8>) -> String {
    if hasISO2022JPEscape(bytes) {
      return iso2022(bytes, name: "ISO-2022-JP")
    }
    if isValidUTF8(bytes) { return String(utf8Bytes: bytes) }
    switch guessJapanese(bytes) {
    case .shiftJIS: return icu(bytes, name: "windows-31j") ?? latin1(bytes)
    case .eucJP: return icu(bytes, name: "EUC-JP") ?? latin1(bytes)
    case .neither: return icu(bytes, name: "windows-1252") ?? latin1(bytes)
    }
  }

  /// ISO-2022-JP through ICU, after dropping escape sequences that are directly followed by
  /// another one. Joined encoded words produce `ESC ( B ESC $ B`, which ICU reports as an
  /// empty segment (one U+FFFD); the text means the same without the first escape.
  static func iso2022(_ bytes: ArraySlice<UInt8>, name: String) -> String {
    let cleaned = cleanedISO2022(bytes)
    // Most of such a body is ASCII outside the escapes, which ICU passes through byte for byte
    // at a few instructions per byte: only the span from the first escape to the last
    // `ESC ( B` goes through ICU, with the same result (see `iso2022Span`).
    return cleaned.withUnsafeBufferPointer { b -> String in
      let (lo, hi) = iso2022Span(b)
      if lo == b.count { return String(decoding: b, as: UTF8.self) }
      guard let middle = icu(cleaned[lo..<hi], name: name) else { return latin1(bytes) }
      if lo == 0 && hi == b.count { return middle }
      var text = String(decoding: UnsafeBufferPointer(rebasing: b[..<lo]), as: UTF8.self)
      text += middle
      text += String(decoding: UnsafeBufferPointer(rebasing: b[hi...]), as: UTF8.self)
      return text
    }
  }

  /// `bytes` without the escape sequences that are directly followed by another one (see
  /// ``iso2022(_:name:)``).
  static func cleanedISO2022(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var cleaned: [UInt8] = []
    cleaned.reserveCapacity(bytes.count)
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      // The bytes up to the next escape, at once.
      let escape = bytes.firstIndexOrEnd(of: ASCII.escape, from: i)
      if escape > i {
        cleaned.append(contentsOf: bytes[i..<escape])
        i = escape
        continue
      }
      if bytes[i] == ASCII.escape, let length = escapeLength(bytes, at: i), i + length < end, bytes[i + length] == ASCII.escape,
        escapeLength(bytes, at: i + length) != nil
      {
        i += length
        continue
      }
      cleaned.append(bytes[i])
      i += 1
    }
    return cleaned
  }

  /// The part of ISO-2022-JP `b` that needs ICU: what is before `lo` and from `hi` on is ASCII
  /// that ICU would map to the same code points. `lo == b.count` when there is no escape at all.
  ///
  /// Before the first escape the converter is in its initial (ASCII) state, and a byte below
  /// 0x80 other than ESC, SO and SI is that character. The ASCII after the last escape is cut
  /// off only when that escape is `ESC ( B` and the text is plain ISO-2022-JP — every byte
  /// below 0x80, no SO or SI, every ESC starting `ESC ( B`, `ESC ( J`, `ESC $ B` or `ESC $ @` —
  /// so that ICU reads the escapes just as they are written and ends the span in the ASCII
  /// state, with nothing pending.
  static func iso2022Span(_ b: UnsafeBufferPointer<UInt8>) -> (lo: Int, hi: Int) {
    func passesThrough(_ byte: UInt8) -> Bool { byte < 0x80 && byte != ASCII.escape && byte != 0x0E && byte != 0x0F }
    let n = b.count
    var lo = 0
    while lo < n, passesThrough(b[lo]) { lo += 1 }
    if lo == n { return (n, n) }
    var hi = n
    while hi > lo, passesThrough(b[hi - 1]) { hi -= 1 }
    // b[hi - 1] is the last byte that does not pass through: `B` of the final `ESC ( B`?
    guard hi - lo >= 3, b[hi - 3] == ASCII.escape, b[hi - 2] == 0x28, b[hi - 1] == 0x42 else { return (lo, n) }
    var i = lo
    while i < hi {
      let byte = b[i]
      if byte >= 0x80 || byte == 0x0E || byte == 0x0F { return (lo, n) }
      if byte == ASCII.escape {
        guard i + 2 < hi else { return (lo, n) }
        let (x, y) = (b[i + 1], b[i + 2])
        guard (x == 0x28 && (y == 0x42 || y == 0x4A)) || (x == 0x24 && (y == 0x42 || y == 0x40)) else { return (lo, n) }
        i += 3
        continue
      }
      i += 1
    }
    return (lo, hi)
  }

  /// The length of the ISO-2022 designation escape at `i` (`ESC ( B`, `ESC $ B`, `ESC $ ( D`…).
  private static func escapeLength(_ bytes: ArraySlice<UInt8>, at i: Int) -> Int? {
    guard i + 2 < bytes.endIndex else { return nil }
    let a = bytes[i + 1]
    if a == 0x28 || a == 0x2E { return 3 }  // ESC ( F, ESC . F
    if a == 0x24 {
      let b = bytes[i + 2]
      if b == 0x28 || b == 0x29 { return i + 3 < bytes.endIndex ? 4 : nil }
      return 3
    }
    return nil
  }

  /// Converts through ICU; nil when ICU has no converter of that name.
  static func icu(_ bytes: ArraySlice<UInt8>, name: String) -> String? {
    guard bytes.count < Int(Int32.max) / 4 else { return nil }
    return bytes.withContiguousStorageIfAvailable { buffer -> String? in
      var length: Int32 = 0
      guard let out = ccharset_to_utf8(name, buffer.baseAddress, Int32(buffer.count), &length) else {
        return nil
      }
      defer { ccharset_free(out) }
      return String(utf8Bytes: UnsafeBufferPointer(start: out, count: Int(length)))
    } ?? icu(Array(bytes)[...], name: name)
  }

  /// True when ICU can convert from the named charset.
  static func isKnown(_ label: String) -> Bool {
    let name = canonicalName(label)
    if name == "" || name == "utf-8" || name == "iso-8859-1" { return true }
    return ccharset_is_known(name) == 1
  }

  static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
    // Every byte is the scalar of the same number: one or two UTF-8 bytes, written directly.
    String(unsafeUninitializedCapacity: bytes.count * 2) { out in
      var k = 0
      for b in bytes {
        if b < 0x80 {
          out[k] = b
          k += 1
        } else {
          out[k] = 0xC0 | (b >> 6)
          out[k + 1] = 0x80 | (b & 0x3F)
          k += 2
        }
      }
      return k
    }
  }

  /// True when no byte is above 0x7F, sixteen bytes at a time.
  static func isASCII(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return true }
      let raw = UnsafeRawPointer(base)
      var i = 0
      let high = SIMD16<UInt8>(repeating: 0x80)
      // No overflow checks on the steps: `i` stays below `b.count`.
      let lastBlock = b.count &- 16
      while i <= lastBlock {
        let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
        let words = unsafeBitCast(v .>= high, to: SIMD2<UInt64>.self)
        if words[0] | words[1] != 0 { return false }
        i &+= 16
      }
      while i < b.count {
        if b[i] >= 0x80 { return false }
        i += 1
      }
      return true
    }
  }

  static func isASCIIWithoutEscapes(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return true }
      // Sixteen bytes at a time, then eight: no high bit set, and no byte equal to ESC (the
      // classic "has a zero byte" test on the word XORed with ESC in every byte).
      let raw = UnsafeRawPointer(base)
      var i = 0
      let escapes = SIMD16<UInt8>(repeating: ASCII.escape)
      let high = SIMD16<UInt8>(repeating: 0x80)
      // No overflow checks on the steps: `i` stays below `b.count`.
      let lastBlock = b.count &- 16
      while i <= lastBlock {
        let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
        let words = unsafeBitCast((v .>= high) .| (v .== escapes), to: SIMD2<UInt64>.self)
        if words[0] | words[1] != 0 { return false }
        i &+= 16
      }
      let lastWord = b.count &- 8
      while i <= lastWord {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let x = w ^ 0x1B1B_1B1B_1B1B_1B1B
        if (w | ((x &- 0x0101_0101_0101_0101) & ~x)) & 0x8080_8080_8080_8080 != 0 { return false }
        i &+= 8
      }
      while i < b.count {
        if b[i] >= 0x80 || b[i] == ASCII.escape { return false }
        i += 1
      }
      return true
    }
  }

  static func hasISO2022JPEscape(_ bytes: ArraySlice<UInt8>) -> Bool {
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i + 2 < end {
      if bytes[i] == ASCII.escape {
        let a = bytes[i + 1]
        let b = bytes[i + 2]
        // ESC $ B, ESC $ @, ESC ( J, ESC ( I, ESC $ ( D
        if (a == 0x24 && (b == 0x42 || b == 0x40 || b == 0x28)) || (a == 0x28 && (b == 0x4A || b == 0x49)) {
          return true
        }
      }
      i += 1
    }
    return false
  }

  static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      let b = bytes[i]
      if b < 0x80 { i += 1; continue }
      let need: Int
      if b & 0xE0 == 0xC0 { guard b >= 0xC2 else { return false }; need = 1 }
      else if b & 0xF0 == 0xE0 { need = 2 }
      else if b & 0xF8 == 0xF0 { guard b <= 0xF4 else { return false }; need = 3 }
      else { return false }
      guard i + need < end else { return false }
      for k in 1...need where bytes[i + k] & 0xC0 != 0x80 { return false }
      i += need + 1
    }
    return true
  }

  enum JapaneseGuess { case shiftJIS, eucJP, neither }

  /// Counts the byte pairs each encoding accepts; the one with fewer invalid pairs wins.
  static func guessJapanese(_ bytes: ArraySlice<UInt8>) -> JapaneseGuess {
    var sjisBad = 0
    var sjisGood = 0
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      let b = bytes[i]
      if b < 0x80 || (b >= 0xA1 && b <= 0xDF) { i += 1; continue }  // ASCII or half-width kana
      if (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC), i + 1 < end {
        let t = bytes[i + 1]
        if (t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC) { sjisGood += 1 } else { sjisBad += 1 }
        i += 2
      } else {
        sjisBad += 1
        i += 1
      }
    }
    var eucBad = 0
    var eucGood = 0
    i = bytes.startIndex
    while i < end {
      let b = bytes[i]
      if b < 0x80 { i += 1; continue }
      if b == 0x8E, i + 1 < end, bytes[i + 1] >= 0xA1, bytes[i + 1] <= 0xDF { eucGood += 1; i += 2; continue }
      if b == 0x8F, i + 2 < end, bytes[i + 1] >= 0xA1, bytes[i + 2] >= 0xA1 { eucGood += 1; i += 3; continue }
      if b >= 0xA1, b <= 0xFE, i + 1 < end, bytes[i + 1] >= 0xA1, bytes[i + 1] <= 0xFE {
        eucGood += 1
        i += 2
        continue
      }
      eucBad += 1
      i += 1
    }
    if sjisGood == 0 && eucGood == 0 { return .neither }
    if eucBad < sjisBad || (eucBad == sjisBad && eucGood >= sjisGood) { return eucBad == 0 || eucGood > eucBad ? .eucJP : .neither }
    return sjisBad == 0 || sjisGood > sjisBad ? .shiftJIS : .neither
  }
}
