import Foundation
import Testing

@testable import BounceCLI
@testable import BounceKit

@Suite("Rendering")
struct RenderTests {
  @Test func terminalTextLosesEscapesAndControls() {
    let hostile = "ok\u{1B}]0;owned\u{07}\u{1B}[31mred\u{1B}[0m\u{0}\u{7F}\u{9B}2Jx\u{202E}y"
    #expect(SafeText.terminal(hostile) == "okredxy")
    #expect(SafeText.terminal("a\nb\tc") == "a b c")
  }

  @Test func csvCellsAreNeutralised() {
    #expect(SafeText.csvCell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
    #expect(SafeText.csvCell("+1") == "\"'+1\"")
    #expect(SafeText.csvCell("@SUM") == "\"'@SUM\"")
    #expect(SafeText.csvCell("a,b") == "\"a,b\"")
    #expect(SafeText.csvCell("plain") == "plain")
  }

  @Test func jsonStringsAreEscapedAndValid() throws {
    var w = JSONObjectWriter()
    w.field("text", "quote\" back\\ nl\n nul\u{0} 日本")
    w.field("n", nil as Int?)
    let bytes = w.finish()
    let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
    #expect(object?["text"] as? String == "quote\" back\\ nl\n nul\u{0} 日本")
    #expect(object?["n"] is NSNull)
  }

  @Test func scanRowsCarryTheScoredFields() throws {
    let message = TestMessages.dsn(["a@example.com"], diagnostic: "550 5.1.1 unknown user")
    let result = BounceAnalyzer().analyze(message: Array(message.utf8))
    let rows = ScanRow.rows(for: result, source: "x.eml", index: 0)
    #expect(rows.count == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(rows[0].json())) as? [String: Any])
    #expect(object["kind"] as? String == "recipient")
    #expect(object["recipient"] as? String == "a@example.com")
    #expect(object["status"] as? String == "5.1.1")
    #expect(object["replyCode"] as? Int == 550)
    #expect(object["reason"] as? String == "userunknown")
    #expect(object["hardBounce"] as? Bool == true)
    #expect(object["reportingMTA"] as? String == "mx.example.jp")

    let plain = BounceAnalyzer().analyze(message: Array("Subject: hi\n\nhello\n".utf8))
    let notBounce = ScanRow.rows(for: plain, source: "y.eml", index: 3)
    #expect(notBounce.count == 1 && notBounce[0].kind == .notBounce)
  }

  @Test func textOutputInBothLanguages() throws {
    let bytes = Array(try Data(contentsOf: FixtureSupportCLI.fixture("dsn/postfix-user-unknown.eml")))
    let result = BounceAnalyzer().analyze(message: bytes)
    let en = TextRenderer(labels: Labels(language: .english), color: false).render(result)
    #expect(en.contains("taro.yamada@recipient.example.com — there is no mailbox at this address"))
    #expect(en.contains("Whose move"))
    #expect(en.contains("5.1.1 — The recipient's mailbox does not exist"))
    let ja = TextRenderer(labels: Labels(language: .japanese), color: false).render(result)
    #expect(ja.contains("このアドレスのメールボックスはありません"))
    #expect(ja.contains("対処方法"))
    #expect(ja.contains("応答コード"))
    #expect(!ja.contains("\u{1B}"))
  }
}

@Suite("Explanations")
struct ExplanationTests {
  @Test func hostileTextNeverReachesTheTerminal() throws {
    let hostile = "550 5.1.1 <x@gmial.com>: User unknown \u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31m done"
    for lang in ["en", "ja"] {
      let out = try ExplainCommand.output(for: Array(hostile.utf8), arguments: ["--lang", lang])
      #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
      #expect(out.contains("gmail.com"))
    }
  }

  @Test func colourOnlyWhenAsked() throws {
    let result = BounceAnalyzer().advising(in: .english).analyze(message: Array("552 5.2.2 Mailbox full".utf8))
    let plain = TextRenderer(labels: Labels(language: .english), color: false).render(result)
    let coloured = TextRenderer(labels: Labels(language: .english), color: true).render(result)
    #expect(!plain.contains("\u{1B}"))
    #expect(coloured.contains("\u{1B}[1m552 5.2.2\u{1B}[0m"))
  }

  @Test func wrappingKeepsWordsAndJapanesePunctuation() {
    let english = Wrap.lines("Check the port and encryption pair: outgoing 587 with STARTTLS or 465 with SSL/TLS.", width: 30)
    #expect(english.allSatisfy { displayWidth($0) <= 30 })
    #expect(english.joined(separator: " ") == "Check the port and encryption pair: outgoing 587 with STARTTLS or 465 with SSL/TLS.")
    let japanese = Wrap.lines("アドレスが正しければ、相手の方に「受信許可リスト」への登録を依頼してください。", width: 20)
    #expect(japanese.allSatisfy { displayWidth($0) <= 20 })
    #expect(japanese.joined() == "アドレスが正しければ、相手の方に「受信許可リスト」への登録を依頼してください。")
    for line in japanese.dropFirst() {
      #expect(!(line.first.map { Wrap.noBreakBefore.contains($0) } ?? false), "\(line)")
    }
    for line in japanese.dropLast() {
      #expect(!(line.last.map { Wrap.noBreakAfter.contains($0) } ?? false), "\(line)")
    }
    #expect(Wrap.lines("short", width: 80) == ["short"])
    #expect(Wrap.lines("no width", width: nil) == ["no width"])
  }
}

enum FixtureSupportCLI {
  static func fixture(_ relative: String) -> URL {
    var url = URL(fileURLWithPath: #filePath)
    while url.pathComponents.count > 1 {
      url.deleteLastPathComponent()
      let candidate = url.appendingPathComponent("Fixtures")
      if FileManager.default.fileExists(atPath: candidate.path) { return candidate.appendingPathComponent(relative) }
    }
    fatalError("no Fixtures folder")
  }
}
