import Testing

@testable import BounceKit

@Suite("Headers and encoded words")
struct HeaderTests {
  private func header(_ text: String) -> (MessageHeader, Int) {
    let bytes = Array(text.utf8)
    return MessageHeader.parse(bytes[...])
  }

  @Test func foldedRepeatedAndAnyCase() {
    let (h, bodyStart) = header("Received: from a\n\tby b\nreceived: from c\nSUBJECT: Hello\n  world\n\nbody\n")
    #expect(h.all("received").count == 2)
    #expect(h["subject"] == "Hello  world")  // unfolding removes the line break only
    #expect(h["received"] == "from a by b")
    #expect(bodyStart == Array("Received: from a\n\tby b\nreceived: from c\nSUBJECT: Hello\n  world\n\n".utf8).count)
  }

  @Test func textWithoutHeaderIsAllBody() {
    let (h, bodyStart) = header("550 5.1.1 <a@example.jp>: Recipient address rejected: User unknown\n")
    #expect(h.fields.isEmpty)
    #expect(bodyStart == 0)
  }

  @Test func spaceBeforeColonIsAccepted() {
    let (h, _) = header("Subject : spaced\n\n")
    #expect(h["subject"] == "spaced")
  }

  @Test func encodedWordsBAndQ() {
    #expect(EncodedWords.decode(Array("=?UTF-8?B?6YWN6YCB44Ko44Op44O8?=".utf8)) == "配送エラー")
    #expect(EncodedWords.decode(Array("=?iso-8859-1?q?caf=E9_cr=E8me?=".utf8)) == "café crème")
  }

  @Test func adjacentWordsJoinWithoutTheirWhitespace() {
    // One character split over two words must survive.
    let value = "=?UTF-8?Q?=E9=85=8D=E9=80?= =?UTF-8?Q?=81?= done"
    #expect(EncodedWords.decode(Array(value.utf8)) == "配送 done")
  }

  @Test func textAroundWordsIsKept() {
    #expect(EncodedWords.decode(Array("Re: =?UTF-8?B?44OG44K544OI?= (fwd)".utf8)) == "Re: テスト (fwd)")
  }

  @Test func misspelledAndAliasedCharsets() {
    #expect(EncodedWords.decode(Array("=?uft-8?B?44OG44K544OI?=".utf8)) == "テスト")
    #expect(EncodedWords.decode(Array("=?unicode-1-1-utf-7?Q?+MMYwuTDI-?=".utf8)) == "テスト")
    #expect(EncodedWords.decode(Array("=?x-sjis?B?g2WDWINn?=".utf8)) == "テスト")
  }

  @Test func malformedWordsStayAsText() {
    #expect(EncodedWords.decode(Array("=?UTF-8?X?abc?= and =?broken".utf8)) == "=?UTF-8?X?abc?= and =?broken")
  }

  @Test func rawEightBitHeaderIsSniffed() {
    let sjis: [UInt8] = [0x83, 0x65, 0x83, 0x58, 0x83, 0x67]  // テスト in Shift_JIS
    #expect(EncodedWords.decode(sjis) == "テスト")
  }

  @Test func contentTypeParameters() {
    let ct = ContentType(parsing: Array("Multipart/Report; report-type=delivery-status;\n\tboundary=\"a;b\\\"c\"".utf8))
    #expect(ct.mimeType == "multipart/report")
    #expect(ct[parameter: "boundary"] == "a;b\"c")
    #expect(ct[parameter: "report-type"] == "delivery-status")
    let continued = ContentType(parsing: Array("text/plain; name*0=\"part1\"; name*1=\"part2\"; title*=utf-8''%E3%83%86".utf8))
    #expect(continued[parameter: "name"] == "part1part2")
    #expect(continued[parameter: "title"] == "テ")
  }

  /// The word-at-a-time name scan gives what a byte-by-byte one gives: where it stops, the
  /// first space and the key, for names of every length with odd bytes at every offset.
  @Test func nameScanAgreesWithAByteLoop() {
    func reference(_ b: [UInt8], to: Int) -> (Int, Bool, Int, UInt64) {
      var i = 0
      var valid = true
      var firstSpace = -1
      var key: UInt64 = 0
      while i < to {
        let c = b[i]
        if c == 0x3A { break }
        if c < 0x21 || c > 0x7E {
          if c != 0x20 && c != 0x09 { valid = false; break }
          if firstSpace < 0 { firstSpace = i }
        } else if i < 7 {
          key |= UInt64(ASCII.lower(c)) << (8 * UInt64(i))
        }
        i += 1
      }
      return (i, valid, firstSpace, key)
    }
    let odd: [UInt8] = [0x3A, 0x20, 0x09, 0x00, 0x0A, 0x1F, 0x21, 0x40, 0x41, 0x5A, 0x5B, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
    for length in [0, 1, 6, 7, 8, 9, 15, 16, 17, 24] {
      for position in 0..<max(length, 1) {
        for b in odd {
          var bytes = (0..<length).map { UInt8(0x41 + ($0 * 7) % 58) }  // letters of both cases and [\\]^_`
          if position < length { bytes[position] = b }
          // A byte after the first odd one must not change the answer.
          if position + 3 < length { bytes[position + 3] = 0xFF }
          for to in Set([length, max(0, length - 2)]) {
            let expected = reference(bytes, to: to)
            let found = bytes.withUnsafeBufferPointer { HeaderName.scanName($0, from: 0, to: to) }
            #expect(found.stop == expected.0 && found.valid == expected.1 && found.firstSpace == expected.2 && found.keyBytes == expected.3,
                    "\(bytes) to \(to)")
          }
        }
      }
    }
  }

  @Test func longAndMixedCaseNamesAreFound() {
    let (h, _) = header("X-Very-Long-Header-Name-Here: one\nx-very-long-header-name-herf: two\nAB : three\nX-Q\u{7F}: no\n\n")
    #expect(h["x-very-long-header-name-here"] == "one")
    #expect(h["x-very-long-header-name-herf"] == "two")
    #expect(h["ab"] == "three")
    #expect(h.fields.count == 3)
  }

  /// Unfolding word by word gives what a byte loop gives, with folds, tabs, ESC and non-ASCII
  /// bytes at every offset of a word.
  @Test func unfoldingAgreesWithAByteLoop() {
    func reference(_ raw: [UInt8]) -> [UInt8] {
      var out = raw.filter { $0 != 0x0A && $0 != 0x0D }.map { $0 == 0x09 ? 0x20 : $0 }
      while let last = out.last, last == 0x20 { out.removeLast() }
      return out
    }
    let odd: [[UInt8]] = [[0x0A, 0x09], [0x0A, 0x20, 0x20], [0x0D, 0x0A, 0x09], [0x09], [0x1B], [0xC3, 0xA9], [0x80], [0x00], [0x3D], [0x20]]
    for length in [0, 1, 7, 8, 9, 15, 16, 17, 30] {
      for position in 0..<max(length, 1) {
        for piece in odd {
          var raw = (0..<length).map { UInt8(0x61 + $0 % 26) }
          if position < length { raw.insert(contentsOf: piece, at: position) }
          let expected = reference(raw)
          #expect(HeaderField.unfold(raw[...]) == expected, "\(raw)")
          let plain = expected.allSatisfy { $0 < 0x80 && $0 != 0x1B } ? String(decoding: expected, as: UTF8.self) : nil
          #expect(HeaderField.plainText(raw[...]) == plain, "\(raw)")
        }
      }
    }
  }
}
