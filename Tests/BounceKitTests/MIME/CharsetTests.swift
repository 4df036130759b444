import Foundation
import Testing

@testable import BounceKit

@Suite("Charsets through ICU")
struct CharsetTests {
  private func decode(_ bytes: [UInt8], _ label: String?) -> String { Charset.decode(bytes[...], label: label) }

  @Test func japaneseEncodings() {
    #expect(decode([0x83, 0x65, 0x83, 0x58, 0x83, 0x67], "Shift_JIS") == "テスト")
    #expect(decode([0x87, 0x40], "windows-31j") == "①")  // CP932 extension
    #expect(decode([0x87, 0x40], "shift_jis") == "①")  // labelled Shift_JIS, written by Windows
    #expect(decode([0xA5, 0xC6, 0xA5, 0xB9, 0xA5, 0xC8], "EUC-JP") == "テスト")
    #expect(decode(Array("\u{1B}$B%F%9%H\u{1B}(B".utf8), "ISO-2022-JP") == "テスト")
    #expect(decode(Array("\u{1B}$B%F%9%H\u{1B}(B".utf8), "iso-2022-jp-2") == "テスト")
  }

  @Test func otherCharsets() {
    #expect(decode([0x63, 0x61, 0x66, 0xE9], "ISO-8859-1") == "café")
    #expect(decode([0xA4], "iso-8859-15") == "€")
    #expect(decode([0x80], "windows-1252") == "€")
    #expect(decode([0xC4, 0xE3, 0xBA, 0xC3], "gb2312") == "你好")
    #expect(decode([0xC4, 0xE3, 0x81, 0x30, 0x81, 0x30], "gb18030") == "你\u{80}")
    #expect(decode([0xA7, 0x41, 0xA6, 0x6E], "big5") == "你好")
    #expect(decode([0xBE, 0xC8, 0xB3, 0xE7], "euc-kr") == "안녕")
    #expect(decode([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "koi8-r") == "Привет")
    #expect(decode(Array("+MMYwuTDI-".utf8), "utf-7") == "テスト")
    #expect(decode([0xC9, 0xE5], "windows-1251") == "Йе")
  }

  @Test func invalidBytesBecomeReplacementCharacters() {
    #expect(decode([0x41, 0xFF, 0x42], "EUC-JP").contains("\u{FFFD}"))
    // Broken ISO-2022-JP escape: never a crash, text around survives.
    let broken = decode(Array("ok \u{1B}$B%F\u{1B}(".utf8), "ISO-2022-JP")
    #expect(broken.hasPrefix("ok "))
  }

  @Test func unknownOrMissingLabelsAreSniffed() {
    #expect(decode(Array("\u{1B}$B%F%9%H\u{1B}(B".utf8), nil) == "テスト")
    #expect(decode(Array("テスト".utf8), "x-nonsense-charset") == "テスト")
    #expect(decode([0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x82, 0xC5, 0x82, 0xB7], nil) == "テストです")
    #expect(decode([0xA5, 0xC6, 0xA5, 0xB9, 0xA5, 0xC8, 0xA4, 0xC7, 0xA4, 0xB9], "us-ascii") == "テストです")
    #expect(decode(Array(repeating: UInt8(ascii: "x"), count: 3), String(repeating: "a", count: 1_000_000)) == "xxx")
  }

  @Test func mislabelledUTF8() {
    #expect(decode(Array("テスト".utf8), "iso-2022-jp") == "テスト")
  }

  @Test("Japanese notices decode in every charset", arguments: [
    "charset/shift-jis-notice.eml", "charset/euc-jp-notice.eml", "charset/iso-2022-jp-notice.eml",
  ])
  func japaneseBodies(_ fixture: String) throws {
    let mail = ParsedMail(bytes: try FixtureSupport.bytes(fixture))
    #expect(mail.bodyText.contains("宛先のメールボックスが一杯のため"))
    #expect(!mail.bodyText.contains("\u{FFFD}"))
  }

  @Test func cp932ExtensionInShiftJISNotice() throws {
    let mail = ParsedMail(bytes: try FixtureSupport.bytes("charset/shift-jis-notice.eml"))
    #expect(mail.bodyText.contains("①番"))
  }

  @Test func labelsAreTrimmedAndResolvedByTable() {
    #expect(Charset.canonicalName(" \"UTF8\" ") == "utf-8")
    #expect(Charset.canonicalName("utf-8*ja") == "utf-8")
    #expect(Charset.canonicalName("'Shift-JIS'") == "windows-31j")
    #expect(Charset.canonicalName("US-ASCII") == "")
    #expect(Charset.canonicalName("CP1252") == "windows-1252")
    #expect(Charset.canonicalName("x-mac-roman") == "macroman")
    #expect(Charset.canonicalName("koi8-r") == "koi8-r")
    #expect(Charset.canonicalName(String(repeating: "x", count: 65)) == "")
  }

  @Test func asciiTestFindsEscapesAndHighBytesAtEveryPosition() {
    for length in [0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 31, 33] {
      let plain = [UInt8](repeating: 0x61, count: length)
      #expect(Charset.isASCIIWithoutEscapes(plain[...]))
      for position in 0..<length {
        for odd: UInt8 in [0x1B, 0x80, 0xFF] {
          var bytes = plain
          bytes[position] = odd
          #expect(!Charset.isASCIIWithoutEscapes(bytes[...]))
        }
      }
    }
  }

  @Test func latin1BecomesTwoByteUTF8() {
    #expect(Charset.latin1([0x41, 0xE9, 0xFF, 0xA0][...]) == "Aé\u{FF}\u{A0}")
  }

  /// ISO-2022-JP hands ICU only the span between the first escape and the last `ESC ( B`:
  /// the text must be what ICU makes of the whole, for well-formed and broken input alike.
  @Test func iso2022SpanDecodesLikeICUOnTheWhole() {
    let pieces: [[UInt8]] = [
      Array("ab ".utf8), [0x0A], [0x0D, 0x0A], [0x1B, 0x24, 0x42], [0x1B, 0x28, 0x42], [0x1B, 0x28, 0x4A],
      [0x1B, 0x24, 0x40], [0x25, 0x46], [0x25], [0x1B], [0x1B, 0x28], [0x1B, 0x24, 0x28, 0x44], [0x1B, 0x2E, 0x41],
      [0x1B, 0x4E, 0x41], [0x0E], [0x0F], [0x00], [0x5C, 0x7E], [0x80], [0xA4, 0xA2], [0x1B, 0x28, 0x49],
    ]
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
    for round in 0..<3000 {
      var bytes: [UInt8] = []
      for _ in 0..<next(12) { bytes += pieces[next(pieces.count)] }
      // Every other input ends in ASCII after `ESC ( B`, the shape the span is cut to.
      if round % 2 == 0 { bytes += [0x1B, 0x28, 0x42] + Array("tail\n".utf8) }
      for name in ["ISO-2022-JP", "ISO-2022-JP-2"] {
        let whole = Charset.icu(Charset.cleanedISO2022(bytes[...])[...], name: name) ?? Charset.latin1(bytes[...])
        #expect(Charset.iso2022(bytes[...], name: name) == whole, "\(bytes) in \(name)")
      }
    }
  }
}
