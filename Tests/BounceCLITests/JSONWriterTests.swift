import Testing

@testable import BounceCLI

@Suite("JSON writer: numbers, literals and plain strings")
struct JSONWriterTests {
  @Test func numbersAreWrittenAsSwiftPrintsThem() {
    for n in [0, 7, 10, 550, -1, -42, 1_000_000, Int.max, Int.min] {
      var w = JSONObjectWriter()
      w.field("n", n)
      #expect(String(decoding: w.finish(), as: UTF8.self) == "{\"n\":\(n)}")
    }
    var w = JSONObjectWriter()
    w.field("a", nil as Int?)
    w.field("b", true)
    w.field("c", false)
    w.field("d", nil as String?)
    #expect(String(decoding: w.finish(), as: UTF8.self) == "{\"a\":null,\"b\":true,\"c\":false,\"d\":null}")
  }

  @Test func stringsNeedingEscapesAreFoundInEveryPosition() {
    // Each special byte at every offset of a long value, so that the eight-byte test meets it
    // in every lane and in the tail.
    for special in ["\"", "\\", "\n", "\u{7F}", "\u{1F}", "\u{85}", "\u{202E}", "é"] {
      for offset in 0..<20 {
        let value = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 19 - offset)
        var expected: [UInt8] = []
        JSONObjectWriter.appendString(value, to: &expected)
        var escaped = false
        for b in expected.dropFirst().dropLast() where b == 0x5C { escaped = true }
        let needsEscape = special != "é"
        #expect(escaped == needsEscape, "\(offset) \(special.unicodeScalars.first!.value)")
      }
    }
  }

  /// The writer grows its room as it goes: rows appended after earlier bytes, long values and
  /// escaped values between plain ones all come out as one array of the exact bytes.
  @Test func rowsAppendAcrossGrowthWithExactBytes() {
    var out: [UInt8] = Array("prefix\n".utf8)
    var expected = "prefix\n"
    for row in 0..<5 {
      let long = String(repeating: "x", count: 700 * row)
      var w = JSONObjectWriter(appendingTo: &out)
      w.field("kind", "recipient")
      w.field("long", long)
      w.field("quoted", "say \"hi\"\n")
      w.field("n", -row)
      w.field("none", nil as String?)
      w.field("list", ["a", "b\\c"])
      w.field("ok", row % 2 == 0)
      out = w.finish()
      out.append(0x0A)
      expected += "{\"kind\":\"recipient\",\"long\":\"\(long)\",\"quoted\":\"say \\\"hi\\\"\\n\",\"n\":\(-row),"
        + "\"none\":null,\"list\":[\"a\",\"b\\\\c\"],\"ok\":\(row % 2 == 0)}\n"
    }
    #expect(String(decoding: out, as: UTF8.self) == expected)
  }
}
