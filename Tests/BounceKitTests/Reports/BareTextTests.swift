import Testing

@testable import BounceKit

@Suite("Bare text")
struct BareTextTests {
  func analyze(_ text: String) -> BounceResult { BounceAnalyzer().analyze(message: Array(text.utf8)) }

  @Test func outlookNumbersInAnyForm() {
    for text in ["0x800CCC0E", "0x800ccc0e", "800CCC0E", "Error 0x800CCC0E", "エラー番号: 0x800CCC0E"] {
      let result = analyze(text)
      #expect(result.isBounce, "\(text)")
      #expect(result.recipients.first?.diagnosticType == "x-outlook", "\(text)")
      #expect(result.recipients.first?.status == "4.4.1", "\(text)")
    }
    #expect(analyze("0x800CCC0E").recipients.first?.diagnostic == "0x800CCC0E: Outlook could not connect to the mail server")
    // A reply code family number stands for its reply.
    #expect(analyze("0x800CCC6D").recipients.first?.replyCode == 552)
    #expect(OutlookErrorNumber.first(in: "id 12800CCC0E34") == nil)
    #expect(OutlookErrorNumber.first(in: "0x12345678") == nil)
    #expect(OutlookErrorNumber.canonical("0x8004210b") == "0x8004210B")
  }

  @Test func pastedLines() {
    let unknown = analyze("550 5.1.1 <a@example.jp>: Recipient address rejected: User unknown")
    #expect(unknown.recipients.map(\.recipient) == ["a@example.jp"])
    #expect(unknown.report?.format == "text")
    // The only address is the sender's: no recipient is named.
    let sender = analyze("553 5.7.1 <me@example.jp>: Sender address rejected: not owned by user me")
    #expect(sender.recipients.map(\.recipient) == [""])
    #expect(sender.recipients.first?.replyCode == 553)
  }

  @Test func ordinaryTextIsNotABounce() {
    #expect(!analyze("hello\nI have 250 apples and 4.5.6 pears? no.\n").isBounce)
    #expect(analyze("Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'").isBounce)
    #expect(analyze("sorry, no mailbox here by that name. (#5.1.1)").isBounce)
    #expect(!analyze("Just a note to say hello.\nSee you on Friday.\n").isBounce)
    #expect(!analyze("").isBounce)
  }

  @Test func messagesWithHeadersAreLeftToTheFormatUnits() {
    let message = "From: a@example.jp\nSubject: hi\n\n550 5.1.1 <b@example.jp>: User unknown\n"
    #expect(!BareText.recognizes(ParsedMail(bytes: Array(message.utf8))))
    #expect(BareText.recognizes(ParsedMail(bytes: Array("Diagnostic-Code: smtp; 550 5.1.1 x\n".utf8))))
  }

  @Test func longInputStaysBounded() {
    let line = "<<< 550 5.1.1 <x@example.jp>... User unknown\n"
    let result = analyze(String(repeating: line, count: 20_000))
    #expect(result.recipients.count == 1)
  }
}
