import Foundation
import Testing

@testable import BounceKit

/// Every limit in ``DecodeLimits``: reached, BounceKit keeps what it has, goes on, and says so
/// in the result's warnings.
@Suite("Decode limits")
struct LimitsTests {
  /// The warning a limit gives under `limits`.
  func warning(_ limit: DecodeLimits.Limit, _ limits: DecodeLimits = .standard) -> String {
    limit.warning(limits)
  }

  @Test func defaultsAreTheDocumentedOnes() {
    let d = DecodeLimits.standard
    #expect(d.maxMessageBytes == 16 << 20)
    #expect(d.maxMIMEDepth == 24)
    #expect(d.maxMIMEParts == 500)
    #expect(d.maxHeaderFields == 1000)
    #expect(d.maxHeaderFieldBytes == 64 << 10)
    #expect(d.maxRecipients == 1000)
    #expect(d.maxPartBytes == 4 << 20)
    #expect(d.maxScannedTextBytes == 64 << 10)
    #expect(InputLimits().maxMessageBytes == d.maxMessageBytes)
    #expect(warning(.messageBytes).contains("16 MiB"))
    #expect(warning(.headerFieldBytes).contains("64 KiB"))
  }

  @Test func aFixtureReachesNoLimit() throws {
    for fixture in FixtureSupport.expectedFixtures() {
      #expect(BounceAnalyzer().analyze(message: try FixtureSupport.bytes(fixture)).warnings == [], "\(fixture)")
    }
  }

  @Test func messageBytes() {
    let limits = DecodeLimits(maxMessageBytes: 4096)
    let text = Hostile.dsn(notification: String(repeating: "padding line\n", count: 1000))
    let result = BounceAnalyzer(limits: limits).analyze(message: Array(text.utf8))
    #expect(result.subject == "Undelivered Mail Returned to Sender")
    #expect(result.warnings == [warning(.messageBytes, limits)])
    // The standard limit, through the library entry: 17 MiB in, a result with a warning out.
    var big = Array("Subject: big\n\n".utf8)
    big.append(contentsOf: repeatElement(UInt8(ascii: "a"), count: 17 << 20))
    let bigResult = BounceAnalyzer().analyze(message: big)
    #expect(bigResult.subject == "big")
    // Its body is also a text part over the decoding limit.
    #expect(bigResult.warnings == [warning(.messageBytes), warning(.partBytes)])
  }

  @Test func mimeDepthKeepsTheShallowReport() {
    // A bounce whose third part nests deeper than the limit: the report is still read.
    var deep = "deep\n"
    for level in 0..<30 {
      deep = "Content-Type: multipart/mixed; boundary=\"d\(level)\"\n\n--d\(level)\n" + deep
    }
    let text = Hostile.dsn().replacingOccurrences(of: "--b-1\nContent-Type: text/rfc822-headers", with: "--b-1\n" + deep + "\n--b-1\nContent-Type: text/rfc822-headers")
    let result = BounceAnalyzer().analyze(message: Array(text.utf8))
    #expect(result.isBounce)
    #expect(result.warnings == [warning(.mimeDepth)])
  }

  @Test func mimeParts() {
    var text = "Content-Type: multipart/mixed; boundary=p\n\n"
    for i in 0..<700 { text += "--p\nContent-Type: text/plain\n\npart \(i)\n" }
    text += "--p--\n"
    let mail = ParsedMail(bytes: Array(text.utf8))
    #expect(mail.root.children.count < 500)
    #expect(mail.limitsReached == [.mimeParts])
    #expect(BounceAnalyzer().analyze(message: Array(text.utf8)).warnings == [warning(.mimeParts)])
    // The report comes first: still read.
    let report = Hostile.dsn().replacingOccurrences(of: "--b-1--\n", with: String(repeating: "--b-1\n\nfiller\n", count: 600) + "--b-1--\n")
    let result = BounceAnalyzer().analyze(message: Array(report.utf8))
    #expect(result.isBounce)
    #expect(result.warnings == [warning(.mimeParts)])
  }

  @Test func headerFieldsAndFieldLength() {
    let many = (0..<1500).map { "X-Filler-\($0): \($0)\n" }.joined()
    let result = BounceAnalyzer().analyze(message: Array(Hostile.dsn(extraHeader: many).utf8))
    // The fields that matter come before the filler or in later header blocks: still read.
    #expect(result.isBounce)
    #expect(result.subject == "Undelivered Mail Returned to Sender")
    #expect(result.warnings == [warning(.headerFields)])
    let (header, bodyStart) = MessageHeader.parse(Array(("Subject: s\n" + many + "\nbody").utf8)[...])
    #expect(header.fields.count == 1000)
    #expect(header.limitsReached == [.headerFields])
    #expect(bodyStart == Array(("Subject: s\n" + many + "\n").utf8).count)

    let long = "X-Long: " + String(repeating: "y", count: 100_000) + "\n"
    let longResult = BounceAnalyzer().analyze(message: Array(Hostile.dsn(extraHeader: long).utf8))
    #expect(longResult.isBounce)
    #expect(longResult.warnings == [warning(.headerFieldBytes)])
    let (cut, _) = MessageHeader.parse(Array(long.utf8)[...])
    #expect(cut.fields[0].rawValue.count == 64 << 10)
    // A long folded field is cut the same way.
    let folded = "Subject: " + String(repeating: "word\n ", count: 20_000) + "end\n\n"
    #expect(MessageHeader.parse(Array(folded.utf8)[...]).0.limitsReached == [.headerFieldBytes])
  }

