import Testing

@testable import BounceKit

/// The byte-level text helpers every stage leans on: they must agree with the character-level
/// operations they replace on ordinary text.
@Suite("Text on bytes")
struct ByteTextTests {
  @Test func prefixesAndSuffixesCompareBytes() {
    #expect("Delivery Status Notification (Failure)".hasBytePrefix("Delivery Status"))
    #expect(!"delivery status".hasBytePrefix("Delivery"))  // case matters
    #expect(!"ab".hasBytePrefix("abc"))
    #expect("x".hasBytePrefix(""))
    #expect("mx.example.jp.".hasByteSuffix("."))
    #expect("mail.example.com"[...].hasByteSuffix("example.com"))
    #expect(!"com".hasByteSuffix("x.com"))
    #expect("日本語のテキスト".hasBytePrefix("日本"))
  }

  /// `ByteScan.firstOf` against a plain scan, from every start, in texts long enough for the
  /// sixteen-at-a-time path, the bytes placed in both halves of a block and in the tail.
  @Test func firstOfAgreesWithAPlainScan() {
    for length in [0, 1, 15, 16, 17, 33, 50] {
      for place in [nil, 0, 7, 8, 15, 16, 31, length - 1] as [Int?] {
        var bytes = [UInt8](repeating: 0x78, count: length)
        if let place, place >= 0, place < length { bytes[place] = 0x35 }
        if length > 40 { bytes[40] = 0x34 }
        bytes.withUnsafeBufferPointer { b in
          for from in 0...length {
            let plain = (from..<length).first { b[$0] == 0x32 || b[$0] == 0x34 || b[$0] == 0x35 } ?? length
            #expect(ByteScan.firstOf(0x32, 0x34, 0x35, in: b, from: from) == plain)
            let two = (from..<length).first { b[$0] == 0x34 || b[$0] == 0x35 } ?? length
            #expect(ByteScan.firstOf(0x34, 0x35, in: b, from: from) == two)
          }
        }
      }
    }
  }

  /// The caseless search against a plain reference, at every offset of texts long enough for
  /// the sixteen-at-a-time path: needles near the end, in both halves of a block, in upper
  /// case, of one and two bytes, and bytes that differ from the needle's by the case bit only.
  @Test func caselessSearchAgreesWithAPlainScan() {
    func reference(_ needle: [UInt8], _ hay: [UInt8]) -> Int? {
      guard hay.count >= needle.count else { return nil }
      for i in 0...(hay.count - needle.count) where (0..<needle.count).allSatisfy({ ASCII.lower(hay[i + $0]) == needle[$0] }) {
        return i
      }
      return nil
    }
    let fillers = ["x", "@`", "Ab ", "the quick brown fox jumps over ", "受信拒否 "]
    let needles = ["a", "ab", "user unknown", "@`@", "quota", "受信"]
    for filler in fillers {
      for needle in needles {
        let n = Array(needle.utf8).map(ASCII.lower)
        for length in [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100] {
          for insert in [nil, 0, length / 2, length] as [Int?] {
            var hay = Array(String(repeating: filler, count: length).utf8.prefix(length))
            if let insert { hay.insert(contentsOf: Array(needle.uppercased().utf8), at: min(insert, hay.count)) }
            let found = n.withUnsafeBufferPointer { np in hay.withUnsafeBufferPointer { CaselessSearch.search(np, in: $0) } }
            #expect(found == reference(n, hay), "\(needle) in \(filler)×\(length) at \(String(describing: insert))")
          }
        }
      }
    }
  }

  @Test func lastByteIndexFindsTheLastOccurrence() {
    let s = "a@b@example.com"
    #expect(s.lastByteIndex(of: ASCII.at).map { s[s.index(after: $0)...] } == "example.com")
    #expect("no at sign".lastByteIndex(of: ASCII.at) == nil)
    let sub = "x@y z@w"[...].dropLast(2)
    #expect(sub.lastByteIndex(of: ASCII.at).map { sub[$0...] } == "@y z")
  }

  /// Folding checks sixteen bytes at a time: runs of spaces, tabs and line breaks at any place
  /// of a long value, and values that need nothing.
  @Test func foldingWhitespaceOnLongValues() {
    let words = Array(repeating: "delivery", count: 12)
    let folded = words.joined(separator: " ")
    #expect(folded.foldingWhitespace == folded)
    for separator in ["  ", "\t", "\r\n", " \n "] {
      for position in [0, 3, 7, 10] {
        var parts = words
        var expected = words
        parts[position] += separator + "x"
        expected[position] += " x"
        #expect(parts.joined(separator: " ").foldingWhitespace == expected.joined(separator: " "))
      }
    }
    #expect(("  " + folded + "\n").foldingWhitespace == folded)
  }

  @Test func wordsSplitOnTheSeparatorByte() {
    #expect(TextLines.words("  a  bb c ", separator: ASCII.space) == ["a", "bb", "c"])
    #expect(TextLines.words("", separator: ASCII.space) == [])
    #expect(TextLines.words("one", separator: ASCII.space) == ["one"])
    #expect(TextLines.words("受信 拒否", separator: ASCII.space) == ["受信", "拒否"])
  }

  @Test func fieldNamesLowerCasedFromTheTableOrBuilt() {
    func lower(_ s: String) -> String { FieldNames.lowercased(Array(s.utf8)[...]) }
    #expect(lower("Content-Type") == "content-type")
    #expect(lower("FINAL-RECIPIENT") == "final-recipient")
    #expect(lower("X-Spam-Flag") == "x-spam-flag")
    #expect(lower("Content-Typo") == "content-typo")  // same length as a table name
    #expect(lower("") == "")
  }

  @Test func whitespaceFoldedInOnePass() {
    #expect("  a \t b\n\nc  ".foldingWhitespace == "a b c")
    #expect("already folded".foldingWhitespace == "already folded")
    #expect("\t".foldingWhitespace == "")
    var bytes = Array(" smtp;  550\t5.1.1 ".utf8)
    #expect(bytes.withUnsafeMutableBufferPointer { String(foldingWhitespaceIn: UnsafeBufferPointer($0)) } == "smtp; 550 5.1.1")
    #expect(String(asciiLowercasing: Array("MiXeD-Case é".utf8)[...]) == "mixed-case é")
  }

  /// Lines of a string and of a substring are cut alike, at every LF.
  @Test func linesOfStringsAndSubstringsAgree() {
    let texts = ["", "a", "\n", "a\nb", "a\r\nb\r\n", "\r\n\r\n", "x\ry\n", "日本\r\n語\n\nü", String(repeating: "line\n", count: 100)]
    for text in texts {
      // The LF cuts of the bytes, without a CR before the LF.
      let byLF = text.utf8.split(separator: ASCII.lf, omittingEmptySubsequences: false).map { line -> String in
        var s = String(decoding: line, as: UTF8.self)
        if s.utf8.last == ASCII.cr { s = String(decoding: s.utf8.dropLast(), as: UTF8.self) }
        return s
      }
      #expect(TextLines.split(text).map(String.init) == byLF, "\(text)")
      #expect(TextLines.split(("<" + text)[...].dropFirst()).map(String.init) == byLF, "\(text)")
    }
  }
}
