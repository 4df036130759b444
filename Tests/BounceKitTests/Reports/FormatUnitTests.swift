import Foundation
import Testing

@testable import BounceKit

@Suite("Format units: text helpers, merging, robustness")
struct FormatUnitTests {
  @Test func multiLineAnswerKeepsItsCodeOnce() {
    let joined = ReportText.joinAnswer([
      "550-5.7.26 This message does not pass", "550-5.7.26 authentication checks.", "550 5.7.26  See the help pages. - gsmtp",
    ])
    #expect(joined == "550 5.7.26 This message does not pass authentication checks. See the help pages. - gsmtp")
  }

  @Test func answerAfterALeadInIsJoinedToo() {
    let joined = ReportText.joinAnswer([
      "192.0.2.1 failed after I sent the message.", "Remote host said: 554-5.7.1 Rejected for policy", "554 5.7.1 reasons",
    ])
    #expect(joined == "192.0.2.1 failed after I sent the message. Remote host said: 554 5.7.1 Rejected for policy reasons")
    #expect(ReportText.joinAnswer(["mx [192.0.2.2] did not like our final DATA:550 5.7.1 no"]) == "mx [192.0.2.2] did not like our final DATA: 550 5.7.1 no")
  }

  @Test func differentCodesStartNewAnswers() {
    #expect(ReportText.joinAnswer(["421 busy", "", "550 5.1.1 gone"]) == "421 busy 550 5.1.1 gone")
    #expect(ReportText.joinAnswer(["Remote said: 550-5.7.1 one", "550-5.7.1 two", " 550 5.7.1 three "]) == "Remote said: 550 5.7.1 one two three")
  }

  @Test func textCutOnBytesAsByCharacter() {
    #expect(BounceText.prefix("a@example.jp because", upTo: ASCII.space) == "a@example.jp")
    #expect(BounceText.prefix("a@example.jp", upTo: ASCII.space) == "a@example.jp")
    // A combining mark after the space joins it: no space character there.
    #expect(BounceText.prefix("a@example.jp \u{301}x y", upTo: ASCII.space) == "a@example.jp \u{301}x")
    #expect(ExchangeNDRText.hashAnswer("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##rfc822;a@example.jp") == "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found")
    #expect(ExchangeNDRText.hashAnswer("#550 no marks") == "550 no marks")
    #expect(ExchangeNDRText.hashAnswer("#") == "")
    #expect(ExchangeNDRText.hashAnswer("#550 é ##x") == "550 é")
    #expect(ExchangeNDRText.droppingLastQuote("550 gone'") == "550 gone")
    #expect(ExchangeNDRText.droppingLastQuote("'") == "")
    #expect(ExchangeNDRText.receivingServerName("Receiving server: mx.example.jp (192.0.2.1)") == "mx.example.jp")
    #expect(ExchangeNDRText.receivingServerName("Serveur de réception : mx.example.jp") == "mx.example.jp")
    #expect(ExchangeNDRText.receivingServerName("server: mx.example.jp") == nil)
    #expect(SMTPCommand.named("after RCPT TO") == "RCPT")
    #expect(SMTPCommand.named("after rcpt to") == "RCPT")
    #expect(SMTPCommand.named("after rcpt to", exactCase: true) == nil)
    #expect(SMTPCommand.named("our final DATA:") == "DATA")
    #expect(SMTPCommand.named("ſtarttls") == "STARTTLS")
    #expect(SMTPCommand.named("connectionless") == nil)
    #expect(SMTPCommand.sent(in: "  >>> RCPT TO:<a@example.jp>") == "RCPT")
    #expect(SMTPCommand.sent(in: "Sent <<< MAIL FROM:<a@example.jp>") == "MAIL")
    #expect(SMTPCommand.sent(in: "RCPT TO:<a@example.jp>") == nil)
    #expect(Qmail.remoteHost(in: "192.0.2.1 does not like recipient.") == "192.0.2.1")
    #expect(Qmail.remoteHost(in: "x  mx.example.jp  failed  after I sent the message") == "mx.example.jp")
    #expect(Qmail.remoteHost(in: "nobody does not like it") == nil)
  }

  @Test func exchange2003RecipientLines() {
    #expect(Exchange2003.recipientAddress("  user@example.jp on Thu, 29 Apr 2010 10:00:00 +0900") == "user@example.jp")
    #expect(Exchange2003.recipientAddress("user@example.jp  on Thu") == "user@example.jp")
    #expect(Exchange2003.recipientAddress("user@example.jp only") == nil)
    #expect(Exchange2003.recipientAddress("someone on Thu") == nil)
  }

  @Test func reportLinesCutAtAMarkerAndTrimmed() {
    let mail = ParsedMail(bytes: Array("Subject: x\n\nfirst  \nsecond\t\n--- Original message follows  \nReceived: x\n".utf8))
    #expect(ReportText.lines(of: mail, stoppingAt: ["original message follows"]) == ["first", "second"])
    #expect(ReportText.lines(of: mail, stoppingAt: ["no such marker"]).prefix(3) == ["first", "second", "--- Original message follows"])
    // A marker ending in a space is looked for in the trimmed lines.
    #expect(ReportText.lines(of: mail, stoppingAt: ["follows "]).count == mail.trimmedBodyLines.count)
    #expect(ReportText.lines(of: mail, stoppingAt: ["second"]) == ["first"])
  }

