import Testing

@testable import BounceKit

/// The MIME layer's shortcuts give what the plain ways give: line-start scans against a byte
/// loop, delimiter splitting against a line-by-line reference, unfolding in place against the
/// copy, boundary bytes against the parameter string.
@Suite("MIME: fast paths match the plain ways")
struct MIMEFastPathTests {
  /// Texts with breaks at every distance from the sixteen-byte blocks, blank lines, CRLF,
  /// non-ASCII, and the searched bytes inside lines as well as at their starts.
  static let texts: [[UInt8]] = {
    var out: [[UInt8]] = [[], [ASCII.lf], [ASCII.lf, ASCII.lf], Array("-".utf8), Array("\n-".utf8), Array("a\n".utf8)]
    let pieces = ["x", "--b", " y", "\tz", "\n", "\r\n", "From x", ">F", "é", "----", "-", "abcdefghijklmnop", "\n\n", "日本"]
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for length in 1..<120 {
      var text: [UInt8] = []
      for _ in 0..<(length % 23 + 1) {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += Array(pieces[Int(seed >> 33) % pieces.count].utf8)
        if seed & 0x100 != 0 { text += Array(String(repeating: "q", count: Int(seed >> 50) % 37).utf8) }
      }
      out.append(text)
    }
    return out
  }()

  /// `LineStartScan.nextBreak` one byte at a time.
  static func slowNextBreak(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ bytes: [UInt8], from: Int) -> Int {
    var i = max(0, from)
    while i < bytes.count {
      if bytes[i] == ASCII.lf {
        if i + 1 == bytes.count { return i }
        let next = bytes[i + 1]
        if next == a || next == b || next == c { return i }
      }
      i += 1
    }
    return bytes.count
  }

  @Test func nextBreakMatchesByteLoop() {
    for text in Self.texts {
      for (a, b, c) in [(ASCII.hyphen, ASCII.space, ASCII.tab), (UInt8(0x46), ASCII.greaterThan, ASCII.lf)] {
        for from in 0...text.count {
          let fast = text.withUnsafeBufferPointer { LineStartScan.nextBreak(before: a, b, c, in: $0, from: from) }
          #expect(fast == Self.slowNextBreak(a, b, c, text, from: from), "\(text) from \(from)")
        }
      }
    }
  }

  @Test func nextLineStartAfterMatchesFromNextLine() {
    for text in Self.texts {
      let slice = ([0x41] + text)[1...]
      var i = slice.startIndex
      while i < slice.endIndex {
        let lineEnd = slice.firstLineBreak(from: i)
        let next = lineEnd < slice.endIndex ? lineEnd + 1 : slice.endIndex
        let expected = slice.nextLineStart(with: ASCII.hyphen, ASCII.space, ASCII.tab, from: next)
        #expect(slice.nextLineStart(with: ASCII.hyphen, ASCII.space, ASCII.tab, after: i) == expected)
        i += 1
      }
    }
  }

  /// The parts a multipart body holds, found by testing every line with `delimiterKind`.
  static func referenceParts(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>]? {
    var parts: [ArraySlice<UInt8>] = []
    var found = false
    var partStart: Int? = nil
    var i = body.startIndex
    while i < body.endIndex {
      let lineEnd = body.firstLineBreak(from: i)
      let next = lineEnd < body.endIndex ? lineEnd + 1 : body.endIndex
      if let kind = MIMEParser.delimiterKind(body[i..<lineEnd], boundary: boundary) {
        found = true
        if let start = partStart {
          var partEnd = i
          if partEnd > start, body[partEnd - 1] == ASCII.lf { partEnd -= 1 }
          parts.append(body[start..<max(start, partEnd)])
        }
        if kind == .close {
          partStart = nil
          break
        }
        partStart = next
      }
      i = next
    }
    if let start = partStart, start < body.endIndex { parts.append(body[start..<body.endIndex]) }
    return found ? parts : nil
  }

