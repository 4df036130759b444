import Foundation
import Testing

@testable import BounceCLI
@testable import BounceKit

#if canImport(Glibc)
  import Glibc
#endif

/// Nothing lost: `bounce scan` counts every message read in exactly one of bounce, not-bounce
/// and error, and writes at least one row for each, whatever the input holds.
@Suite("Scan accounting")
struct ScanAccountingTests {
  static func dsn(_ recipients: [String], tail: String = "") -> String {
    TestMessages.dsn(recipients, tail: tail)
  }

  /// An mbox of six messages: two bounces, an ordinary message, a bounce over the 16 MiB
  /// message limit, binary garbage and an empty message (an envelope line and nothing else).
  static func mixedMbox() -> [UInt8] {
    func envelope(_ n: Int) -> [UInt8] { Array("From sender\(n)@example.jp Thu Jan  1 00:00:0\(n) 2026\n".utf8) }
    var out: [UInt8] = []
    out += envelope(0) + Array(dsn(["a@example.com", "b@example.org"]).utf8) + [0x0A]
    out += envelope(1) + Array("From: friend@example.net\nSubject: Lunch?\n\nSee you at noon.\n\n".utf8)
    out += envelope(2) + Array(dsn(["over@example.com"]).replacingOccurrences(of: "--b--\n", with: "").utf8)
    // Padding past the limit, in lines, with nothing that looks like an envelope line.
    let line = Array(String(repeating: "padding ", count: 16).utf8) + [0x0A]
    for _ in 0..<((16 << 20) / line.count + 1000) { out += line }
    out += [0x0A]
    var state: UInt32 = 0x9E37_79B9
    var garbage: [UInt8] = []
    for _ in 0..<50_000 {
      state ^= state << 13
      state ^= state >> 17
      state ^= state << 5
      let b = UInt8(truncatingIfNeeded: state)
      garbage.append(b == 0x0A ? 0x1B : b)
    }
    out += envelope(3) + garbage + [0x0A, 0x0A]
    out += envelope(4) + [0x0A]
    out += envelope(5) + Array(dsn(["last@example.net"]).utf8)
    return out
  }

  /// Runs `bounce scan ARGS` with its output in a file; returns the output and the totals.
  static func scan(_ arguments: [String]) throws -> (output: String, totals: ScanSummary) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bouncekit-scan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out").path
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    #expect(fd >= 0)
    var totals = ScanSummary()
    do {
      let output = Output(fd: fd)
      totals = try ScanCommand.parse(arguments).run(writingTo: output)
      output.flush()
    }
    close(fd)
    return (try String(contentsOfFile: path, encoding: .utf8), totals)
  }

  @Test(arguments: ["1", "2"])
  func mixedMboxIsCountedOnce(jobs: String) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bouncekit-mixed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let mbox = dir.appendingPathComponent("mixed.mbox").path
    try Data(Self.mixedMbox()).write(to: URL(fileURLWithPath: mbox))
    let empty = dir.appendingPathComponent("empty.eml").path
    try Data().write(to: URL(fileURLWithPath: empty))
    let missing = dir.appendingPathComponent("missing.eml").path

    let (jsonl, totals) = try Self.scan(["--format", "jsonl", "--jobs", jobs, mbox, missing, empty])
    #expect(totals.messages == 8)
    #expect(totals.bounces == 3)
    #expect(totals.notBounces == 3)
    #expect(totals.errors == 2)
    #expect(totals.bounces + totals.notBounces + totals.errors == totals.messages)
    #expect(totals.recipients == 4)
    #expect(totals.warnings == 1)

    // The rows say the same: one kind per message, every message present, in input order.
    let rows = try jsonl.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    var kindByMessage: [String: String] = [:]
    var order: [String] = []
    for row in rows {
      let key = "\(row["source"] as? String ?? "?")#\(row["message"].map { "\($0)" } ?? "-")"
      let kind = try #require(row["kind"] as? String)
      if let seen = kindByMessage[key] {
        #expect(seen == kind, "message \(key) has rows of two kinds")
      } else {
        kindByMessage[key] = kind
        order.append(key)
      }
    }
    #expect(order.count == 8)
    #expect(order.prefix(6) == ArraySlice((0..<6).map { "\(mbox)#\($0)" }))
    #expect(kindByMessage.values.filter { $0 == "recipient" }.count == totals.bounces)
    #expect(kindByMessage.values.filter { $0 == "not-bounce" }.count == totals.notBounces)
    #expect(kindByMessage.values.filter { $0 == "error" }.count == totals.errors)
    #expect(rows.filter { $0["kind"] as? String == "recipient" }.count == totals.recipients)
    // The over-limit bounce is still a bounce, and says it was cut.
    let over = try #require(rows.first { $0["recipient"] as? String == "over@example.com" })
    let warnings = try #require(over["warnings"] as? [String])
    #expect(warnings.contains { $0.contains("larger than 16 MiB") })
  }

  @Test func summaryAddsUp() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bouncekit-summary-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let mbox = dir.appendingPathComponent("small.mbox").path
    let text = "From a Thu Jan  1 00:00:00 2026\n" + Self.dsn(["x@example.com"]) + "\nFrom b Thu Jan  1 00:00:00 2026\nSubject: hi\n\nhello\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: mbox))
    let (summary, totals) = try Self.scan(["--format", "summary", mbox, dir.appendingPathComponent("nope").path])
    #expect(totals.messages == 3)
    let lines = summary.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    #expect(lines.contains("messages read 3"))
    #expect(lines.contains("bounces 1"))
    #expect(lines.contains("not bounces 1"))
    #expect(lines.contains("errors 1"))
  }

  @Test func everyItemKindGivesRowsAndOneCount() {
    // What each worker hands back, for every kind of item, in every row format.
    let items: [InputItem] = [
      .message(InputMessage(source: "m", index: 0, bytes: Array(Self.dsn(["r@example.com"]).utf8))),
      .message(InputMessage(source: "m", index: 1, bytes: Array("Subject: x\n\ny\n".utf8))),
      .message(InputMessage(source: "m", index: 2, bytes: [], truncated: true)),
      .failure(InputFailure(source: "gone", reason: "no such file or folder")),
    ]
    for item in items {
      for format in [ScanCommand.Format.jsonl, .csv, .table, .json] {
        let output = ScanOutput.make(item, analyzer: BounceAnalyzer(), format: format, addresses: nil)
        #expect(output.rowCount >= 1)
        #expect(output.summary.messages == 1)
        #expect(output.summary.bounces + output.summary.notBounces + output.summary.errors == 1)
      }
    }
  }
}
