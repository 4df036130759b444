import Testing

@testable import BounceKit

/// `MboxSplitter.feed` lets lines that start with `F` or `>` but are no (quoted) `From ` line
/// join a run of ordinary lines; fed one byte at a time every line takes the line-by-line path,
/// so the two must give the same messages.
@Suite("Input: F and > lines in runs")
struct PlainLineRunTests {
  static let tricky = [
    "Final-Recipient: rfc822; a@example.jp", ">quoted", ">>From twice", ">From once", "From",
    "Fro", "F", ">", ">>", "From the body", "From x Thu Jan  1 00:00:00 2026", "Fo", ">Fro",
    "From:x", "Frommer", ">> From", "ordinary", "",
  ]

  static func inputs() -> [[UInt8]] {
    var out: [[UInt8]] = []
    for mbox in [true, false] {
      var text = mbox ? "From a@example.com Thu Jan  1 00:00:00 2026\n" : "Subject: x\n"
      for (k, a) in tricky.enumerated() {
        for b in tricky {
          text += a + "\n" + b + "\n"
          if k % 3 == 0 { text += "\n" }
        }
      }
      out.append(Array(text.utf8))
      out.append(Array((text + "Final").utf8))
    }
    return out
  }

  private func split(_ bytes: [UInt8], blockSize: Int, max: Int) -> [String] {
    var out: [String] = []
    var splitter = MboxSplitter(maxMessageBytes: max)
    var i = 0
    while i < bytes.count {
      let j = Swift.min(bytes.count, i + blockSize)
      bytes[i..<j].withUnsafeBufferPointer { block in
        splitter.feed(block) { m, t in out.append("\(t) " + String(decoding: m, as: UTF8.self)) }
      }
      i = j
    }
    splitter.finish { m, t in out.append("\(t) " + String(decoding: m, as: UTF8.self)) }
    return out
  }

  @Test(arguments: [1 << 20, 300])
  func wholeMatchesBytewise(max: Int) {
    for input in Self.inputs() {
      let reference = split(input, blockSize: 1, max: max)
      #expect(!reference.isEmpty)
      for blockSize in [16, 17, 4096, input.count] {
        #expect(split(input, blockSize: blockSize, max: max) == reference)
      }
    }
  }
}