  @Test func splittingMatchesLineByLine() {
    let boundaries = ["b", "bb", "-b", "--", "b-", "abc", " b"]
    let lines = [
      "--b", "--bb", "--b--", "  --b  ", "\t--b", "--b x", "---b", "-b", "--", "-", "", " ", "--bc", "--abc",
      "--abc--", "text", "-- b", "--b--x", "Content-Type: text/plain", "é--b", "--b\t", "--abc  ", "----",
    ]
    var seed: UInt64 = 42
    for boundary in boundaries {
      for round in 0..<60 {
        var body = ""
        for _ in 0..<(round % 17) {
          seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          body += lines[Int(seed >> 33) % lines.count].replacingOccurrences(of: "b", with: boundary == " b" ? "b" : boundary)
          if seed & 0x10 != 0 { body += String(repeating: "w", count: Int(seed >> 56) % 30) }
          body += "\n"
        }
        if round % 3 == 0, !body.isEmpty { body.removeLast() }
        let bytes = Array(("Content-Type: multipart/mixed; boundary=\"\(boundary)\"\n\n" + body).utf8)
        let root = ParsedMail(bytes: bytes).root
        let bodyStart = bytes.count - body.utf8.count
        let expected = Self.referenceParts(bytes[bodyStart...], boundary: Array(boundary.utf8))
        if let expected {
          #expect(root.children.count == expected.count, "\(boundary): \(body)")
          // Each child was parsed from one of the reference parts: its body ends where the part does.
          for (child, part) in zip(root.children, expected) {
            #expect(child.body.endIndex == part.endIndex, "\(boundary): \(body)")
          }
        }
      }
    }
  }

  @Test func unfoldedSliceMatchesUnfoldedBytes() {
    let values = [
      "text/plain", "text/plain ", "a\n b", "a\r\n\tb", "a\tb", "multipart/mixed;\n boundary=x", "é", "",
      "x  ", "\tx", "a;\n\n b", "日本語; charset=utf-8",
    ]
    for value in values {
      for limit in [5, 1000] {
        let bytes = Array(("Content-Type: " + value + "\nX: y\n\n").utf8)
        var limits = DecodeLimits.standard
        limits.maxHeaderFieldBytes = limit
        let header = MessageHeader.parse(bytes[...], limits: limits).0
        guard let field = header.field("content-type") else { continue }
        #expect(Array(field.unfoldedSlice) == field.unfoldedBytes, "\(value)")
      }
    }
  }

  @Test func boundaryBytesMatchParameter() {
    let values = [
      "multipart/mixed; boundary=abc", "multipart/mixed; BOUNDARY=\"a b\"", "multipart/mixed; boundary=\"a\\\"b\"",
      "multipart/mixed; boundary*0=ab; boundary*1=cd", "multipart/mixed; boundary*=utf-8''%41%42", "multipart/mixed",
      "multipart/mixed; boundary=é", "multipart/mixed; boundary=", "multipart/mixed; boundaryx=1; boundary=2",
      "multipart/mixed; boundary*0=x; boundary=y", "multipart/mixed;boundary = \"q\" ; boundary=r",
      "multipart/mixed; boundary=\u{FF}", "multipart/mixed; boundary=\"unterminated",
    ]
    for value in values {
      for raw in [Array(value.utf8), Array(value.utf8) + [0xFF]] {
        let type = ContentType(parsing: raw)
        #expect(type.boundaryBytes == type[parameter: "boundary"].map { Array($0.utf8) }, "\(value)")
        let sliced = ContentType(parsing: ([0x20, 0x20] + raw + [0x41])[2..<(raw.count + 2)])
        #expect(sliced == type)
        #expect(sliced.boundaryBytes == type.boundaryBytes)
      }
    }
    let given = ContentType(type: "multipart", subtype: "mixed", parameters: ["boundary": "zz"])
    #expect(given.boundaryBytes == Array("zz".utf8))
  }
}

@Suite("MIME: name tables and type parsing match the plain ways")
struct MIMENameFastPathTests {
  static let labels = [
    "utf-8", "UTF-8", "Utf8", "\"utf-8\"", "'utf-8'", " utf-8 ", "utf-8*ja", "us-ascii", "US-ASCII", "iso-2022-jp",
    "ISO-2022-JP-2", "shift_jis", "x-mac-roman", "cp1252", "windows-1252", "", "unknown-8bit", "ansi_x3.4-1968",
    "utf-8x", "utf-", "é", "utf-8\u{FF}", "cswindows31j", "CSWINDOWS31J", "x-unicode-2-0-utf-7", "x-unicode-2-0-utf-8",
    String(repeating: "a", count: 70), "gb_2312-80", "gb_2312-8O",
  ]

