import Foundation
import Testing

@testable import BounceCLI

/// The CLI's explanations compared byte for byte with the expected outputs in
/// `Fixtures/golden/`, as listed in `Fixtures/golden/cases.txt`.
@Suite("Golden outputs")
struct GoldenTests {
  struct Case: CustomStringConvertible, Sendable {
    var output: String
    var input: String
    var arguments: [String]
    var description: String { output }
  }

  static let cases: [Case] = {
    let list = FixtureSupportCLI.fixture("golden/cases.txt")
    guard let text = try? String(contentsOf: list, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { line in
      guard !line.hasPrefix("#") else { return nil }
      let words = line.split(separator: " ").map(String.init)
      guard words.count >= 2 else { return nil }
      return Case(output: words[0], input: words[1], arguments: Array(words.dropFirst(2)))
    }
  }()

  @Test("there are golden cases")
  func casesExist() {
    #expect(Self.cases.count >= 14)
  }

  @Test("output matches the golden file", arguments: cases)
  func matches(_ golden: Case) throws {
    let bytes = Array(try Data(contentsOf: FixtureSupportCLI.fixture(golden.input)))
    let actual = try ExplainCommand.output(for: bytes, arguments: golden.arguments)
    let url = FixtureSupportCLI.fixture("golden/" + golden.output)
    if ProcessInfo.processInfo.environment["BOUNCEKIT_UPDATE_GOLDEN"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if actual != expected {
      let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
      Issue.record("""
        \(golden.output) differs from line \(first + 1):
          expected: \(first < e.count ? String(e[first]) : "(end)")
          actual:   \(first < a.count ? String(a[first]) : "(end)")
        """)
    }
  }

  @Test("the 553 authentication bounce names the Outlook and Thunderbird settings in Japanese")
  func authBounceNamesClientSettings() throws {
    let bytes = Array(try Data(contentsOf: FixtureSupportCLI.fixture("advice/auth-553-not-owned.eml")))
    let ja = try ExplainCommand.output(for: bytes, arguments: ["--lang", "ja"])
    #expect(ja.contains("Outlook（従来版）"))
    #expect(ja.contains("送信サーバー (SMTP) は認証が必要"))
    #expect(ja.contains("Thunderbird"))
    #expect(ja.contains("認証方式"))
    #expect(ja.contains("送信者（あなた）"))
  }

  @Test("pasted errors are explained")
  func pastedErrors() throws {
    let outlook = try ExplainCommand.output(for: Array("0x800CCC0F\n".utf8), arguments: ["--lang", "en"])
    #expect(outlook.hasPrefix("0x800CCC0F — "))
    #expect(outlook.contains("587"))
    let full = try ExplainCommand.output(for: Array("552 5.2.2 Mailbox full".utf8), arguments: ["--lang", "en"])
    #expect(full.hasPrefix("552 5.2.2 — the recipient's mailbox is full"))
    let move = full.split(separator: "\n").first { $0.contains("Whose move") }
    #expect(move?.hasSuffix("the recipient") == true)
  }

  @Test("--json carries the advice as fields")
  func jsonAdvice() throws {
    let bytes = Array(try Data(contentsOf: FixtureSupportCLI.fixture("advice/auth-553-not-owned.eml")))
    let json = try ExplainCommand.output(for: bytes, arguments: ["--lang", "ja", "--json", "--client", "thunderbird"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let recipients = try #require(object["recipients"] as? [[String: Any]])
    let advice = try #require(recipients.first?["advice"] as? [String: Any])
    #expect(advice["actor"] as? String == "sender")
    #expect(advice["retry"] as? String == "after-fix")
    #expect((advice["summary"] as? String)?.isEmpty == false)
    #expect((advice["steps"] as? [String])?.isEmpty == false)
    let clients = try #require(advice["clients"] as? [[String: Any]])
    #expect(clients.map { $0["client"] as? String } == ["thunderbird"])
  }

  @Test("an unknown --client is a usage error")
  func unknownClient() {
    #expect(throws: (any Error).self) { try ExplainCommand.parse(["--client", "eudora"]) }
  }
}
