import ArgumentParser
import Foundation
import Testing

@testable import BounceCLI
@testable import BounceKit

/// `--rules FILE`: a user's rules file changes what `bounce scan` prints, and a bad file is a
/// usage error.
@Suite("User rules on the command line")
struct UserRulesTests {
  /// A Gmail answer for a disabled account, as a Postfix DSN carries it.
  static let message = TestMessages.dsn(
    ["someone@gmail.com"], status: "5.2.1",
    diagnostic: "550 5.2.1 The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser - gsmtp",
    extraFields: "Remote-MTA: dns; gmail-smtp-in.l.google.com\n")

  func temporaryFile(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bouncekit-\(UUID().uuidString).rules")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func scanRow(_ analyzer: BounceAnalyzer) throws -> [String: Any] {
    let result = analyzer.analyze(message: Array(Self.message.utf8))
    let rows = ScanRow.rows(for: result, source: "gmail-disabled.eml", index: 0)
    #expect(rows.count == 1)
    return try #require(try JSONSerialization.jsonObject(with: Data(rows[0].json())) as? [String: Any])
  }

  @Test func aUserRuleReclassifiesOneProvidersAnswer() throws {
    let before = try scanRow(try CommonOptions.parse([]).analyzer())
    #expect(before["reason"] as? String == "suspend")
    #expect(before["hardBounce"] as? Bool == false)
    #expect(before["rule"] as? String == "google.account-disabled")

    // This sender treats a disabled Gmail account as gone for good.
    let path = try temporaryFile(
      """
      [google.account-disabled]
      reason   = userunknown
      priority = 720
      phrase   = the email account that you tried to reach is disabled
      example  = 550 5.2.1 The email account that you tried to reach is disabled.
      """)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let after = try scanRow(try CommonOptions.parse(["--rules", path]).analyzer())
    #expect(after["reason"] as? String == "userunknown")
    #expect(after["hardBounce"] as? Bool == true)
    #expect(after["rule"] as? String == "google.account-disabled")
    #expect(after["evidence"] as? String == "The email account that you tried to reach is disabled")
  }

  @Test func aBadRulesFileIsAUsageError() throws {
    let path = try temporaryFile("[mine.one]\nreason = nope\nphrase = abc\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: ExitCode(2)) { _ = try CommonOptions.parse(["--rules", path]).analyzer() }
    #expect(throws: ExitCode(2)) { _ = try CommonOptions.parse(["--rules", "/nonexistent/x.rules"]).analyzer() }
    #expect(throws: ExitCode(2)) {
      let scan = try ScanCommand.parse(["--rules", path, "--format", "jsonl", "/nonexistent-folder"])
      try scan.run()
    }
  }

  @Test func bothCommandsTakeTheOption() throws {
    #expect(try ExplainCommand.parse(["--rules", "a.rules", "x.eml"]).common.rules == "a.rules")
    #expect(try ScanCommand.parse(["--rules", "a.rules", "x"]).common.rules == "a.rules")
    let root = try BounceCommand.parseAsRoot(["--rules", "a.rules", "x.eml"])
    #expect((root as? ExplainCommand)?.common.rules == "a.rules")
  }
}
