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
}
