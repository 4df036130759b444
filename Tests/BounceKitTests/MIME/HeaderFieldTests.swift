import Testing

@testable import BounceKit

@Suite("Header fields: names as bytes, values unfolded in words")
struct HeaderFieldTests {
  /// The plain definition of unfolding, byte by byte.
  private func referenceUnfold(_ raw: [UInt8]) -> [UInt8] {
    var out = raw.filter { $0 != ASCII.lf && $0 != ASCII.cr }.map { $0 == ASCII.tab ? ASCII.space : $0 }
    while let last = out.last, ASCII.isSpace(last) { out.removeLast() }
    return out
  }

  /// Values drawn from bytes that matter here: folds, tabs, CR, `=?`, ESC, 8-bit bytes.
  private func values() -> [[UInt8]] {
    let alphabet: [UInt8] = Array("ab =?Q_\t\r\n".utf8) + [0x1B, 0xE3, 0x81, 0x82, 0x7F, 0x00]
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    var out: [[UInt8]] = []
    for length in 0..<80 {
      for _ in 0..<12 {
        var bytes: [UInt8] = []
        for _ in 0..<length {
          seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          let r = Int(seed >> 33)
          // Mostly plain letters, so that whole words of eight plain bytes occur.
          bytes.append(r % 4 == 0 ? alphabet[(r >> 2) % alphabet.count] : UInt8(0x61 + (r >> 2) % 26))
        }
        out.append(bytes)
      }
    }
    return out
  }

  @Test func unfoldingMatchesTheDefinition() {
    for value in values() {
      #expect(HeaderField.unfold(value[...]) == referenceUnfold(value), "\(value)")
    }
  }

  @Test func textMatchesDecodingTheUnfoldedValue() {
    for value in values() {
      let fast = HeaderField.plainText(value[...]) ?? EncodedWords.decode(HeaderField.unfold(value[...]))
      #expect(fast == EncodedWords.decode(referenceUnfold(value)), "\(value)")
    }
  }

  @Test func lookupsIgnoreTheCaseOfTheNameOnly() {
    let text = "Content-Type: text/plain\nX-A-Very-Long-Header-Name: 1\nX-A-Very-Long-Header-Nama: 2\nTO : b\nSubject: s\n\nbody"
    let header = MessageHeader.parse(Array(text.utf8)[...]).0
    #expect(header.field("content-type")?.text == "text/plain")
    #expect(header.field("x-a-very-long-header-nama")?.text == "2")
    #expect(header.field("x-a-very-long-header-name")?.text == "1")
    #expect(header.field("to")?.text == "b")
    #expect(header.field("Content-Type") == nil)
    #expect(header.field("content-typ") == nil)
    #expect(header.fields.map(\.name) == ["content-type", "x-a-very-long-header-name", "x-a-very-long-header-nama", "to", "subject"])
    #expect(header.all("subject").count == 1)
  }
}
