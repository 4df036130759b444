import Foundation
import Testing

@testable import BounceKit

/// Broken, hostile and absurd input: each case gives a result or a clear error, quickly.
/// Large inputs are generated here, never stored.
@Suite("Malformed input")
struct MalformedInputTests {
  let analyzer = BounceAnalyzer()

  @Test func aWellFormedBaseline() {
    let result = analyzer.analyze(message: Array(Hostile.dsn().utf8))
    #expect(result.isBounce)
    #expect(result.recipients.first?.recipient == "taro@recipient.example.com")
    #expect(result.warnings.isEmpty)
  }

  @Test func truncatedAtEveryFewBytes() {
    let whole = Array(Hostile.dsn(recipients: ["a@example.com", "b@example.org"]).utf8)
    Hostile.quickly(30, "every truncation") {
      for cut in stride(from: 0, to: whole.count, by: 7) {
        let result = analyzer.analyze(message: Array(whole[..<cut]))
        Hostile.expectConsistent(result)
      }
    }
    // Cut inside the second recipient group: the first recipient is still reported.
    let text = String(decoding: whole, as: UTF8.self)
    let second = text.range(of: "Final-Recipient: rfc822; b@")!.lowerBound
    let result = analyzer.analyze(message: Array(text[..<second].utf8))
    #expect(result.recipients.map(\.recipient) == ["a@example.com"])
  }

  @Test func missingBoundary() {
    // The declared boundary never appears; the delimiters in the body use another one.
    let text = Hostile.dsn().replacingOccurrences(of: "boundary=\"b-1\"", with: "boundary=\"declared-but-absent\"")
    let result = analyzer.analyze(message: Array(text.utf8))
    #expect(result.isBounce)
    // No boundary parameter at all.
    let bare = Hostile.dsn().replacingOccurrences(of: "; boundary=\"b-1\"", with: "")
    Hostile.expectConsistent(analyzer.analyze(message: Array(bare.utf8)))
    // No delimiter lines at all: one opaque body.
    let none = Hostile.dsn().replacingOccurrences(of: "--b-1", with: "")
    let plain = analyzer.analyze(message: Array(none.utf8))
    Hostile.expectConsistent(plain)
  }

  @Test func duplicateBoundaries() {
    // The same delimiter repeated, and an inner multipart that reuses its parent's boundary.
    let repeated = Hostile.dsn().replacingOccurrences(of: "--b-1\nContent-Type: message/delivery-status", with: "--b-1\n--b-1\n--b-1\nContent-Type: message/delivery-status")
    Hostile.expectConsistent(analyzer.analyze(message: Array(repeated.utf8)))
    let nested = """
      Content-Type: multipart/mixed; boundary=same

      --same
      Content-Type: multipart/report; boundary=same

      --same
      Content-Type: message/delivery-status

      Final-Recipient: rfc822; x@example.com
      Action: failed
      Status: 5.1.1
      --same--
      --same--

      """
    Hostile.expectConsistent(analyzer.analyze(message: Array(nested.utf8)))
  }

  @Test func boundaryThatNeverCloses() {
    let result = analyzer.analyze(message: Array(Hostile.dsn(closing: false).utf8))
    #expect(result.isBounce)
    #expect(result.original?.subject == "Meeting")
  }

  @Test func tenThousandNestedMultiparts() {
    var text = ""
    for level in 0..<10_000 {
      text += "Content-Type: multipart/mixed; boundary=\"n\(level)\"\n\n--n\(level)\n"
    }
    text += "Content-Type: text/plain\n\ndeep\n"
    let bytes = Array(text.utf8)
    let result = Hostile.quickly(30, "10,000 nested multiparts") { analyzer.analyze(message: bytes) }
    #expect(!result.isBounce)
    #expect(result.warnings.contains { $0.contains("nested deeper than 24") })
  }

  @Test func tenThousandNestedMessages() {
    // Embedded messages in embedded messages, some base64-encoded, and a report at the bottom.
    var inner = Hostile.dsn()
    for level in 0..<10_000 {
      if level % 1000 == 999 {
        inner = "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" + Data(inner.utf8).base64EncodedString() + "\n"
      } else {
        inner = "Content-Type: message/rfc822\n\n" + inner
      }
    }
    let bytes = Array(inner.utf8)
    let result = Hostile.quickly(30, "10,000 nested messages") { analyzer.analyze(message: bytes) }
    Hostile.expectConsistent(result)
  }

