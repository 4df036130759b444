import Foundation
import Testing

@testable import BounceKit

/// Every fixture with an `.expected.json` is analysed and compared with its expectation, and
/// gives the same result whatever its line endings.
@Suite("Fixtures")
struct FixtureTests {
  static let fixtures = FixtureSupport.expectedFixtures()

  @Test("there are fixtures to run")
  func fixturesExist() {
    #expect(Self.fixtures.count >= 10)
  }

  @Test("fixture matches its expectation", arguments: fixtures)
  func matchesExpectation(_ fixture: String) throws {
    let result = BounceAnalyzer().analyze(message: try FixtureSupport.bytes(fixture))
    var problems: [String] = []
    FixtureSupport.compare(try FixtureSupport.expectation(for: fixture), try FixtureSupport.json(result), path: fixture, into: &problems)
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  @Test("CRLF and bare CR give the same result as LF", arguments: fixtures)
  func lineEndingsDoNotMatter(_ fixture: String) throws {
    let lf = try FixtureSupport.bytes(fixture)
    let analyzer = BounceAnalyzer()
    let expected = analyzer.analyze(message: lf)
    #expect(analyzer.analyze(message: FixtureSupport.withLineEndings(lf, [0x0D, 0x0A])) == expected)
    #expect(analyzer.analyze(message: FixtureSupport.withLineEndings(lf, [0x0D])) == expected)
  }
}