  @Test func knownCanonicalNameMatchesCanonicalName() {
    for label in Self.labels {
      let bytes = Array(label.utf8)[...]
      if let known = Charset.knownCanonicalName(bytes) {
        #expect(known == Charset.canonicalName(label), "\(label)")
      }
    }
    #expect(Charset.knownCanonicalName(Array("UTF-8".utf8)[...]) == "utf-8")
    #expect(Charset.knownCanonicalName(Array("x-unknown".utf8)[...]) == "")
  }

  @Test func canonicalCharsetMatchesParameterPath() {
    for label in Self.labels {
      for value in ["text/plain; charset=\(label)", "text/plain; charset=\"\(label)\"", "text/plain; CHARSET=\(label); charset=x",
        "text/plain; charset*0=\(label)", "text/plain", "text/plain; charset*=utf-8''\(label)", "text/plain; charsets=x",
        "text/plain; charset*=x; charset=\(label)", "text/plain; charset_x*=y", "text/plain; name=\"a; charset=b\""]
      {
        let type = ContentType(parsing: Array(value.utf8))
        #expect(type.canonicalCharset == (type[parameter: "charset"].map(Charset.canonicalName) ?? ""), "\(value)")
      }
    }
  }

  @Test func packedNamesMatchNameTable() {
    let names = ["text", "multipart", "message", "application", "delivery-status", "global-delivery-status", "x-delivery-status", "a", "text", "zz", "b"]
    let packed = PackedNames(names)
    let table = NameTable(names)
    let probes = names + names.map { $0.uppercased() } + [
      "", "tex", "texts", "Delivery-Status", "delivery-statu", "delivery-statusx", "global-delivery-STATUS",
      "global-delivery-statuz", "x-delivery-status\u{0}", "é", "A", "text\u{0}", "multipar\u{0}", "ZZ", "B", "c",
      String(repeating: "x", count: 40),
    ]
    for probe in probes {
      let bytes = Array(probe.utf8)
      let fast = bytes.withUnsafeBufferPointer { packed.index(of: $0) }
      #expect(fast == table.index(of: bytes), "\(probe)")
      #expect(packed.lowercased(bytes[...]) == table.lowercased(bytes), "\(probe)")
    }
  }

  /// `ContentType(parsing:)` as it was written on array slices.
  static func referenceNames(_ raw: [UInt8]) -> (String, String, String, Int) {
    var i = 0
    let n = raw.count
    while i < n, ASCII.isSpace(raw[i]) { i += 1 }
    var typeEnd = i
    while typeEnd < n, raw[typeEnd] != ASCII.semicolon { typeEnd += 1 }
    if let slash = raw[i..<typeEnd].firstIndex(of: 0x2F) {
      var j = slash + 1
      while j < typeEnd, ASCII.isSpace(raw[j]) { j += 1 }
      while j < typeEnd, !ASCII.isWhitespace(raw[j]) { j += 1 }
      if j < typeEnd, raw[j..<typeEnd].contains(ASCII.equals) { typeEnd = j }
    }
    let mime = raw[i..<typeEnd].trimmingWhitespace()
    let typeBytes: ArraySlice<UInt8>
    let subtypeBytes: ArraySlice<UInt8>
    if let slash = mime.firstIndex(of: 0x2F) {
      typeBytes = mime[..<slash].trimmingWhitespace()
      subtypeBytes = mime[(slash + 1)...].trimmingWhitespace()
    } else {
      typeBytes = mime
      subtypeBytes = []
    }
    let t = String(asciiLowercasing: typeBytes)
    let s = String(asciiLowercasing: subtypeBytes)
    return (t, s, t + "/" + s, typeEnd)
  }

  @Test func typeParsingMatchesReference() {
    let values = [
      "text/plain", " Text / Plain ; charset=x", "text/plain charset=\"x\"", "text/plain charset", "multipart/report;",
      "TEXT", "", " ", "/", "a/", "/b", "a/b/c", "text/\nplain", "\ttext\t/\thtml\t", "text/plain x=1; y=2",
      "message/delivery-status", "MESSAGE/GLOBAL-DELIVERY-STATUS", "text/plain;charset=utf-8", "x-custom/odd thing=1",
      "text/plain \r\n charset=x", "é/ü", "application/octet-stream; name=\"a/b\"", ";text/plain", "text/plain\u{0}",
    ]
    for value in values {
      let raw = Array(value.utf8)
      let type = ContentType(parsing: raw)
      let expected = Self.referenceNames(raw)
      #expect(type.type == expected.0 && type.subtype == expected.1 && type.mimeType == expected.2, "\(value)")
      #expect(type.parameters == ContentType.parseParameters(raw[...], from: expected.3), "\(value)")
    }
  }

