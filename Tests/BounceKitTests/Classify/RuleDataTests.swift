import Foundation
import Testing

@testable import BounceKit

/// Checks the bundled rules data: it parses, ids are unique, every rule is well formed, and every
/// example gives its rule's reason.
@Suite("Rules data")
struct RuleDataTests {
  let rules = RuleSet.bundled.rules

  @Test func everyBundledFileParses() {
    #expect(RuleSet.bundledProblems.map(\.description) == [])
    #expect(rules.count > 100)
  }

  @Test func idsAreUniqueAcrossFiles() throws {
    var seen: [String: String] = [:]
    for (name, bytes) in BundledRules.files {
      for rule in try RuleParser.parse(String(decoding: bytes, as: UTF8.self), file: name) {
        #expect(seen[rule.id] == nil, "[\(rule.id)] is in \(seen[rule.id] ?? "") and \(name)")
        seen[rule.id] = name
      }
    }
  }

  @Test func everyRuleIsWellFormed() {
    for rule in rules {
      #expect(rule.enabled, "[\(rule.id)] is switched off in the bundled rules")
      #expect(rule.reason != nil, "[\(rule.id)] has no reason")
      #expect((0...1000).contains(rule.priority), "[\(rule.id)] has priority \(rule.priority)")
      #expect(!rule.examples.isEmpty, "[\(rule.id)] has no example")
      #expect(!rule.hasNoCondition, "[\(rule.id)] has no condition")
      if let topic = rule.topic { #expect(RuleTopic.all.contains(topic), "[\(rule.id)] has topic \(topic)") }
      let prefix = rule.origin.file.split(separator: ".").first.map(String.init) ?? ""
      #expect(!rule.id.isEmpty && rule.id.contains("."), "[\(rule.id)] in \(prefix) should be named theme.name")
    }
  }

  @Test func everyReasonIsAValidName() {
    // Parsing guarantees it; this guards the list of names against drifting from the corpus's.
    let names = Set(Reason.allCases.map(\.rawValue))
    #expect(names.count == 34)
    for rule in rules { #expect(rule.reason.map { names.contains($0.rawValue) } ?? false) }
  }

  @Test func everyExampleGivesItsRulesReason() {
    let problems = RuleSet.bundled.exampleProblems()
    #expect(problems.isEmpty, "\(problems.count) examples disagree:\n\(problems.joined(separator: "\n"))")
  }

  @Test func everyRulesFileIsCompiledIn() throws {
    var folder = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { folder.deleteLastPathComponent() }
    folder = folder.deletingLastPathComponent().appendingPathComponent("Sources/BounceKit/Rules")
    let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".rules") }.sorted()
    #expect(onDisk == BundledRules.files.map(\.name).sorted())
  }
}
