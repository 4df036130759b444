import Foundation
import Testing

@testable import BounceKit

@Suite("Input: files, folders, mbox, line endings")
struct InputTests {
  private func split(_ text: String, blockSize: Int) -> [String] {
    var splitter = MboxSplitter(maxMessageBytes: 1 << 20)
    var out: [String] = []
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
      let end = min(bytes.count, i + blockSize)
      bytes[i..<end].withUnsafeBufferPointer { splitter.feed($0) { m, _ in out.append(String(decoding: m, as: UTF8.self)) } }
      i = end
    }
    splitter.finish { m, _ in out.append(String(decoding: m, as: UTF8.self)) }
    return out
  }

  @Test(arguments: [1, 3, 7, 64, 4096])
  func mboxSplitsAndUnescapes(blockSize: Int) {
    let mbox = """
      From a@example.com Thu Jan  1 00:00:00 2026
      Subject: one

      >From the body
      >>From twice

      From b@example.com Thu Jan  1 00:00:01 2026
      Subject: two

      From here on, unescaped prose without a time.

      """
    let messages = split(mbox, blockSize: blockSize)
    #expect(messages.count == 2)
    #expect(messages[0] == "Subject: one\n\nFrom the body\n>From twice\n")
    #expect(messages[1].hasSuffix("From here on, unescaped prose without a time.\n"))
  }

  @Test func messageFileWithASecondMessageUnderASeparator() {
    let text = "Subject: notice\n\nSee below.\n-----\nFrom MAILER-DAEMON  Thu Apr 29 23:34:45 2015\nReturn-Path: <>\nSubject: bounce\n\nbody\n"
    let messages = split(text, blockSize: 5)
    #expect(messages.count == 2)
    #expect(messages[1].hasPrefix("Return-Path: <>"))
    // Without an mbox envelope at the start, quoting is left alone.
    #expect(split("Subject: x\n\n>From me\n", blockSize: 4) == ["Subject: x\n\n>From me\n"])
  }

  @Test(arguments: [1, 2, 5, 1024])
  func lineEndingNormaliser(blockSize: Int) {
    let input = Array("a\r\nb\rc\n\r\r\nd\r".utf8)
    var out: [UInt8] = []
    var normalizer = LineEndingNormalizer()
    var i = 0
    while i < input.count {
      let end = min(input.count, i + blockSize)
      input[i..<end].withUnsafeBufferPointer { normalizer.normalize($0, into: &out) }
      i = end
    }
    normalizer.finish(into: &out)
    #expect(String(decoding: out, as: UTF8.self) == "a\nb\nc\n\n\nd\n")
  }

  @Test func oversizedMessageIsTruncatedNotLost() {
    var splitter = MboxSplitter(maxMessageBytes: 64)
    var out: [([UInt8], Bool)] = []
    let text = "From x Thu Jan  1 00:00:00 2026\n" + String(repeating: "line of text\n", count: 100)
      + "\nFrom y Thu Jan  1 00:00:00 2026\nSubject: small\n"
    Array(text.utf8).withUnsafeBufferPointer { splitter.feed($0) { out.append(($0, $1)) } }
    splitter.finish { out.append(($0, $1)) }
    #expect(out.count == 2)
    #expect(out[0].1 == true && out[0].0.count <= 64)
    // What is kept is a true prefix of the message, with no gap (lines are appended in runs).
    #expect(out[0].0 == Array(String(repeating: "line of text\n", count: 100).utf8.prefix(64)))
    #expect(out[1].1 == false)
  }

  @Test func folderWalkMaildirAndFailures() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bouncekit-input-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    for sub in ["maildir/cur", "maildir/new", "maildir/tmp", "plain"] {
      try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    try Data("Subject: cur\n\n".utf8).write(to: dir.appendingPathComponent("maildir/cur/1:2,S"))
    try Data("Subject: new\n\n".utf8).write(to: dir.appendingPathComponent("maildir/new/2"))
    try Data("Subject: tmp\n\n".utf8).write(to: dir.appendingPathComponent("maildir/tmp/3"))
    try Data("".utf8).write(to: dir.appendingPathComponent("maildir/dovecot-uidlist"))
    try Data("Subject: plain\r\n\r\n".utf8).write(to: dir.appendingPathComponent("plain/a.eml"))
    try Data().write(to: dir.appendingPathComponent("plain/empty.eml"))
    try fm.createSymbolicLink(at: dir.appendingPathComponent("plain/loop"), withDestinationURL: dir)

    var subjects: [String] = []
    var failures: [String] = []
    for item in MessageInput(paths: [dir.path, dir.appendingPathComponent("missing").path]) {
      switch item {
      case .message(let m): subjects.append(String(decoding: m.bytes, as: UTF8.self))
      case .failure(let f): failures.append(f.reason)
      }
    }
    #expect(subjects == ["Subject: cur\n\n", "Subject: new\n\n", "Subject: plain\n\n"])
    #expect(failures.count == 3)
    #expect(failures.contains { $0.hasPrefix("empty file") })
    #expect(failures.contains { $0.contains("loop") })
    #expect(failures.contains("no such file or folder"))
  }

  @Test func mboxFixture() throws {
    let path = FixtureSupport.root.appendingPathComponent("mbox/three-messages.mbox").path
    let results = try BounceAnalyzer().analyze(fileAtPath: path)
    #expect(results.count == 3)
    #expect(results.map(\.isBounce) == [true, false, true])
    #expect(results.map(\.index) == [0, 1, 2])
    #expect(results[0].recipients.count == 2)
  }

  @Test func unreadableAndEmptyFilesThrowClearly() throws {
    #expect(throws: BounceKitError.self) { try BounceAnalyzer().analyze(fileAtPath: "/nonexistent/bounce.eml") }
  }
}