  @Test func replyPrefixesReadOnBytes() {
    let p = ReportText.replyPrefix("550-5.1.1 gone")
    #expect(p?.code == "550" && p?.status == "5.1.1" && p?.rest == "gone")
    #expect(ReportText.replyPrefix("550 5.1.10x gone")?.status == nil)
    #expect(ReportText.replyPrefix("550 5.1.1\tgone")?.rest == "gone")
    #expect(ReportText.replyPrefix("550 5.1.1")?.status == "5.1.1")
    #expect(ReportText.replyPrefix("550  gone")?.status == nil)
    // A combining mark after the space joins it: the word runs on, and is no status.
    #expect(ReportText.replyPrefix("550 5.1.1 \u{301}gone")?.status == nil)
    #expect(ReportText.replyPrefix("550 5.1.1é gone")?.status == nil)
    #expect(ReportText.replyPrefix("55x 5.1.1") == nil)
    #expect(ReportText.trimmed(" \t a b \r") == "a b")
    #expect(ReportText.trimmed("   ") == "")
    #expect(ReportText.trimmed("ab") == "ab")
  }

  @Test func splittingOnASeparator() {
    #expect(ReportText.split("a : b : c", on: " : ") == ["a", "b", "c"])
    #expect(ReportText.split("no separator", on: " : ") == ["no separator"])
    #expect(ReportText.split(" : ", on: " : ") == ["", ""])
  }

  @Test func commandsNamedInText() {
    #expect(SMTPCommand.named("RCPT TO") == "RCPT")
    #expect(SMTPCommand.named("final DATA") == "DATA")
    #expect(SMTPCommand.named("MAIL FROM:<a@example.jp>") == "MAIL")
    #expect(SMTPCommand.mentioned(in: "550 unknown user (in reply to RCPT TO command)") == "RCPT")
    #expect(SMTPCommand.mentioned(in: "rejected after mail was scanned") == nil)
    #expect(SMTPCommand.sent(in: ">>> DATA") == "DATA")
    #expect(SMTPCommand.sent(in: "Sent <<< RCPT TO:<a@example.jp>") == "RCPT")
    #expect(SMTPCommand.sent(in: "ordinary text") == nil)
  }

  @Test func hostsAreReadAtTheStartOfText() {
    #expect(ReportText.host(at: "mx.example.jp [192.0.2.1] did not like") == "mx.example.jp")
    #expect(ReportText.host(at: "192.0.2.20.") == "192.0.2.20")
    #expect(ReportText.host(at: "Sorry, no host") == nil)
  }

  @Test func oneToOneReportsArePairedEvenWithDifferentAddresses() {
    let text = DeliveryReport(format: "Domino", recipients: [RecipientReport(recipient: "user@example.com", action: .failed, diagnostic: "not listed")])
    let dsn = DeliveryReport(format: "RFC3464", reportingMTA: "mx.example.org", recipients: [
      RecipientReport(recipient: "user@example.org", action: .failed, status: "5.0.0", diagnostic: "not listed"),
    ])
    // Most families: the DSN's mailbox is the authority on the address.
    #expect(ReportMerger.merge(standard: dsn, specific: text).recipients.map(\.recipient) == ["user@example.org"])
    // Families whose text names the address the sender used keep the text's.
    let merged = ReportMerger.merge(standard: dsn, specific: text, textNamesRecipient: true)
    #expect(merged.recipients.count == 1)
    #expect(merged.recipients[0].recipient == "user@example.com")
    #expect(merged.recipients[0].status == "5.0.0")
    #expect(merged.reportingMTA == "mx.example.org")
  }

  @Test func mergingPrefersTheMoreSpecificFacts() {
    let text = DeliveryReport(format: "X", recipients: [
      RecipientReport(recipient: "a@example.jp", status: "5.0.0", diagnostic: "Remote SMTP server has rejected address"),
      RecipientReport(recipient: "b@example.jp", status: "5.7.1", diagnostic: "550 5.7.1 relaying denied"),
    ])
    let dsn = DeliveryReport(format: "RFC3464", recipients: [
      RecipientReport(recipient: "a@example.jp", status: "5.1.1", replyCode: 550, diagnostic: "550 5.1.1 user unknown"),
      RecipientReport(recipient: "b@example.jp", status: "5.0.0", diagnostic: "relaying denied"),
      RecipientReport(recipient: "c@example.jp", status: "5.2.2"),
    ])
    let merged = ReportMerger.merge(standard: dsn, specific: text)
    #expect(merged.recipients.map(\.recipient) == ["a@example.jp", "b@example.jp", "c@example.jp"])
    #expect(merged.recipients[0].status == "5.1.1")
    #expect(merged.recipients[0].diagnostic == "550 5.1.1 user unknown")
    #expect(merged.recipients[1].status == "5.7.1")
    #expect(merged.recipients[1].diagnostic == "550 5.7.1 relaying denied")
  }

  @Test func unitNamesAreUniqueAndRegistered() {
    let names = Formats.ordered.map { $0.name }
    #expect(Set(names).count == names.count)
    for name in ["qmail", "DragonFly", "OpenSMTPD", "Exchange2003", "Exchange2007", "Office365", "Domino", "Notes", "mFILTER"] {
      #expect(names.contains(name))
    }
  }

  /// Every format fixture, cut after each of its lines, must still be read without a crash:
  /// real bounces arrive truncated.
  @Test func truncatedFormatFixturesDoNotCrash() throws {
    let analyzer = BounceAnalyzer()
    for fixture in FixtureSupport.expectedFixtures() where fixture.hasPrefix("formats/") {
      let bytes = try FixtureSupport.bytes(fixture)
      var cut = 0
      for (i, b) in bytes.enumerated() where b == 0x0A {
        _ = analyzer.analyze(message: Array(bytes[..<i]))
        cut += 1
      }
      #expect(cut > 0)
    }
  }
}
