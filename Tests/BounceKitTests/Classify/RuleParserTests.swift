import Foundation
import Testing

@testable import BounceKit

/// A bad rules file is refused with its file name, the line and what is wrong.
@Suite("Rules file errors")
struct RuleParserTests {
  func error(_ text: String) -> RuleFileError? {
    do {
      _ = try RuleSet(parsing: text, file: "mine.rules")
      return nil
    } catch {
      return error
    }
  }

  @Test func aGoodFileParses() throws {
    let set = try RuleSet(
      parsing: """
        # comment
        [mine.one]
        reason   = mailboxfull
        priority = 800
        phrase   = box is stuffed
        status   = 5.2.*, *.7.606-649
        reply    = 55x, 450-452
        command  = rcpt, DATA
        host     = *.Example.COM.
        domain   = example.jp
        reporter = .MessageLabs.com
        diagnostic-type = smtp
        format   = Postfix
        action   = failed
        kind     = delivery-status
        hard     = no
        topic    = sender-mailbox-full
        example  = 552 5.2.2 box is stuffed
        """, file: "mine.rules")
    let rule = try #require(set["mine.one"])
    #expect(rule.reason == .mailboxFull)
    #expect(rule.priority == 800)
    #expect(rule.commands == ["RCPT", "DATA"])
    #expect(rule.hosts == ["example.com"])
    #expect(rule.reporters == ["messagelabs.com"])
    #expect(rule.formats == ["postfix"])
    #expect(rule.hard == false)
    #expect(rule.origin == Rule.Origin(file: "mine.rules", line: 2))
    #expect(rule.statuses.map(\.text) == ["5.2.*", "*.7.606-649"])
  }

  @Test func unknownKeyNamesTheLine() {
    let e = error("[a.b]\nreason = userunknown\nreasn = userunknown\n")
    #expect(e?.line == 3)
    #expect(e?.file == "mine.rules")
    #expect(e?.message.hasPrefix("unknown key 'reasn'") == true)
    #expect(e?.description.hasPrefix("rules file mine.rules, line 3: unknown key 'reasn'") == true)
  }

  @Test(arguments: [
    ("[a.b]\nreason = nosuchreason\nphrase = abc", 2, "unknown reason 'nosuchreason'"),
    ("[a.b]\nreason = userunknown\npriority = high\nphrase = abc", 3, "priority must be a whole number"),
    ("[a.b]\nreason = userunknown\npriority = 2000\nphrase = abc", 3, "priority must be a whole number"),
    ("[a.b]\nreason = userunknown\nstatus = 5.1", 3, "'5.1' is not a status pattern"),
    ("[a.b]\nreason = userunknown\nstatus = 3.1.1", 3, "'3.1.1' is not a status pattern"),
    ("[a.b]\nreason = userunknown\nreply = 5500", 3, "'5500' is not a reply code pattern"),
    ("[a.b]\nreason = userunknown\nphrase = ab", 3, "the phrase 'ab' is too short"),
    ("[a.b]\nreason = userunknown\ntopic = make-coffee\nphrase = abc", 3, "unknown topic 'make-coffee'"),
    ("[a.b]\nreason = userunknown\naction = bounced\nphrase = abc", 3, "unknown action 'bounced'"),
    ("[a.b]\nreason = userunknown\nkind = spam\nphrase = abc", 3, "unknown kind 'spam'"),
    ("[a.b]\nreason = userunknown\nhard = maybe\nphrase = abc", 3, "'hard' must be yes or no"),
    ("[a.b]\nreason = userunknown\nreason = mailboxfull\nphrase = abc", 3, "'reason' is given twice"),
    ("[a.b]\nreason = userunknown\nphrase =\n", 3, "'phrase' has no value"),
    ("[a.b]\nreason = userunknown\njust some words\n", 3, "expected 'key = value'"),
    ("reason = userunknown\n", 1, "'reason' comes before any [rule-id] header"),
    ("[bad id!]\nreason = userunknown\n", 1, "'bad id!' is not a valid rule id"),
    ("[a.b\nreason = userunknown\n", 1, "a rule header must look like [rule-id]"),
    ("[a.b]\nphrase = abc\n", 1, "rule [a.b] has no reason"),
    ("[a.b]\nreason = userunknown\nexample = 550 x\n", 1, "rule [a.b] has no condition"),
    ("[a.b]\nreason = userunknown\nphrase = abc\n\n[a.b]\nreason = userunknown\nphrase = abc\n", 5,
     "rule [a.b] is defined twice (first on line 1)"),
  ])
  func badValuesAreNamed(text: String, line: Int, message: String) {
    let e = error(text)
    #expect(e?.line == line, "\(String(describing: e))")
    #expect(e?.message.hasPrefix(message) == true, "\(String(describing: e))")
  }

