import Foundation
import Testing

@testable import BounceKit

@Suite("Parallel scanning and summaries")
struct ParallelScannerTests {
  private var fixturePaths: [String] {
    ["dsn", "mime", "charset", "not-bounce", "mbox"].map { FixtureSupport.root.appendingPathComponent($0).path }
      + ["/nonexistent/for-an-error-row"]
  }

  private func collect(jobs: Int, ordered: Bool) -> [String] {
    var out: [String] = []
    let analyzer = BounceAnalyzer()
    ParallelScanner(jobs: jobs, ordered: ordered).run(MessageInput(paths: fixturePaths)) { item -> String in
      switch item {
      case .message(let m):
        let r = analyzer.analyze(m)
        return "\(m.source)#\(m.index):" + r.recipients.map { "\($0.recipient)/\($0.status ?? "-")" }.joined(separator: ",")
      case .failure(let f):
        return "error:\(f.source)"
      }
    } consume: { out.append($0) }
    return out
  }

  @Test func orderedOutputIsIdenticalWhateverTheJobs() {
    let one = collect(jobs: 1, ordered: true)
    #expect(one.count > 20)
    for jobs in [2, 3, 8] {
      #expect(collect(jobs: jobs, ordered: true) == one)
    }
    #expect(Set(collect(jobs: 4, ordered: false)) == Set(one))
  }

  @Test func theByteBudgetHoldsTheReaderBackWithoutStoppingIt() throws {
    // Twelve 1.5 MiB messages through a 2 MiB budget: at most one is read ahead at a time, and
    // a message larger than the whole budget still goes through, alone.
    let body = String(repeating: "x", count: 1_500_000)
    var mbox = ""
    for i in 0..<12 { mbox += "From a Thu Jan  1 00:00:00 2026\nSubject: \(i)\n\n\(body)\n\n" }
    let items = MessageInput.items(in: Array(mbox.utf8))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("budget-\(UUID().uuidString).mbox").path
    try mbox.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(ParallelScanner.units(of: items[0], unit: 1 << 20, budget: 2) == 2)
    #expect(ParallelScanner.units(of: items[0], unit: 1 << 20, budget: 1) == 1)
    for (budget, ordered) in [(2 << 20, true), (1 << 20, false)] {
      var scanner = ParallelScanner(jobs: 3, ordered: ordered)
      scanner.maxInFlightBytes = budget
      var seen: [Int] = []
      scanner.run(MessageInput(paths: [path])) { item -> Int in
        guard case .message(let m) = item else { return -1 }
        return m.index
      } consume: { seen.append($0) }
      #expect(ordered ? seen == Array(0..<12) : Set(seen) == Set(0..<12))
    }
  }

  @Test func summaryCountsAddUp() {
    var summary = ScanSummary()
    let analyzer = BounceAnalyzer()
    for item in MessageInput(paths: fixturePaths) {
      switch item {
      case .message(let m): summary.add(analyzer.analyze(m), bytes: m.bytes.count)
      case .failure: summary.addError()
      }
    }
    #expect(summary.messages == summary.bounces + summary.notBounces + summary.errors)
    #expect(summary.errors == 1)
    #expect(summary.recipients == summary.hard + summary.soft)
    #expect(summary.byReason.values.reduce(0, +) == summary.recipients)
    #expect(ScanSummary.top(["b": 2, "a": 2, "c": 5], 2).map(\.name) == ["c", "a"])
  }
}
