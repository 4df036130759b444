import Testing

@testable import BounceKit

@Suite("MTA format units")
struct MTAFormatTests {
  /// Reads `text` (LF line endings) as a message through the whole Reports stage.
  func report(_ text: String) -> DeliveryReport? {
    ReportReader.read(ParsedMail(bytes: Array(text.utf8)))
  }

  @Test func multiLineRepliesReadAsOneSentence() {
    #expect(MTAText.joiningReplyLines("550-5.1.1 The account 550-5.1.1 does not exist. 550 5.1.1 Bye")
      == "550 5.1.1 The account does not exist. Bye")
    #expect(MTAText.joiningReplyLines("550-Line one 550-Line two 550 Line three") == "550 Line one Line two Line three")
    // Not a multi-line reply: left alone, numbers and all.
    #expect(MTAText.joiningReplyLines("550 5.1.1 quota 550 bytes") == "550 5.1.1 quota 550 bytes")
    #expect(MTAText.joiningReplyLines("User unknown") == "User unknown")
  }

  @Test func multiLineRepliesJoinedOnBytesAsByCharacter() {
    // Non-ASCII text takes the comparison by character; ASCII text the one on bytes.
    #expect(MTAText.joiningReplyLines("550-5.1.1 Die Adresse 550-5.1.1 gibt es nicht. 550 5.1.1 Tschüß")
      == "550 5.1.1 Die Adresse gibt es nicht. Tschüß")
    // A combining mark after the hyphen makes `550-\u{301}` no continuation start.
    #expect(MTAText.joiningReplyLines("550-a 550-\u{301}b 550 c") == "550 a 550-\u{301}b c")
    #expect(MTAText.joiningReplyLines("  550-5.7.1   one  550-5.7.1 two 550 5.7.1 three ") == "550 5.7.1 one two three")
    #expect(MTAText.joiningReplyLines("550-5.7.1one 550 5.7.1") == "550 5.7.1one 5.7.1")
    #expect(MTAText.joiningReplyLines("999-x 999 y") == "999-x 999 y")
    #expect(MTAText.joiningReplyLines("550-") == "550")
  }

  @Test func linesFoldedInOnePass() {
    #expect(MTAText.folded(["  a  b ", "\tc", "", " d\r"]) == "a b c d")
    #expect(MTAText.folded([Substring]()) == "")
    #expect(MTAText.folded(["   ", " "]) == "")
    #expect(MTAText.folded(["é ", " ü"]) == "é ü")
    #expect(MTAText.joinedLines(["a", "", "b"]) == "a\n\nb")
    #expect(MTAText.joinedLines([Substring]()) == "")
  }

  @Test func hostWordStandsAlone() {
    #expect(MTAText.hostAfterWordHost(in: "(host mx.example.jp[192.0.2.1]) said") == "mx.example.jp")
    #expect(MTAText.hostAfterWordHost(in: "host mx.example.jp said") == "mx.example.jp")
    #expect(MTAText.hostAfterWordHost(in: "é host mx.example.jp said") == "mx.example.jp")
    #expect(MTAText.hostAfterWordHost(in: "ghost mx.example.jp said") == nil)
  }

  @Test func postfixParagraphsFromLines() {
    let lines: [Substring] = [
      "intro", "<a@example.jp>: host mx.example.jp[192.0.2.1] said:", "    550 5.1.1 unknown", "",
      " <b@example.jp> (expanded from <c@example.jp>): lost", "connection", "<<< 550 x", "<d@example.jp>: gone",
    ]
    #expect(Postfix.paragraphs(in: lines) == [
      "<a@example.jp>: host mx.example.jp[192.0.2.1] said: 550 5.1.1 unknown",
      "<b@example.jp> (expanded from <c@example.jp>): lost connection <<< 550 x", "<d@example.jp>: gone",
    ])
    #expect(Postfix.paragraphs(in: lines, limit: 1).count == 1)
    #expect(!Postfix.opensRecipientParagraph("  <a@example.jp>: two spaces in"))
    #expect(Postfix.startsRecipientParagraph("<\"a b\"@example.jp>: x"))
    #expect(!Postfix.startsRecipientParagraph("<a b@example.jp>: x"))
    #expect(!Postfix.startsRecipientParagraph("<a@example.jp>"))
    #expect(!Postfix.startsRecipientParagraph("<"))
    #expect(!Postfix.startsRecipientParagraph("<<< 550 <a@example.jp>: x"))
    // A mark after `<` or `>` joins it: compared by character.
    #expect(!Postfix.startsRecipientParagraph("<\u{301}<a@example.jp>: x"))
    #expect(Postfix.startsRecipientParagraph("<a@example.jp>\u{301}: x"))
    #expect(MTAText.leadingHost("  mx.example.jp..: x") == "mx.example.jp")
    #expect(MTAText.leadingHost("a@b.example") == nil)
    #expect(MTAText.leadingHost("[192.0.2.1") == nil)
    #expect(MTAText.leadingHost("12345 said") == nil)
    #expect(MTAText.leadingHost("例え.jp said") == "例え.jp")
    #expect(MTAText.leadingHost("例え said") == "例え")
    #expect(MTAText.leadingHost("→ said") == nil)
  }

  @Test func sendmailTextHelpers() {
    #expect(SendmailText.lastWord("550 5.1.1 <a@example.jp>  ") == "<a@example.jp>")
    #expect(SendmailText.lastWord("   ") == "   ")
    #expect(SendmailText.lastWord("") == "")
    #expect(SendmailText.parenthesised("(reason:", in: "(reason: 550 5.1.1 unknown)") == "550 5.1.1 unknown")
    #expect(SendmailText.parenthesised("(reason:", in: "(Reason:)") == nil)
    #expect(SendmailText.parenthesised("(reason:", in: "(reason:\u{301}x é)") == "x é")
    #expect(SendmailText.startsWithCharacters("\"|/usr/bin/x\"", "\"|"))
    #expect(!SendmailText.startsWithCharacters("\"|\u{301}x", "\"|"))
    #expect(SendmailText.startsWithCharacters("\"|", "\"|"))
  }

  @Test(arguments: [
    ("RCPT TO:<a@example.jp>", "RCPT"), ("MAIL FROM:<a@example.jp> SIZE=10", "MAIL"), ("end of data", "DATA"),
    ("DATA", "DATA"), ("initial connection", "CONN"), ("EHLO mx.example.jp", "EHLO"), ("pipelined RCPT TO", "RCPT"),
  ])
  func commandPhrases(phrase: String, command: String) {
    #expect(MTAText.smtpCommand(phrase[...]) == command)
  }

  @Test func hostsAsMTAsWriteThem() {
    #expect(MTAText.leadingHost("mx.example.jp[192.0.2.1] said:") == "mx.example.jp")
    #expect(MTAText.leadingHost("mx.example.jp. [192.0.2.1]:") == "mx.example.jp")
    #expect(MTAText.leadingHost("[192.0.2.9]") == "192.0.2.9")
    #expect(MTAText.hostAfterWordHost(in: "SMTP error: host mx2.example.net [192.0.2.2]: 550 no") == "mx2.example.net")
    #expect(MTAText.hostAfterWordHost(in: "from localhost said") == nil)
    #expect(MTAText.contains("Undelivered MAIL Returned", "undelivered mail"))
  }

  @Test func mergerPairsAPipeWithTheAddressItServed() {
    let dsn = DeliveryReport(format: "RFC3464", recipients: [RecipientReport(recipient: "|/usr/bin/prog", status: "5.0.0")])
    let text = DeliveryReport(format: "Exim", recipients: [RecipientReport(recipient: "user@example.jp", diagnostic: "prog failed")])
    let merged = ReportMerger.merge(standard: dsn, specific: text)
    #expect(merged.recipients.map(\.recipient) == ["user@example.jp"])
    #expect(merged.recipients.first?.status == "5.0.0")
  }

  @Test func mergerTakesTheDSNMailboxOverAnotherSpelling() {
    let dsn = DeliveryReport(format: "RFC3464", recipients: [RecipientReport(recipient: "real@example.org", action: .failed)])
    let text = DeliveryReport(format: "Sendmail", recipients: [RecipientReport(recipient: "shown@example.org", replyCode: 554)])
    let merged = ReportMerger.merge(standard: dsn, specific: text)
    #expect(merged.recipients.count == 1)
    #expect(merged.recipients.first?.recipient == "real@example.org")
    #expect(merged.recipients.first?.replyCode == 554)
  }

  @Test func statusSummaryYieldsToSpecificCodeOfSameClass() {
    #expect(ReportMerger.status("5.0.0", "5.3.0") == "5.3.0")
    #expect(ReportMerger.status("5.3.0", "5.0.0") == "5.3.0")
    #expect(ReportMerger.status("5.1.1", "5.1.6") == "5.1.1")
    #expect(ReportMerger.status("5.0.0", "4.4.1") == "5.0.0")
    #expect(ReportMerger.status(nil, "4.4.1") == "4.4.1")
  }

  @Test func eximBareLocalPartTakesItsAddressFromXFailedRecipients() throws {
    let r = try #require(report("""
      From: Mail Delivery System <Mailer-Daemon@mx.example.jp>
      To: a@example.jp
      X-Failed-Recipients: kaito@example.com
      Subject: Mail delivery failed: returning message to sender

      This message was created automatically by mail delivery software.

      A message that you sent could not be delivered to one or more of its
      recipients. This is a permanent error. The following address(es) failed:

        kaito
          Unrouteable address

      """))
    #expect(r.format == "Exim")
    #expect(r.recipients.map(\.recipient) == ["kaito@example.com"])
    #expect(r.recipients.first?.diagnostic == "Unrouteable address")
  }

  @Test func eximSenderLineIsNotARecipient() throws {
    let r = try #require(report("""
      From: Mail Delivery System <Mailer-Daemon@mx.example.jp>
      Subject: Mail delivery failed

      This message was created automatically by mail delivery software.

      A message sent by

        <sender@example.jp>

      could not be delivered to one or more of its recipients. The following
      address(es) failed:

        gone@example.org
          all hosts have been failing for a long time and were last tried after this message arrived

      """))
    #expect(r.recipients.map(\.recipient) == ["gone@example.org"])
  }

  @Test func postfixWithoutPerRecipientTextFallsBackToTheReturnedMessage() throws {
    let r = try #require(report("""
      From: MAILER-DAEMON@relay.example.jp (Mail Delivery System)
      Subject: Undelivered Mail Returned to Sender
      MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

      --b1
      Content-Type: text/plain

      This is the mail system at host relay.example.jp.

      \t--- Delivery report unavailable ---

      --b1
      Content-Type: message/delivery-status

      Reporting-MTA: dns; relay.example.jp

      --b1
      Content-Type: message/rfc822

      From: a@example.jp
      To: only@example.fr
      Subject: x

      x
      --b1--

      """))
    #expect(r.recipients.map(\.recipient) == ["only@example.fr"])
  }

  @Test func postfixDeliveryStatusInPlainText() throws {
    // The notice lost its MIME structure: the delivery-status fields sit in the text.
    let r = try #require(report("""
      From: MAILER-DAEMON@smtp.example.org (Mail Delivery System)
      Subject: Delayed Mail (still being retried)

      This is the mail system at host smtp.example.org.

      <late@example.com>: connect to mx.example.com[192.0.2.2]:25: No route to host

      Reporting-MTA: dns; smtp.example.org

      Final-Recipient: rfc822; late@example.com
      Action: delayed
      Status: 4.4.1
      Diagnostic-Code: X-Postfix; connect to mx.example.com[192.0.2.2]:25: No route to host

      Return-Path: <a@example.org>
      Subject: x

      """))
    #expect(r.recipients.count == 1)
    #expect(r.recipients.first?.status == "4.4.1")
    #expect(r.recipients.first?.action == .delayed)
    #expect(r.recipients.first?.remoteMTA == "mx.example.com")
  }

  @Test func xUnixExitStatusIsNoReplyCode() throws {
    let fields = DSNFields(text: "Final-Recipient: rfc822; a@example.jp\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: X-Unix; 255\n")
    let group = try #require(fields.recipients.first)
    let r = try #require(RFC3464.recipient(from: group))
    #expect(r.replyCode == nil)
  }

  @Test func sendmailTranscriptKeepsQuitAnswersOut() {
    let text = SendmailText(lines: TextLines.split("""
         ----- The following addresses had permanent fatal errors -----
      <a@example.net>
          (reason: 554 mx.example.net ESMTP not accepting connections)

         ----- Transcript of session follows -----
      ... while talking to mx.example.net.:
      <<< 554 mx.example.net ESMTP not accepting connections
      >>> QUIT
      <<< 421 4.7.0 mx.example.net Error: too many errors
      554 5.0.0 Service unavailable
      """))
    let r = text.recipient("a@example.net", reason: text.listed.first?.reason, action: .failed, ownStatus: false)
    #expect(r.replyCode == 554)
    #expect(r.command == "CONN")
    #expect(r.remoteMTA == "mx.example.net")
  }
}
