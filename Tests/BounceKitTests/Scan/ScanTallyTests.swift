import Testing

@testable import BounceKit

@Suite("Scan tallies")
struct ScanTallyTests {
  @Test func reportingMTAsAreLowerCased() {
    var report = DeliveryReport(format: "test")
    report.reportingMTA = "MX.Example.COM"
    report.recipients = [RecipientReport(recipient: "a@Example.com")]
    let result = BounceResult(kind: .bounce, report: report, recipients: [
      RecipientResult(facts: report.recipients[0], classification: Classification(reason: .userUnknown, hardBounce: true, rule: "r", evidence: ""))
    ])
    var summary = ScanSummary()
    summary.add(ScanTally(result, bytes: 10))
    #expect(summary.byReportingMTA == ["mx.example.com": 1])
    #expect(summary.byDomain == ["example.com": 1])
    #expect(summary.messages == 1 && summary.bounces == 1 && summary.hard == 1 && summary.recipients == 1)
    #expect(summary.bytes == 10)

    // Without the breakdowns: the same counts, no lists.
    var counts = ScanSummary()
    counts.add(ScanTally(result, bytes: 10, breakdowns: false))
    #expect(counts.messages == 1 && counts.bounces == 1 && counts.hard == 1 && counts.soft == 0 && counts.recipients == 1)
    #expect(counts.bytes == 10)
    #expect(counts.byReason.isEmpty && counts.byDomain.isEmpty && counts.byReportingMTA.isEmpty && counts.byFormat.isEmpty)
  }
}
