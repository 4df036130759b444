import Testing

@testable import BounceKit

@Suite("MIME structure")
struct MIMEParserTests {
  private func parse(_ text: String) -> MIMEPart {
    var parser = MIMEParser()
    return parser.parse(Array(text.utf8)[...])
  }

  @Test func nestedMultipartWithPreambleAndEpilogue() {
    let root = parse("""
      Content-Type: multipart/mixed; boundary=outer

      preamble
      --outer
      Content-Type: multipart/alternative; boundary="outer-inner"

      --outer-inner
      Content-Type: text/plain

      plain
      --outer-inner
      Content-Type: text/html

      <p>html</p>
      --outer-inner--
      --outer
      Content-Type: text/plain

      second
      --outer--
      epilogue
      """)
    #expect(root.children.count == 2)
    #expect(root.children[0].children.count == 2)
    #expect(root.children[0].children[1].mimeType == "text/html")
    #expect(root.children[1].text == "second")
  }

  @Test func embeddedMessageKeepsItsHeaderOnly() {
    let root = parse("""
      Content-Type: multipart/report; boundary=b

      --b
      Content-Type: message/rfc822

      Subject: original
      Content-Type: multipart/mixed; boundary=c

      --c
      Content-Type: text/plain

      x
      --c--
      --b--
      """)
    let embedded = root.children[0]
    #expect(embedded.children.count == 1)
    #expect(embedded.children[0].header["subject"] == "original")
    #expect(embedded.children[0].children.isEmpty)
    #expect(embedded.children[0].expandedEmbeddedMessage().children.count == 1)
  }

  @Test func depthAndPartLimits() {
    var text = ""
    for i in 0..<200 { text += "Content-Type: multipart/mixed; boundary=b\(i)\n\n--b\(i)\n" }
    text += "\nend\n"
    var parser = MIMEParser()
    let root = parser.parse(Array(text.utf8)[...])
    #expect(parser.limited)
    var depth = 0
    root.walk { depth = max(depth, $0.depth) }
    #expect(depth <= parser.maxDepth)
  }

  @Test func digestChildrenDefaultToMessages() {
    let root = parse("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nbody\n--d--\n")
    #expect(root.children.first?.mimeType == "message/rfc822")
  }

  @Test func htmlOnlyBodyBecomesText() {
    let mail = ParsedMail(bytes: Array("Content-Type: text/html\n\n<html><style>p{}</style><p>User&nbsp;unknown &amp; gone</p><br>550</html>\n".utf8))
    #expect(mail.bodyText.contains("User unknown & gone"))
    #expect(!mail.bodyText.contains("p{}"))
  }
}