  /// `MIMEParser.delimiterKind` on checked indices, one byte at a time.
  static func referenceDelimiter(_ line: [UInt8], boundary: [UInt8]) -> MIMEParser.Delimiter? {
    var i = 0
    while i < line.count, ASCII.isSpace(line[i]) { i += 1 }
    guard line.count - i >= boundary.count + 2, line[i] == ASCII.hyphen, line[i + 1] == ASCII.hyphen else { return nil }
    i += 2
    for b in boundary {
      if line[i] != b { return nil }
      i += 1
    }
    var kind = MIMEParser.Delimiter.open
    if line.count - i >= 2, line[i] == ASCII.hyphen, line[i + 1] == ASCII.hyphen {
      kind = .close
      i += 2
    }
    while i < line.count {
      if !ASCII.isWhitespace(line[i]) { return nil }
      i += 1
    }
    return kind
  }

  @Test func delimiterKindMatchesReference() {
    let boundaries = ["", "b", "0123456", "01234567", "012345678", "=_NextPart_000_0001_01D2A3B4.C5D6E7F0", "é-é"]
    for boundary in boundaries {
      let b = Array(boundary.utf8)
      var lines: [[UInt8]] = []
      for prefix in ["", " ", "\t ", "-", "--", "---"] {
        for suffix in ["", "--", "-", "--x", " ", "\t--", "\r", "x"] {
          lines.append(Array((prefix + boundary + suffix).utf8))
          if !b.isEmpty {
            for k in 0..<b.count {
              var changed = Array((prefix + boundary + suffix).utf8)
              changed[prefix.utf8.count + k] ^= 0x01
              lines.append(changed)
            }
            lines.append(Array((prefix + boundary.dropLast() + suffix).utf8))
          }
        }
      }
      for line in lines {
        #expect(MIMEParser.delimiterKind(line[...], boundary: b) == Self.referenceDelimiter(line, boundary: b), "\(line)")
        let offset = ([0x41, 0x42] + line)[2...]
        #expect(MIMEParser.delimiterKind(offset, boundary: b) == Self.referenceDelimiter(line, boundary: b))
      }
    }
  }
}

@Suite("MIME: boundary guessing collects declared boundaries only when needed")
struct GuessBoundaryFastPathTests {
  /// `guessBoundary(_:excludingDeclared: true)` with the declared boundaries collected first.
  static func reference(_ body: ArraySlice<UInt8>) -> [UInt8]? {
    let declared = MIMEParser.declaredBoundaries(body)
    var i = body.startIndex
    var previous: [UInt8]? = nil
    while i < body.endIndex {
      let lineEnd = body.firstLineBreak(from: i)
      if let token = previous, body[i..<lineEnd].hasPrefixIgnoringCase("content-"), !declared.contains(token) { return token }
      previous = nil
      let line = body[i..<lineEnd].trimmingWhitespace()
      if line.count > 3, line.count <= 200, line[line.startIndex] == ASCII.hyphen, line[line.startIndex + 1] == ASCII.hyphen,
        !line.contains(ASCII.space)
      {
        var token = Array(line.dropFirst(2))
        if token.count > 2, token.suffix(2) == [ASCII.hyphen, ASCII.hyphen] { token.removeLast(2) }
        previous = token
      }
      i = lineEnd + 1
    }
    return nil
  }

  @Test func lazyDeclaredMatchesEager() {
    let bodies = [
      "", "text only\n", "--abc\nContent-Type: text/plain\n\nx\n--abc--\n",
      "Content-Type: multipart/mixed; boundary=\"abc\"\n\n--abc\nContent-Type: text/plain\n\nx\n--def\nContent-Type: text/plain\n",
      "--abc\ncontent-type: x\n boundary=abc\n", "  --abc--  \nCONTENT-TYPE: x\n", "--a b\nContent-Type: x\n",
      "boundary=q\n--q\nContent-Type: a\n--r\nContent-Type: b\n", "--q\nno\n--q\nContent-x\n", "--\nContent-Type: x\n",
      "boundary=\"x\"; boundary=y\n--x\nContent-Type: 1\n--y\nContent-Type: 2\n--z\nContent-Type: 3\n",
    ]
    for body in bodies {
      let bytes = Array(body.utf8)[...]
      #expect(MIMEParser.guessBoundary(bytes, excludingDeclared: true) == Self.reference(bytes), "\(body)")
    }
  }
}

