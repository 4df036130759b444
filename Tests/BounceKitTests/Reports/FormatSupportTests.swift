import Testing

@testable import BounceKit

@Suite("Format units: shared text helpers")
struct FormatSupportTests {
  @Test(arguments: [
    ("user@example.jp", "user@example.jp"),
    ("  <user@example.jp>:", "user@example.jp"),
    ("\"user@example.jp\":", "user@example.jp"),
    ("Recipient: <user@example.jp>", nil),
    ("上記のサイトでも解決できない場合は、<support@example.jp>", nil),
    ("user@example.jp on Thu, 29 Apr 2010", nil),
    ("not an address", nil),
    ("\tuser@example.jp\t ", "user@example.jp"),
    ("user@example.jp\tx", nil),
    ("   ", nil),
    ("", nil),
  ] as [(String, String?)])
  func loneAddress(line: String, expected: String?) {
    #expect(BounceText.loneAddress(Substring(line)) == expected)
  }

  @Test func originalMessageMarkers() {
    for line in [
      "----- Original message -----", "--- Below this line is a copy of the message.",
      "------ This is a copy of the message, including all the headers. ------",
      "--- The header of the original message is following. ---",
      "|------------------------- Message text follows: ------------------------|",
    ] {
      #expect(BounceText.isOriginalMessageMarker(Substring(line)), "\(line)")
    }
    #expect(!BounceText.isOriginalMessageMarker("Your original message could not be delivered."))
    #expect(!BounceText.isOriginalMessageMarker("-----------------------------"))
  }

  @Test func caseInsensitiveSearch() {
    #expect(BounceText.contains("Remote Host Said: 550", "remote host said"))
    #expect(BounceText.offset(of: "rcpt", in: "after RCPT TO:<a@b.example>") == 6)
    #expect(BounceText.contains("To: <A@Example.JP>", caseless: "a@example.jp"))
    #expect(BounceText.host(after: "host ", in: "host mx.example.jp [192.0.2.1]: 550") == "mx.example.jp")
    #expect(BounceText.host(after: "host ", in: "host [192.0.2.1]: 550") == "192.0.2.1")
    #expect(BounceText.host(after: "host ", in: "host MX.Example.JP.: 550") == "mx.example.jp")
    #expect(BounceText.host(after: "host ", in: "host mx.example.jp[192.0.2.1]") == "mx.example.jp")
    #expect(BounceText.host(after: "host ", in: "host localhost said") == nil)
    #expect(BounceText.host(after: "host ", in: "host mx.exämple.jp said") == nil)
    // The characters decide where a mark follows the end of the word.
    #expect(BounceText.host(after: "host ", in: "host mx.example.jp[é] said") == "mx.example.jp")
    #expect(BounceText.host(after: "host ", in: "host mx.example.jp \u{301}x") == nil)
    #expect(BounceText.containsAny("----- Original Message -----", ["unsent message", "original message"]))
    #expect(!BounceText.containsAny("-----", ["unsent message", "original message"]))
  }

  @Test(arguments: [
    ("Remote host said: 550 5.1.1 <a@example.jp>... User Unknown [RCPT_TO]", 550, "5.1.1", nil),
    ("550: 5.2.2 <a@example.jp>... Mailbox Full", 550, "5.2.2", nil),
    ("550: <a@example.jp>: User unknown", 550, nil, nil),
    ("SMTP error from remote mail server after RCPT TO:<a@example.jp>: 550 No such user", 550, nil, "RCPT"),
    ("said: 554 5.7.1 Rejected (in reply to end of DATA command)", 554, "5.7.1", "DATA"),
    ("In: RCPT TO:<a@example.jp> Out: 250 2.1.5 Ok In: DATA Out: 554 5.7.1 Spam", 554, "5.7.1", nil),
    ("5.1.0 - Unknown address error 550-'5.7.1 <x@example.jp>... Access denied'", 550, "5.7.1", nil),
    ("The account is disabled. ERROR_CODE :550, ERROR_CODE :5.2.1", 550, "5.2.1", nil),
    ("host said: 426 connection timed out", nil, nil, nil),
  ] as [(String, Int?, String?, String?)])
  func serverReply(text: String, reply: Int?, status: String?, command: String?) {
    let r = ServerReply(text)
    #expect(r.replyCode == reply)
    #expect(r.status == status)
    #expect(r.command == command)
  }

  @Test func commandsFoundInOneWalk() {
    // The first lead wins wherever it stands; a lead's later occurrence is tried when the
    // first names no command.
    #expect(ServerReply.command(in: "after DATA then (in reply to RCPT TO command)") == "RCPT")
    #expect(ServerReply.command(in: "after all, after MAIL FROM:<a@example.jp>") == "MAIL")
    #expect(ServerReply.command(in: "for TEXT command after nothing") == "DATA")
    #expect(ServerReply.command(in: ">>>> RCPT TO:<a@example.jp>") == "RCPT")
    #expect(ServerReply.command(in: "IN REPLY TO END OF DATA COMMAND") == "DATA")
    #expect(ServerReply.command(in: "greeting failed; sender was rejected; 192.0.2.1 does not like recipient") == "RCPT")
    #expect(ServerReply.command(in: "greeting failed, then it failed after I sent the message") == "DATA")
    #expect(ServerReply.command(in: "Greeting failed") == "CONN")
    #expect(ServerReply.command(in: "for database reasons") == nil)
    #expect(ServerReply.command(in: "") == nil)
    // Past the sixteen-byte blocks, and in their last positions.
    let pad = String(repeating: "x", count: 45)
    #expect(ServerReply.command(in: Substring(pad + " in reply to RCPT")) == "RCPT")
    #expect(ServerReply.command(in: Substring(pad + "in reply to DATA command " + pad)) == "DATA")
    for k in 0..<20 {
      #expect(ServerReply.command(in: Substring(String(repeating: "y", count: k) + "does not like sender " + pad)) == "MAIL")
    }
  }