  /// Lines are read on their bytes; keys in any case, with blanks anywhere around them, and a key
  /// that is not ASCII but lower-cases to a known one (the Kelvin sign `K` to `k`), read as
  /// before; phrase markers and white space are folded the same with or without markers.
  @Test func keysAndPhrasesReadOnTheirBytes() throws {
    let set = try RuleSet(
      parsing: "  \t# note\n[a.b]  \n\tREASON\t=  userunknown \r\n Phrase =*Black  List*\n\u{212A}ind = delivery-status\nphrase =  no  such\tuser  \n",
      file: "mine.rules")
    let rule = try #require(set["a.b"])
    #expect(rule.reason == .userUnknown)
    #expect(rule.kinds == [.deliveryStatus])
    #expect(rule.phrases.map(\.needle) == [Array("black list".utf8), Array("no such user".utf8)])
    #expect(rule.phrases.map { [$0.openStart, $0.openEnd] } == [[true, true], [false, false]])
    // Other line ends (a bare CR, a form feed) are split as Swift sees lines.
    let cr = try RuleSet(parsing: "[a.b]\rreason = userunknown\u{0C}phrase = abc\r")
    #expect(cr["a.b"]?.phrases.first?.needle == Array("abc".utf8))
    // A key with '[' first is a header, whatever follows.
    #expect(error("[a.b]\nreason = userunknown\n[x = y\n")?.message.hasPrefix("a rule header must look like") == true)
  }

  /// The last rule of an id is kept, and rules come sorted by the bytes of their ids.
  @Test func laterRulesReplaceEarlierOnesInIdOrder() throws {
    let first = try RuleSet(parsing: "[b.z]\nreason = userunknown\nphrase = abc\n[a.y]\nreason = filtered\nphrase = def\n")
    let second = try RuleSet(parsing: "[b.z]\nreason = mailboxfull\nphrase = ghi\n[B.a]\nreason = filtered\nphrase = jkl\n")
    let merged = first.adding(second)
    #expect(merged.rules.map(\.id) == ["B.a", "a.y", "b.z"])
    #expect(merged["b.z"]?.reason == .mailboxFull)
  }

  @Test func aSwitchedOffRuleNeedsNoReason() throws {
    let set = try RuleSet(parsing: "[mailbox.full]\nenabled = no\n")
    #expect(set["mailbox.full"]?.enabled == false)
  }

  @Test func windowsLineEndingsAndABOMAreFine() throws {
    let set = try RuleSet(parsing: "\u{FEFF}[a.b]\r\nreason = userunknown\r\nphrase = abc\r\n")
    #expect(set["a.b"]?.phrases.first?.needle == Array("abc".utf8))
  }

  @Test func aMissingFileIsNamed() {
    do {
      _ = try RuleSet(contentsOfFile: "/nonexistent/mine.rules")
      Issue.record("no error")
    } catch {
      #expect(error.description == "rules file /nonexistent/mine.rules: cannot be read: no such file or folder.")
    }
  }

  @Test func aBinaryFileIsRefused() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bouncekit-binary-\(UUID().uuidString).rules")
    try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: path)
    defer { try? FileManager.default.removeItem(at: path) }
    do {
      _ = try RuleSet(contentsOfFile: path.path)
      Issue.record("no error")
    } catch {
      #expect(error.message == "is not UTF-8 text")
      #expect(error.line == 0)
    }
  }

  @Test func aFolderIsRefused() {
    do {
      _ = try RuleSet(contentsOfFile: FileManager.default.temporaryDirectory.path)
      Issue.record("no error")
    } catch {
      #expect(error.message == "cannot be read: is a folder")
    }
  }
}