@Suite("Charset: the ASCII shortcut gives what validation gives")
struct CharsetFastPathTests {
  @Test func isASCIIMatchesByteTest() {
    for text in MIMEFastPathTests.texts {
      for cut in [0, 1, 7, 15, 16, 17, 33] where cut <= text.count {
        let slice = text[cut...]
        #expect(Charset.isASCII(slice) == !slice.contains { $0 >= 0x80 })
      }
    }
    var bytes = [UInt8](repeating: 0x41, count: 40)
    for k in 0..<40 {
      bytes[k] = 0x80
      #expect(!Charset.isASCII(bytes[...]))
      bytes[k] = 0x7F
      #expect(Charset.isASCII(bytes[...]))
    }
  }

  @Test func utf8DecodingMatchesValidatingInitializer() {
    let samples = ["", "plain ascii\r\n", "escape \u{1B}$B in ascii", "日本語のテキスト", "caf\u{E9}", String(repeating: "x", count: 100)]
    for sample in samples {
      let bytes = Array(sample.utf8)[...]
      #expect(Charset.decode(bytes, label: "utf-8") == sample)
      #expect(Charset.decode(bytes, label: "UTF-8") == (String(validating: bytes, as: UTF8.self) ?? "?"))
    }
  }
}

@Suite("Header: lower-cased text made in one step matches text.asciiLowercased")
struct LowercasedTextFastPathTests {
  @Test func asciiLowercasedTextMatches() {
    let values = [
      "<ABC.def@Example.COM>", "<abc@example.com>", "", "  <X@Y>  ", "<A@B>\n <C@D>", "=?UTF-8?B?QUJD?=", "<É@Ü.com>",
      "Mixed\tTab", "<a=b@c>", "<a=\n?b@c>", "ESC\u{1B}X", String(repeating: "AbC", count: 30), "@[\\]^_`{|}~AZaz09",
    ]
    for value in values {
      let bytes = Array(("Message-ID: " + value + "\nX: y\n\n").utf8)
      let header = MessageHeader.parse(bytes[...]).0
      guard let field = header.field("message-id") else { continue }
      #expect(field.asciiLowercasedText == field.text.asciiLowercased, "\(value)")
    }
  }
}

@Suite("Header: the subscript reads the same text as field(_:)?.text")
struct HeaderSubscriptFastPathTests {
  @Test func subscriptMatchesField() {
    let text = "Subject: =?UTF-8?B?5pel5pys?= and more\nX-Long-Field-Name-Here: one\nx-long-field-name-here: two\n"
      + "Received: a\n\tb\nTo: <a@b>\nFrom: A\u{1B}B\nEmpty:\n\nbody\n"
    let header = MessageHeader.parse(Array(text.utf8)[...]).0
    for name in ["subject", "x-long-field-name-here", "received", "to", "from", "empty", "absent", "x-long-field-name-herf", ""] {
      #expect(header[name] == header.field(name)?.text, "\(name)")
      #expect(header.texts(name) == header.all(name).map(\.text), "\(name)")
    }
  }
}

@Suite("Byte loops without overflow checks give the byte-by-byte answers")
struct WordLoopTests {
  @Test func isASCIIWithoutEscapesMatchesByteTest() {
    for text in MIMEFastPathTests.texts + [Array("a\u{1B}b".utf8), [UInt8](repeating: 0x41, count: 24) + [0x1B]] {
      for cut in [0, 1, 7, 8, 9, 15, 16, 17] where cut <= text.count {
        let slice = text[cut...]
        #expect(Charset.isASCIIWithoutEscapes(slice) == !slice.contains { $0 >= 0x80 || $0 == ASCII.escape })
      }
    }
  }

