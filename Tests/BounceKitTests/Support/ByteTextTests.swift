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
}