  @Test func replyPairsKeepOrder() {
    let pairs = ReplyPairs.all(in: "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>")
    #expect(pairs == [ReplyPairs.Pair(replyCode: 554, status: "4.4.7"), ReplyPairs.Pair(replyCode: 421, status: "4.4.2")])
    #expect(ReplyPairs.all(in: "answer.py?answer=6596 ad1si1997204pbd.83 192.0.2.250").isEmpty)
    // Codes found past long runs with no class digit, at any offset in a sixteen-byte block.
    for pad in 0..<40 {
      let text = String(repeating: "x", count: pad) + " 550 5.1.1 gone " + String(repeating: "y", count: 33) + " 421 busy"
      #expect(ReplyPairs.all(in: text) == [ReplyPairs.Pair(replyCode: 550, status: "5.1.1"), ReplyPairs.Pair(replyCode: 421, status: nil)])
    }
    #expect(ByteScan.firstOf(0x32, 0x34, 0x35, in: UnsafeBufferPointer(start: nil, count: 0), from: 0) == 0)
  }

  @Test func sesQuotedAnswerWins() {
    var r = RecipientReport(recipient: "a@example.jp", status: "4.4.7", replyCode: 554,
                            diagnostic: "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>")
    AmazonSES.quotedAnswer(&r)
    #expect(r.replyCode == 421)
    #expect(r.status == "4.4.2")
  }

  @Test func json() throws {
    let value = try #require(JSONValue.parse(#"{"a": [1, true, null, "x\u00e9\n"], "b": {"c": "d"}}"#))
    #expect(value["a"]?.array.count == 4)
    #expect(value["a"]?.array[3].string == "xé\n")
    #expect(value["b"]?["c"]?.string == "d")
    #expect(JSONValue.parse("{\"a\": }") == nil)
    #expect(JSONValue.parse("{\"a\": \"abc") == nil)
    #expect(JSONValue.parse("{\"a\": \"abc\\\"") == nil)
    #expect(JSONValue.parse("[\"plain\", \"mixed \\\" run\", \"\"]") == JSONValue.parse("[\"plain\", \"mixed \\u0022 run\", \"\"]"))
    #expect(JSONValue.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) == nil)
    #expect(JSONValue.parse(#"{"s": "\ud83d\ude00"}"#)?["s"]?.string == "😀")
  }

  @Test func unwrapDropsBreaksAndOneSpace() {
    #expect(AmazonSES.unwrap("ab\r\n cd\n\n  ef", dropSpaceAfterBreak: true) == "abcd ef")
    #expect(AmazonSES.unwrap("ab\r\n cd\n\n  ef", dropSpaceAfterBreak: false) == "ab cd  ef")
    #expect(AmazonSES.unwrap("\n", dropSpaceAfterBreak: true) == "")
    #expect(AmazonSES.unwrap(" é\n é", dropSpaceAfterBreak: true) == " éé")
  }

  @Test func leadingReplyCodesFromEightBytes() {
    #expect(MTAText.leadingReplyCode("550 5.1.1 gone") == 550)
    #expect(MTAText.leadingReplyCode("  421 busy") == 421)
    #expect(MTAText.leadingReplyCode("5501 no") == nil)
    #expect(MTAText.leadingReplyCode("     55€") == nil)
    #expect(MTAText.leadingReplyCode("     550€") == 550)
    #expect(MTAText.leadingReplyCode("") == nil)
  }

  @Test func unwrappedJSON() {
    let wrapped = Substring("{\"name\":\"Content-Transfer\n -Encoding\"}")
    #expect(JSONValue.parse(AmazonSES.unwrap(wrapped, dropSpaceAfterBreak: true))?["name"]?.string == "Content-Transfer-Encoding")
  }

  @Test func bounceSubjects() {
    #expect(BounceSigns.isBounceSubject("Undeliverable: Meeting"))
    #expect(BounceSigns.isBounceSubject("Returned mail: see transcript for details"))
    #expect(BounceSigns.isBounceSubject("メール配信エラー"))
    #expect(!BounceSigns.isBounceSubject("Re: Undeliverable: Meeting"))
    #expect(!BounceSigns.isBounceSubject("Fwd: Returned mail"))
    #expect(!BounceSigns.isBounceSubject("Lunch on Friday?"))
  }

  @Test func autoReplySubjects() {
    #expect(AutoReply.isAutoReplySubject("Automatic reply: Invoice"))
    #expect(AutoReply.isAutoReplySubject("Out of Office: Invoice"))
    #expect(AutoReply.isAutoReplySubject("【自動応答】お問い合わせ"))
    #expect(AutoReply.isAutoReplySubject("不在通知"))
    #expect(!AutoReply.isAutoReplySubject("Re: automatic replies are annoying"))
  }

  @Test func addressBlocksKeepTheFirstOfEachAddress() {
    let lines = TextLines.split("""
      <a@example.jp>:
      Remote host said: 550 No such user

      <b@example.jp>:
      Remote host said: 552 Mailbox full
      <a@example.jp>:
      again
      """)
    let blocks = AddressBlock.read(lines, endAtBlank: true)
    #expect(blocks.map(\.address) == ["a@example.jp", "b@example.jp"])
    #expect(blocks.first?.text == "Remote host said: 550 No such user")
  }
}
