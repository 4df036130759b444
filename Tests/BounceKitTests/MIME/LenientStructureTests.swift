import Testing

@testable import BounceKit

@Suite("MIME leniency seen in bounces")
struct LenientStructureTests {
  @Test func contentTypeWithoutSemicolonKeepsItsSubtype() {
    let type = ContentType(parsing: Array("text/plain\n   charset=\"iso-2022-jp\"".utf8))
    #expect(type.mimeType == "text/plain")
    #expect(type[parameter: "charset"] == "iso-2022-jp")
    #expect(ContentType(parsing: Array("text/plain; charset=us-ascii".utf8)).mimeType == "text/plain")
  }

  @Test func originalQuotedAsTextDoesNotMakeTheNoticeMultipart() {
    // No Content-Type of its own; the returned original, pasted as text, is multipart.
    let mail = ParsedMail(bytes: Array("""
      From: Mail Delivery System <Mailer-Daemon@mx.example.jp>
      Subject: Mail delivery failed

      The following address(es) failed:

        a@example.org

      ------ This is a copy of the message, including all the headers. ------

      Content-Type: multipart/mixed;boundary="----=_20261201_00202"

      ------=_20261201_00202
      Content-Type: text/plain

      Hello

      ------=_20261201_00202--

      """.utf8))
    #expect(mail.root.contentType.type == "text")
    #expect(mail.bodyText.contains("a@example.org"))
  }
}