  @Test func reportFieldLength() {
    let diagnostic = String(repeating: "z", count: 70_000)
    let text = Hostile.dsn().replacingOccurrences(of: "550 5.1.1 <taro@recipient.example.com>: User unknown", with: "550 5.1.1 " + diagnostic)
    let result = BounceAnalyzer().analyze(message: Array(text.utf8))
    #expect(result.recipients.first?.diagnostic.utf8.count ?? 0 <= 64 << 10)
    #expect(result.recipients.first?.status == "5.1.1")
    #expect(result.warnings == [warning(.headerFieldBytes)])
  }

  @Test func recipients() {
    let addresses = (0..<1200).map { "user\($0)@example.com" }
    let result = BounceAnalyzer().analyze(message: Array(Hostile.dsn(recipients: addresses).utf8))
    #expect(result.recipients.count == 1000)
    #expect(result.recipients.last?.recipient == "user999@example.com")
    #expect(result.warnings == [warning(.recipients)])
    let limits = DecodeLimits(maxRecipients: 2)
    let small = BounceAnalyzer(limits: limits).analyze(message: Array(Hostile.dsn(recipients: ["a@x.example", "b@x.example", "c@x.example"]).utf8))
    #expect(small.recipients.map(\.recipient) == ["a@x.example", "b@x.example"])
    #expect(small.warnings == [warning(.recipients, limits)])
  }

  @Test func partBytes() {
    let limits = DecodeLimits(maxPartBytes: 1000)
    let long = String(repeating: "text text\n", count: 500)
    let text = Hostile.dsn(notification: long)
    let result = BounceAnalyzer(limits: limits).analyze(message: Array(text.utf8))
    #expect(result.isBounce)
    #expect(result.warnings == [warning(.partBytes, limits)])
    let mail = ParsedMail(bytes: Array(text.utf8), limits: limits)
    #expect(mail.bodyText.utf8.count <= 1000)
    // Base64 is capped on the raw bytes: 1000 raw bytes decode to at most 750.
    let b64 = "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" + Data(long.utf8).base64EncodedString(options: .lineLength76Characters) + "\n"
    let encoded = ParsedMail(bytes: Array(b64.utf8), limits: limits)
    #expect(encoded.bodyText.utf8.count <= 750)
    #expect(encoded.limitsReached == [.partBytes])
    // The standard limit: a 5 MiB text part.
    let huge = "Content-Type: text/plain\n\n" + String(repeating: "0123456789abcde\n", count: 5 << 16)
    #expect(BounceAnalyzer().analyze(message: Array(huge.utf8)).warnings == [warning(.partBytes)])
  }

  @Test func scannedText() {
    let limits = DecodeLimits(maxScannedTextBytes: 10)
    #expect(limits.scannedText("short") == ("short", false))
    let (cut, wasCut) = limits.scannedText("日本語のテキスト")
    #expect(wasCut)
    #expect(cut == "日本語")
    #expect(DecodeLimits(maxScannedTextBytes: 0).scannedText("abc") == ("", true))
  }

  @Test func rulesReadOnlyTheBeginningOfALongDiagnostic() {
    // The diagnostic (`550 5.1.1 <a@x.example>: User unknown`) is 35 bytes: the rules read 20.
    let limits = DecodeLimits(maxScannedTextBytes: 20)
    let result = BounceAnalyzer(limits: limits).analyze(message: Array(Hostile.dsn(recipients: ["a@x.example"]).utf8))
    #expect(result.warnings == [warning(.scannedTextBytes, limits)])
    // The status still decides: the recipient is classified, not dropped.
    #expect(result.recipients.first?.reason == .userUnknown)
    #expect(BounceAnalyzer().analyze(message: Array(Hostile.dsn(recipients: ["a@x.example"]).utf8)).warnings.isEmpty)
  }

  @Test func warningsAreInAStableOrder() {
    let limits = DecodeLimits(maxMessageBytes: 3000, maxRecipients: 1)
    let text = Hostile.dsn(recipients: ["a@x.example", "b@x.example"], notification: String(repeating: "n\n", count: 2000))
      .replacingOccurrences(of: "--b-1\nContent-Type: message/delivery-status", with: "--b-1\nContent-Type: message/delivery-status")
    // The report comes after the padding: cut off. Put it first instead.
    let reordered = text.replacingOccurrences(of: String(repeating: "n\n", count: 2000), with: "x")
      .replacingOccurrences(of: "--b-1--\n", with: String(repeating: "filler\n", count: 500) + "--b-1--\n")
    let result = BounceAnalyzer(limits: limits).analyze(message: Array(reordered.utf8))
    #expect(result.warnings == [warning(.messageBytes, limits), warning(.recipients, limits)])
  }
}