  @Test func fiftyMegabyteLine() throws {
    // One message: a header, then a 50 MB line. Cut at 16 MiB, read, and flagged.
    var bytes = Array("Subject: long\nContent-Type: text/plain\n\n".utf8)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 50 << 20))
    bytes.append(0x0A)
    let result = Hostile.quickly(60, "a 50 MB line") { analyzer.analyze(message: bytes) }
    #expect(result.subject == "long")
    #expect(result.warnings.contains { $0.contains("larger than 16 MiB") })

    // The same line in an mbox between two bounces, read from a file: both bounces survive.
    let dir = try Hostile.temporaryFolder("longline")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("long.mbox").path
    var mbox = Array(("From a Thu Jan  1 00:00:00 2026\n" + Hostile.dsn() + "\nFrom b Thu Jan  1 00:00:00 2026\n").utf8)
    mbox.append(contentsOf: bytes)
    mbox.append(contentsOf: Array(("\nFrom c Thu Jan  1 00:00:00 2026\n" + Hostile.dsn(recipients: ["c@example.com"])).utf8))
    try Hostile.write(Data(mbox), to: path)
    let read = Hostile.quickly(60, "reading a 50 MB line") { Hostile.read([path]) }
    #expect(read.failures.isEmpty)
    #expect(read.messages.count == 3)
    #expect(read.messages.map(\.truncated) == [false, true, false])
    #expect(read.messages[1].bytes.count == 16 << 20)
    #expect(read.messages[1].bytes.starts(with: Array("Subject: long\n".utf8)))
    let results = read.messages.map { analyzer.analyze($0) }
    #expect(results.map(\.isBounce) == [true, false, true])
    #expect(results[2].recipients.first?.recipient == "c@example.com")
  }

  @Test func invalidBase64AndQuotedPrintable() {
    let status = "Final-Recipient: rfc822; q@example.com\nAction: failed\nStatus: 5.1.1\n"
    let b64 = Data(status.utf8).base64EncodedString()
    let brokenBase64 = [
      "!!!!" + b64 + "!!!", String(b64.dropLast(3)), "====" + b64, b64 + "=A=B==", "*", "=", "A", "AB=C=D",
      String(repeating: "=", count: 5000),
    ]
    for body in brokenBase64 {
      let text = Hostile.dsn().replacingOccurrences(
        of: "Content-Type: message/delivery-status\n",
        with: "Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n" + body + "\n")
      Hostile.expectConsistent(analyzer.analyze(message: Array(text.utf8)))
    }
    let brokenQP = ["=", "=Z", "=ZZ=", "=\n=\n=", "= \t \n", "abc=", "=0", "=E3=81", String(repeating: "= ", count: 3000)]
    for body in brokenQP {
      let text = Hostile.dsn(notification: body).replacingOccurrences(
        of: "Content-Type: text/plain; charset=us-ascii\n",
        with: "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n")
      let mail = ParsedMail(bytes: Array(text.utf8))
      _ = mail.bodyText
      Hostile.expectConsistent(analyzer.analyze(message: Array(text.utf8)))
    }
    #expect(TransferEncoding.quotedPrintable(Array("a=ZZb=\nc=3D".utf8)[...]) == Array("a=ZZbc=".utf8))
  }

  @Test func brokenISO2022JPEscapes() {
    let esc: UInt8 = 0x1B
    let pieces: [[UInt8]] = [
      [esc], [esc, 0x24], [esc, 0x24, 0x42], [esc, 0x24, 0x42, 0x30], [esc, 0x28], [esc, 0x24, 0x28],
      [esc, 0x24, 0x42, 0x30, 0x21, esc], [esc, 0x24, 0x42, 0xFF, 0xFE, 0x80], [esc, esc, esc, 0x24, 0x42],
      [esc, 0x24, 0x28, 0x44, 0x7F, 0x7F],
    ]
    for piece in pieces {
      var message = Array("Subject: ".utf8) + piece + Array("\nContent-Type: text/plain; charset=iso-2022-jp\n\n".utf8)
      message += piece + Array("\n".utf8) + piece
      let result = analyzer.analyze(message: message)
      Hostile.expectConsistent(result)
      let mail = ParsedMail(bytes: message)
      _ = mail.bodyText
      // Inside an encoded word too.
      let word = "=?ISO-2022-JP?B?" + Data(piece).base64EncodedString() + "?="
      _ = EncodedWords.decode(Array(word.utf8))
    }
  }

  @Test func oneMegabyteCharsetLabel() {
    let label = String(repeating: "x", count: 1 << 20)
    let text = Hostile.dsn().replacingOccurrences(of: "charset=us-ascii", with: "charset=\"\(label)\"")
    let result = Hostile.quickly(30, "a 1 MB charset label") { analyzer.analyze(message: Array(text.utf8)) }
    #expect(result.isBounce)
    #expect(result.warnings.contains { $0.contains("field is longer than 64 KiB") })
    _ = ParsedMail(bytes: Array(text.utf8)).bodyText
    // A label that long in an encoded word is not a word.
    let word = "=?" + label + "?B?YQ==?="
    #expect(EncodedWords.decode(Array(word.utf8)) == word)
    #expect(Charset.decode(Array("abc".utf8)[...], label: label) == "abc")
  }

  @Test func nulBytes() {
    var bytes = Array(Hostile.dsn().utf8)
    for i in stride(from: 3, to: bytes.count, by: 41) { bytes[i] = 0 }
    Hostile.expectConsistent(analyzer.analyze(message: bytes))
    let allNul = [UInt8](repeating: 0, count: 100_000)
    #expect(!analyzer.analyze(message: allNul).isBounce)
    // NUL inside the recipient address: kept as data, never a crash.
    let text = Hostile.dsn(recipients: ["nu\u{0}l@example.com"])
    Hostile.expectConsistent(analyzer.analyze(message: Array(text.utf8)))
  }

  @Test func utf7AndUTF16Bodies() {
    // 日本語 in UTF-7, then the same in UTF-16 with and without a byte-order mark, and an odd
    // number of bytes.
    let utf7 = "Content-Type: text/plain; charset=utf-7\n\n+ZeVnLIqe-\n"
    #expect(ParsedMail(bytes: Array(utf7.utf8)).bodyText.hasPrefix("日本語"))
    let unfinishedUTF7 = "Content-Type: text/plain; charset=utf-7\n\n+ZeVnLIqe+AAA+++\n"
    _ = ParsedMail(bytes: Array(unfinishedUTF7.utf8)).bodyText
    for (charset, body) in [
      ("utf-16", [0xFE, 0xFF, 0x65, 0xE5, 0x67, 0x2C, 0x8A, 0x9E] as [UInt8]),
      ("utf-16le", [0xE5, 0x65, 0x2C, 0x67, 0x9E, 0x8A]), ("utf-16be", [0x65, 0xE5, 0x67, 0x2C, 0x8A, 0x9E, 0x00]),
      ("utf-16", [0xD8, 0x00]), ("utf-32", [0x00, 0x00, 0xFE, 0xFF, 0x00, 0x11, 0x00, 0x00]),
    ] {
      let message = Array("Content-Type: text/plain; charset=\(charset)\nContent-Transfer-Encoding: base64\n\n".utf8)
        + Array(Data(body).base64EncodedString().utf8) + [0x0A]
      let text = ParsedMail(bytes: message).bodyText
      if body.count >= 6 && charset != "utf-32" { #expect(text.contains("日本"), "\(charset): \(text)") }
      Hostile.expectConsistent(analyzer.analyze(message: message))
    }
  }

  @Test func mboxWithNoFromLine() throws {
    let dir = try Hostile.temporaryFolder("nofrom")
    defer { try? FileManager.default.removeItem(at: dir) }
    // No envelope line at the start: one message, whatever `From ` lines follow inside it
    // without a blank line before them.
    let path = dir.appendingPathComponent("inbox").path
    let text = Hostile.dsn() + "From the desk of the postmaster\nFrom x y\n"
    try Hostile.write(Data(text.utf8), to: path)
    let read = Hostile.read([path])
    #expect(read.messages.count == 1)
    #expect(read.failures.isEmpty)
    #expect(analyzer.analyze(read.messages[0]).isBounce)
  }

  @Test func emptyAndBlankFiles() throws {
    let dir = try Hostile.temporaryFolder("empty")
    defer { try? FileManager.default.removeItem(at: dir) }
    let empty = dir.appendingPathComponent("empty.eml").path
    try Hostile.write(Data(), to: empty)
    let read = Hostile.read([empty])
    #expect(read.messages.isEmpty)
    #expect(read.failures.map(\.reason) == ["empty file: no message in it"])
    #expect(throws: BounceKitError.empty(source: empty)) { try analyzer.analyze(fileAtPath: empty) }
    #expect(!analyzer.analyze(message: []).isBounce)
    #expect(MessageInput.items(in: []) == [.failure(InputFailure(source: "-", index: 0, reason: "empty file: no message in it"))])
    // Blank lines only: a message with nothing in it, not an error.
    let blank = dir.appendingPathComponent("blank.eml").path
    try Hostile.write(Data("\n\n\r\n".utf8), to: blank)
    #expect(Hostile.read([blank]).messages.count == 1)
  }

  @Test func folderWithUnreadableFiles() throws {
    let dir = try Hostile.temporaryFolder("unreadable")
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    try Hostile.write(Data(Hostile.dsn().utf8), to: dir.appendingPathComponent("a-good.eml").path)
    // A file removed after the folder was listed: the same as a link to nothing.
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("b-removed.eml").path, withDestinationPath: dir.appendingPathComponent("gone").path)
    // Permission bits do not stop root (the tests run as root in CI), but a file the kernel
    // refuses to read does: /proc/self/mem is a regular file whose first page is unmapped.
    var expectedFailures = 1
    if fm.isReadableFile(atPath: "/proc/self/mem") {
      try fm.createSymbolicLink(atPath: dir.appendingPathComponent("c-eio.eml").path, withDestinationPath: "/proc/self/mem")
      expectedFailures += 1
    }
    if getuid() != 0 {
      let locked = dir.appendingPathComponent("d-locked.eml").path
      try Hostile.write(Data("Subject: secret\n\n".utf8), to: locked)
      try fm.setAttributes([.posixPermissions: 0], ofItemAtPath: locked)
      expectedFailures += 1
    }
    try Hostile.write(Data(Hostile.dsn().utf8), to: dir.appendingPathComponent("e-good.eml").path)
    let read = Hostile.quickly(30, "a folder with unreadable files") { Hostile.read([dir.path]) }
    #expect(read.messages.count == 2)
    #expect(read.failures.count == expectedFailures, "\(read.failures)")
    #expect(read.failures.allSatisfy { !$0.reason.isEmpty && !$0.source.isEmpty })
    #expect(read.failures.contains { $0.reason == "no such file or folder" })
  }

  @Test func symlinkLoops() throws {
    let dir = try Hostile.temporaryFolder("loops")
    defer { try? FileManager.default.removeItem(at: dir) }
    let fm = FileManager.default
    // Two links pointing at each other, a link to itself, and a folder that contains itself.
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("a").path, withDestinationPath: dir.appendingPathComponent("b").path)
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("b").path, withDestinationPath: dir.appendingPathComponent("a").path)
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("self").path, withDestinationPath: "self")
    try fm.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try fm.createSymbolicLink(atPath: dir.appendingPathComponent("sub/up").path, withDestinationPath: "..")
    try Hostile.write(Data(Hostile.dsn().utf8), to: dir.appendingPathComponent("sub/m.eml").path)
    let read = Hostile.quickly(30, "symbolic-link loops") { Hostile.read([dir.path, dir.appendingPathComponent("a").path]) }
    #expect(read.messages.count == 1)
    #expect(read.failures.filter { $0.reason == "too many levels of symbolic links" }.count == 4)
    #expect(read.failures.contains { $0.reason.contains("symbolic-link loop") })
  }

  @Test func garbageOfEveryByte() {
    // Every byte value, in runs, with and without line breaks: no result contradicts itself.
    var bytes: [UInt8] = []
    for b in 0...255 { bytes += [UInt8](repeating: UInt8(b), count: 40) + [0x0A] }
    Hostile.expectConsistent(analyzer.analyze(message: bytes))
    Hostile.expectConsistent(analyzer.analyze(message: Array(bytes.reversed())))
    var state: UInt32 = 2_463_534_242
    var noise: [UInt8] = []
    for _ in 0..<200_000 {
      state ^= state << 13
      state ^= state >> 17
      state ^= state << 5
      noise.append(UInt8(truncatingIfNeeded: state))
    }
    Hostile.quickly(30, "200 KB of noise") { Hostile.expectConsistent(analyzer.analyze(message: noise)) }
  }
}
