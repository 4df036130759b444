import Foundation
import Testing

@testable import BounceKit

@Suite("Input: the same messages whatever the blocks")
struct SplitEquivalenceTests {
  /// An mbox with blank lines before ordinary, `From`, `>From` and blank lines, envelope
  /// lines after a separator, CRLF in some messages only, and long messages.
  static let mbox: [UInt8] = {
    var text = ""
    for k in 0..<40 {
      text += "From sender\(k)@example.com Thu Jan  1 00:00:\(10 + k) 2026\n"
      text += "Subject: message \(k)\nTo: a@example.jp\n\n"
      for line in 0..<(k % 9 + 3) {
        text += "line \(line) of \(k) " + String(repeating: "x", count: (k * 37 + line * 11) % 90) + "\n"
        if line % 2 == 0 { text += "\n" }
        if line % 3 == 0 { text += "\n\nFrom the body, not an envelope\n>From quoted\n\n>>From twice\n" }
      }
      if k % 5 == 0 { text += "-----\nFrom MAILER-DAEMON  Thu Apr 29 23:34:45 2015\nReturn-Path: <>\n\nbody\n" }
      if k % 4 == 0 { text = text.replacingOccurrences(of: "line 1 of \(k)", with: "line 1\r\nof \(k)\r") }
      text += "\n"
    }
    return Array(text.utf8)
  }()

  private func messages(_ items: [InputItem]) -> [String] {
    items.map {
      switch $0 {
      case .message(let m): return "\(m.truncated) " + String(decoding: m.bytes, as: UTF8.self)
      case .failure(let f): return "failure \(f.reason)"
      }
    }
  }

  @Test(arguments: [1 << 20, 700])
  func fileReadingMatchesSmallBlocks(maxMessageBytes: Int) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bouncekit-split-\(UUID().uuidString).mbox").path
    try Data(Self.mbox).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reference = messages(MessageInput.items(in: Self.mbox, source: path, limits: InputLimits(maxMessageBytes: maxMessageBytes, blockSize: 1)))
    #expect(reference.count > 40)
    for blockSize in [4096, 5000, 1 << 16] {
      let limits = InputLimits(maxMessageBytes: maxMessageBytes, blockSize: blockSize)
      #expect(messages(Array(MessageInput(paths: [path], limits: limits))) == reference)
      #expect(messages(MessageInput.items(in: Self.mbox, source: path, limits: limits)) == reference)
    }
  }
}
