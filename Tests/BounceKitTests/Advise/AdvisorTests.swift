import Foundation
import Testing

@testable import BounceKit

@Suite("Advisor")
struct AdvisorTests {
  func recipient(_ address: String, reason: Reason, topic: String? = nil, diagnostic: String = "", type: String? = nil) -> RecipientResult {
    RecipientResult(
      facts: RecipientReport(recipient: address, action: .failed, diagnostic: diagnostic, diagnosticType: type),
      classification: Classification(reason: reason, hardBounce: false, rule: "test", evidence: "", topic: topic))
  }

  @Test func topicFromTheRulesWins() {
    let r = recipient("a@example.jp", reason: .rejected, topic: "smtp-auth-required")
    let advice = Advisor().advice(for: r, in: .japanese)
    #expect(advice.topic == "smtp-auth-required")
    #expect(advice.actor == .sender)
    #expect(advice.retry == .afterFix)
    #expect(advice.clients.map(\.client) == MailClient.allCases)
    #expect(advice.language == .japanese)
  }

  @Test func unknownTopicFallsBackToTheReason() {
    let r = recipient("a@example.jp", reason: .mailboxFull, topic: "no-such-topic")
    #expect(Advisor().topic(for: r) == "mailboxfull")
    #expect(Advisor().advice(for: r, in: .english).actor == .recipient)
  }

  @Test func outlookNumbersPickTheirTopic() {
    let cases = [("0x800CCC0E", "port-blocked"), ("0x800CCC0F", "connection-failed"), ("0x80042109", "port-blocked"),
                 ("0x8004210B", "connection-failed"), ("0x800CCC78", "smtp-auth-required"), ("0x800CCC92", "auth-failed"),
                 ("0x800CCC7C", "tls-required")]
    for (number, topic) in cases {
      let r = recipient("", reason: .networkError, diagnostic: number + ": text", type: "x-outlook")
      #expect(Advisor().topic(for: r) == topic, "\(number)")
    }
    // The same words in an ordinary server answer are not an Outlook error.
    #expect(Advisor().topic(for: recipient("", reason: .networkError, diagnostic: "0x800CCC0E", type: "smtp")) == "networkerror")
  }

  @Test func carrierAddressesGetTheFilterAdvice() {
    #expect(Advisor().topic(for: recipient("x@docomo.ne.jp", reason: .userUnknown)) == "carrier-filter")
    #expect(Advisor().topic(for: recipient("x@ezweb.ne.jp", reason: .filtered)) == "carrier-filter")
    #expect(Advisor().topic(for: recipient("x@example.jp", reason: .userUnknown)) == "userunknown")
    #expect(Advisor().topic(for: recipient("x@docomo.ne.jp", reason: .mailboxFull)) == "mailboxfull")
  }

  @Test func aLikelyTypoComesFirst() {
    let advice = Advisor().advice(for: recipient("m@gmial.com", reason: .userUnknown), in: .english)
    #expect(advice.steps.first == "The domain \"gmial.com\" is one letter away from \"gmail.com\". If you meant gmail.com, correct the address and send again.")
    let ja = Advisor().advice(for: recipient("m@docomo.ne.jo", reason: .hostUnknown), in: .japanese)
    #expect(ja.steps.first?.contains("「docomo.ne.jp」") == true)
    let none = Advisor().advice(for: recipient("m@gmail.com", reason: .userUnknown), in: .english)
    #expect(none.steps.first?.hasPrefix("The domain") == false)
    let delivered = Advisor().advice(for: recipient("m@gmial.com", reason: .delivered), in: .english)
    #expect(delivered.steps == ["Nothing to do."])
  }

  @Test func oddCharactersAreNamed() {
    let advice = Advisor().advice(for: recipient("taro＠example.jp", reason: .syntaxError), in: .japanese)
    #expect(advice.steps.first?.contains("全角") == true)
  }

  @Test func suggestions() {
    #expect(DomainHints.suggestion(for: "gmial.com") == "gmail.com")
    #expect(DomainHints.suggestion(for: "gmai.com") == "gmail.com")
    #expect(DomainHints.suggestion(for: "gmaill.com") == "gmail.com")
    #expect(DomainHints.suggestion(for: "GMAIL.CON") == "gmail.com")
    #expect(DomainHints.suggestion(for: "docomo.ne.jo") == "docomo.ne.jp")
    #expect(DomainHints.suggestion(for: "yahoo.co.jo") == "yahoo.co.jp")
    #expect(DomainHints.suggestion(for: "ezwed.ne.jp") == "ezweb.ne.jp")
    #expect(DomainHints.suggestion(for: "gmail.com") == nil)
    #expect(DomainHints.suggestion(for: "example.com") == nil)
    #expect(DomainHints.suggestion(for: "gamil.co") == nil)
    #expect(DomainHints.suggestion(for: "") == nil)
    #expect(DomainHints.isMobileCarrier("DoCoMo.ne.jp"))
    #expect(!DomainHints.isMobileCarrier("example.jp"))
    #expect(DomainHints.hasOddCharacters("a＠b.jp") && DomainHints.hasOddCharacters("a @b.jp") && !DomainHints.hasOddCharacters("a@b.jp"))
  }

  @Test func analyzerAttachesAdviceWhenAsked() throws {
    let text = Array("550 5.1.1 <a@example.jp>: Recipient address rejected: User unknown".utf8)
    #expect(BounceAnalyzer().analyze(message: text).recipients.first?.advice == nil)
    let result = BounceAnalyzer().advising(in: .english).analyze(message: text)
    let advice = try #require(result.recipients.first?.advice)
    #expect(advice.topic == "userunknown")
    let data = try JSONEncoder().encode(result)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let recipient = try #require((object["recipients"] as? [[String: Any]])?.first)
    let encoded = try #require(recipient["advice"] as? [String: Any])
    #expect(encoded["actor"] as? String == "sender")
    #expect(encoded["retry"] as? String == "no")
    #expect(recipient["reason"] as? String == "userunknown")
    #expect(try JSONDecoder().decode(BounceResult.self, from: data) == result)
  }

  @Test func placeholders() {
    #expect("a {x} b {y} {unknown}".replacingPlaceholders(["x": "1", "y": "2"]) == "a 1 b 2 {unknown}")
    #expect("{".replacingPlaceholders([:]) == "{")
  }
}