  @Test func plainTextMatchesUnfolding() {
    for length in 0..<40 {
      for special in ["", "\n ", "\t", "\u{1B}", "é", "=?", " "] {
        for at in [0, length / 2, length] {
          var value = String(repeating: "v", count: length)
          value.insert(contentsOf: special, at: value.index(value.startIndex, offsetBy: at))
          let raw = Array(value.utf8)[...]
          let unfolded = HeaderField.unfold(raw)
          if let plain = HeaderField.plainText(raw) {
            #expect(Array(plain.utf8) == unfolded, "\(value)")
            #expect(!unfolded.contains { $0 >= 0x80 || $0 == ASCII.escape })
          } else {
            #expect(unfolded.contains { $0 >= 0x80 || $0 == ASCII.escape } || value.contains("=?"), "\(value)")
          }
        }
      }
    }
  }

  @Test func fieldNamesFoundAtEveryLength() {
    for length in 1..<30 {
      let name = String(repeating: "N", count: length)
      for rest in [": v", " : v", "é: v", ":v"] {
        let header = MessageHeader.parse(Array((name + rest + "\n\nbody").utf8)[...]).0
        let found = header.field(name.lowercased())
        #expect((found != nil) == !rest.hasPrefix("é"), "\(name)\(rest)")
      }
    }
  }
}

@Suite("Content-Type parameters read through a pointer match the slice reading")
struct ParameterScanTests {
  /// `ContentType.forEachParameter` as it was written on array slices, collecting its pairs.
  static func referencePairs(_ raw: ArraySlice<UInt8>, from start: Int) -> [([UInt8], [UInt8])] {
    var pairs: [([UInt8], [UInt8])] = []
    func body(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) { pairs.append((Array(a), Array(b))) }
    var i = start
    let n = raw.endIndex
    while i < n {
      // Skip separators.
      while i < n, raw[i] == ASCII.semicolon || ASCII.isWhitespace(raw[i]) { i += 1 }
      guard i < n else { break }
      var nameEnd = i
      while nameEnd < n, raw[nameEnd] != ASCII.equals, raw[nameEnd] != ASCII.semicolon { nameEnd += 1 }
      let name = raw[i..<nameEnd].trimmingWhitespace()
      guard nameEnd < n, raw[nameEnd] == ASCII.equals else {
        i = nameEnd
        continue
      }
      var j = nameEnd + 1
      while j < n, ASCII.isSpace(raw[j]) { j += 1 }
      let value: ArraySlice<UInt8>
      if j < n, raw[j] == ASCII.quote {
        j += 1
        let valueStart = j
        while j < n, raw[j] != ASCII.quote, raw[j] != ASCII.backslash { j += 1 }
        if j < n, raw[j] == ASCII.backslash {
          // Copied at once up to the escape, then byte by byte.
          var unescaped = Array(raw[valueStart..<j])
          while j < n, raw[j] != ASCII.quote {
            if raw[j] == ASCII.backslash, j + 1 < n { j += 1 }
            unescaped.append(raw[j])
            j += 1
          }
          value = unescaped[...]
        } else {
          value = raw[valueStart..<j]
        }
        j += 1
      } else {
        let vs = j
        while j < n, raw[j] != ASCII.semicolon { j += 1 }
        value = raw[vs..<j].trimmingWhitespace()
      }
      i = j
      body(name, value)
    }
    return pairs
  }

  @Test func parametersMatchReference() {
    let values = [
      "text/plain; charset=utf-8", "a/b;charset=\"x\";  name = y ;", "a/b; q=\"a\\\"b\\\\c\"; r=\"unterminated",
      "a/b; =x; y; z=; ;;", "a/b; boundary=\"----=_Part_1\"\n\tcharset=us-ascii", "a/b; n*0=\"x\"; n*1=y",
      "a/b;\tt=1\r\n\tu=2", "", ";", "a/b; v=é", "a/b; w=\"\\", "a/b; x=\"a\\", "a/b; y = \" spaced \" ; z",
    ]
    for value in values {
      let raw = Array(value.utf8)
      for offset in [0, 3] {
        let slice = (Array(repeating: 0x41, count: offset) + raw)[offset...]
        for start in [slice.startIndex, min(slice.endIndex, slice.startIndex + 3)] {
          var pairs: [([UInt8], [UInt8])] = []
          ContentType.forEachParameter(slice, from: start) { pairs.append((Array($0), Array($1))) }
          let expected = Self.referencePairs(slice, from: start)
          #expect(pairs.map(\.0) == expected.map(\.0) && pairs.map(\.1) == expected.map(\.1), "\(value) from \(start)")
        }
      }
    }
  }
}
