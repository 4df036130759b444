import Testing

@testable import BounceKit

@Suite("RFC 3464 field groups")
struct DSNTests {
  @Test func perMessageFieldsAndGroups() {
    let fields = DSNFields(text: """
      Reporting-MTA: dns; mx.example.jp
      Arrival-Date: Mon, 16 Nov 2026 10:00:00 +0900

      Final-Recipient: rfc822; a@example.com
      Action: failed
      Status: 5.1.1

      Original-Recipient: rfc822; b@example.com
      Final-Recipient: rfc822; b@example.com
      Action: delayed
      Status: 4.4.1
      """)
    #expect(fields.message.value("reporting-mta") == "dns; mx.example.jp")
    #expect(fields.recipients.count == 2)
    #expect(fields.recipients[1].value("action") == "delayed")
  }

  @Test func recipientsWithoutBlankLinesAndMixedMessageFields() {
    let fields = DSNFields(text: """
      Reporting-MTA: dns; gw.example.org
      Final-Recipient: rfc822; a@example.com
      Action: failed
      Diagnostic-Code: smtp; 550 no
        such user
      Final-Recipient: rfc822; b@example.com
      Action: failed
      """)
    #expect(fields.message.count == 1)
    #expect(fields.recipients.count == 2)
    #expect(fields.recipients[0].value("diagnostic-code") == "smtp; 550 no such user")
  }

  @Test func recipientValues() throws {
    let group = DSNFields(text: """
      Final-Recipient: rfc822;<x@example.com>
      Original-Recipient: rfc822;X@Example.com
      Action: Failure
      Status: 5.0.0 (permanent failure)
      Remote-MTA: dns; [192.0.2.9]
      Diagnostic-Code: smtp; 550 5.7.1 rejected
      """).recipients[0]
    let r = try #require(RFC3464.recipient(from: group))
    #expect(r.recipient == "x@example.com")
    #expect(r.originalRecipient == "X@Example.com")
    #expect(r.action == .failed)
    #expect(r.status == "5.7.1")  // the server's own code beats the summary 5.0.0
    #expect(r.replyCode == 550)
    #expect(r.remoteMTA == "192.0.2.9")
    #expect(r.diagnosticType == "smtp")
  }

  @Test func pathAsFinalRecipientFallsBackToOriginal() throws {
    let group = DSNFields(text: """
      Original-Recipient: rfc822;user@example.net
      Final-Recipient: rfc822;@relay.example.net:user@server
      Action: failed
      """).recipients[0]
    #expect(try #require(RFC3464.recipient(from: group)).recipient == "user@example.net")
  }
}
