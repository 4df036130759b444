import Foundation
import Testing

@testable import BounceKit

/// The advice data: complete, well formed, and parsed with useful errors.
@Suite("Advice catalogue")
struct AdviceCatalogueTests {
  static let topics = [
    "smtp-auth-required", "auth-failed", "app-password-required", "tls-required", "sender-quota", "carrier-filter",
    "sender-mailbox-full", "connection-failed", "port-blocked",
  ]

  @Test("the shipped files parse without a single problem")
  func shippedFilesParse() {
    var parser = AdviceCatalogueParser()
    parser.read(String(decoding: PackageResources.advice_reasons_txt, as: UTF8.self), file: "advice-reasons.txt")
    parser.read(String(decoding: PackageResources.advice_topics_txt, as: UTF8.self), file: "advice-topics.txt")
    parser.read(String(decoding: PackageResources.advice_clients_txt, as: UTF8.self), file: "advice-clients.txt")
    let problems = parser.problems + parser.crossReferenceProblems()
    #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    #expect(DomainHints.parse(String(decoding: PackageResources.advice_domains_txt, as: UTF8.self)).problems.isEmpty)
  }

  @Test("every reason has advice in both languages", arguments: Reason.allCases)
  func everyReason(_ reason: Reason) throws {
    let entry = try #require(AdviceCatalogue.shipped.reasons[reason.rawValue])
    try checkTexts(entry)
  }

  @Test("every topic a rule may set has an entry")
  func ruleTopicsAreCovered() {
    for topic in RuleTopic.all { #expect(AdviceCatalogue.shipped.topics[topic] != nil, "\(topic)") }
  }

  @Test("every topic has advice in both languages", arguments: topics)
  func everyTopic(_ topic: String) throws {
    let entry = try #require(AdviceCatalogue.shipped.topics[topic])
    try checkTexts(entry)
  }

  /// English sentences end with a full stop, Japanese ones are written in です・ます and end with
  /// 。; titles are short and carry no full stop.
  func checkTexts(_ entry: AdviceCatalogue.Entry) throws {
    #expect(!entry.steps.isEmpty)
    #expect(!entry.title.english.hasSuffix("."))
    #expect(!entry.title.japanese.hasSuffix("。"))
    #expect(entry.title.english.count <= 90)
    #expect(entry.title.english.first?.isLowercase == true, "\(entry.name): English titles follow the address, in lower case")
    for text in [entry.summary] + entry.steps {
      #expect(text.english.hasSuffix(".") || text.english.hasSuffix(")"), "\(entry.name): \(text.english)")
      #expect(text.japanese.hasSuffix("。") || text.japanese.hasSuffix("）"), "\(entry.name): \(text.japanese)")
      #expect(["です", "ます", "ません", "ました", "でした", "ください"].contains { text.japanese.contains($0) }, "\(entry.name): write Japanese in です・ます: \(text.japanese)")
      #expect(text.japanese.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) }, "\(entry.name): \(text.japanese)")
    }
  }

  @Test("the client steps cover every mail program in both languages")
  func clientSteps() throws {
    let catalogue = AdviceCatalogue.shipped
    #expect(Set(catalogue.procedures.keys) == ["smtp-auth", "ports", "leave-copy", "app-password", "password"])
    for procedure in catalogue.procedures.values {
      for client in MailClient.allCases {
        let steps = try #require(procedure.steps[client], "\(procedure.name) has no steps for \(client)")
        #expect(!steps.isEmpty)
        for step in steps { #expect(!step.english.isEmpty && !step.japanese.isEmpty) }
      }
    }
    // Fixes on the sender's own machine show where to make them.
    for topic in ["smtp-auth-required", "auth-failed", "app-password-required", "tls-required", "sender-mailbox-full", "port-blocked"] {
      #expect(catalogue.topics[topic]?.procedures.isEmpty == false, "\(topic)")
    }
  }

  @Test("every Outlook number is explained, and every number a topic names is in the table")
  func outlookNumbers() {
    let catalogue = AdviceCatalogue.shipped
    for number in catalogue.outlookTopics.keys {
      #expect(OutlookErrorNumber.meaning(of: number) != nil, "\(number)")
    }
    for meaning in OutlookErrorNumber.all where meaning.replyCode == nil && meaning.number != "0x800CCC60" && meaning.number != "0x800CCC61" {
      #expect(catalogue.outlookTopics[meaning.number] != nil, "\(meaning.number) has no topic")
    }
    let dataLines = String(decoding: PackageResources.outlook_errors_txt, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(OutlookErrorNumber.all.count == dataLines.count, "a line of outlook-errors.txt is malformed")
  }

  @Test("mistakes in the data are reported with file and line")
  func parserProblems() {
    var parser = AdviceCatalogueParser()
    parser.read("""
      # sample
      [reason userunknown]
      actor: someone
      retry: no
      titel.en: a typo in a key
      title.en: no mailbox
      title.ja: メールボックスがありません
      what.en: Gone.
      what.ja: ありません。
      step.en: One.
      step.en: Two.
      step.ja: 一つ目です。

      [reason nosuchreason]
      [topic Bad_Name]
      [steps ports]
      outlook-classic.en: Only English.
      stray line without a colon
      """, file: "sample.txt")
    let messages = parser.problems.map(\.description)
    #expect(messages.contains { $0.hasPrefix("sample.txt:2:") && $0.contains("actor") })
    #expect(messages.contains { $0.hasPrefix("sample.txt:5:") && $0.contains("titel.en") })
    #expect(messages.contains { $0.hasPrefix("sample.txt:2:") && $0.contains("2 step.en line(s) but 1 step.ja") })
    #expect(messages.contains { $0.hasPrefix("sample.txt:14:") && $0.contains("not a reason") })
    #expect(messages.contains { $0.hasPrefix("sample.txt:15:") && $0.contains("lower-case") })
    #expect(messages.contains { $0.hasPrefix("sample.txt:16:") && $0.contains("outlook-classic.en") && $0.contains("1 outlook-classic.en line(s) but 0") })
    #expect(messages.contains { $0.hasPrefix("sample.txt:18:") && $0.contains("key: value") })
  }

  @Test("continued lines join with a space in English and without one in Japanese")
  func continuations() throws {
    var parser = AdviceCatalogueParser()
    parser.read("""
      [topic sample]
      actor: sender
      retry: yes
      title.en: a sample
      title.ja: 例
      what.en: First half,
        second half.
      what.ja: 前半と
        後半です。
      step.en: Do it.
      step.ja: してください。
      """, file: "t")
    #expect(parser.problems.isEmpty, "\(parser.problems)")
    let entry = try #require(parser.catalogue.topics["sample"])
    #expect(entry.summary.english == "First half, second half.")
    #expect(entry.summary.japanese == "前半と後半です。")
  }
}
