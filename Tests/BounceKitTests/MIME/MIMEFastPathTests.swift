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
