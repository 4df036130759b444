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

  @Test func fieldsReadInPlace() {
    // CRLF ends, a name with a space before its colon, an indented and an unindented fold,
    // a blank line of spaces: each value comes out folded, names lower case.
    let text = "Final-Recipient : rfc822;  a@example.com\r\nDiagnostic-Code: smtp; 550\r\n\tno such\r\nuser here\r\n   \r\nX-Other: v"
    var cut = false
    let fields = DSNFields.fields(in: text, maxValueBytes: 1000, cut: &cut)
    #expect(fields == [
      DSNFields.Field(name: "final-recipient", value: "rfc822; a@example.com"),
      DSNFields.Field(name: "diagnostic-code", value: "smtp; 550 no such user here"),
      nil,
      DSNFields.Field(name: "x-other", value: "v"),
    ])
    #expect(!cut)
    // Values over the limit are cut, whether on one line or gathered from folds.
    let long = "Status: " + String(repeating: "5", count: 40) + "\nDiagnostic-Code: " + String(repeating: "x", count: 20) + "\n " + String(repeating: "y", count: 20)
    let short = DSNFields.fields(in: long, maxValueBytes: 16, cut: &cut)
    #expect(short == [
      DSNFields.Field(name: "status", value: String(repeating: "5", count: 16)),
      DSNFields.Field(name: "diagnostic-code", value: String(repeating: "x", count: 16)),
    ])
    #expect(cut)
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
