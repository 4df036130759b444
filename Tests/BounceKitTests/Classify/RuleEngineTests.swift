import Testing

@testable import BounceKit

/// The engine: one pass over the text, explicit priorities, ties by id, evidence, hard/soft.
@Suite("Rules engine")
struct RuleEngineTests {
  func classify(_ diagnostic: String, status: String? = nil, reply: Int? = nil, command: String? = nil,
                host: String? = nil, recipient: String = "someone@example.com", format: String = "RFC3464",
                action: DeliveryAction? = .failed, rules: RuleSet = .bundled) -> Classification {
    let facts = RecipientReport(
      recipient: recipient, action: action, status: status, replyCode: reply, diagnostic: diagnostic, remoteMTA: host,
      command: command)
    return RuleEngine(rules).classify(facts, in: DeliveryReport(format: format))
  }

  @Test func matcherFindsOverlappingPhrasesInOnePass() throws {
    let phrases = ["user unknown", "unknown", "known user", "ser"].compactMap { Phrase("*" + $0 + "*") }
    let matcher = PhraseMatcher(patterns: phrases)
    var found: [Int] = []
    var text = "550 USER UNKNOWN user"
    text.withUTF8 { matcher.scan($0, limit: 1 << 16) { found.append($0.pattern) } }
    #expect(Set(found) == [0, 1, 2, 3])
  }

  @Test func matcherBuiltFromSortedNeedlesKeepsEveryPattern() {
    // Shared prefixes, a needle that is a prefix of another, and the same needle twice (both
    // reported, in the order given), in an order that is not sorted.
    let words = ["mailbox full", "mail", "mailbox", "quota", "mailbox full", "mailbox unavailable", "box full"]
    let matcher = PhraseMatcher(patterns: words.map { Phrase("*" + $0 + "*")! })
    var found: [PhraseMatcher.Match] = []
    var text = "452 Mailbox full; mailbox unavailable over quota"
    text.withUTF8 { matcher.scan($0, limit: 1 << 16) { found.append($0) } }
    #expect(Set(found.map(\.pattern)) == Set(0..<words.count))
    let mailboxFull = found.filter { $0.start == 4 && $0.end == 16 }.map(\.pattern)
    #expect(mailboxFull == [0, 4])
    #expect(found.contains { $0.pattern == 6 && $0.start == 8 && $0.end == 16 })
  }

  @Test func patternHitsSwitchToATableWithoutLosingAHit() {
    var hits = PatternHits(patternCount: 100)
    for p in 0..<40 {
      let first = hits.record(p * 2, start: p, end: p + 3)
      #expect(first)
    }
    for p in 0..<40 {
      let again = hits.record(p * 2, start: 99, end: 99)  // only the first is kept
      #expect(!again)
    }
    for p in 0..<80 { #expect(hits.contains(Int32(p)) == (p % 2 == 0)) }
    #expect(hits.range(38).start == 19 && hits.range(38).end == 22)
    #expect(hits.range(78).start == 39)
    var few = PatternHits(patternCount: 100)
    let first = few.record(7, start: 1, end: 5)
    let again = few.record(7, start: 2, end: 6)
    #expect(first && !again)
    #expect(few.contains(7) && !few.contains(8) && few.range(7).end == 5)
  }

  @Test func phrasesMatchWholeWordsUnlessStarred() {
    let matcher = PhraseMatcher(patterns: [Phrase("relay")!, Phrase("blacklist*")!, Phrase("受信拒否")!])
    func hits(_ s: String) -> [Int] {
      var text = s
      var out: [Int] = []
      text.withUTF8 { matcher.scan($0, limit: 1 << 16) { out.append($0.pattern) } }
      return out
    }
    #expect(hits("we relayed it") == [])
    #expect(hits("no relay.") == [0])
    #expect(hits("IP blacklisted") == [1])
    #expect(hits("受信拒否設定により") == [2])
    #expect(hits("RELAY") == [0])
  }

  /// The filter table and the automaton find the same matches in the same order: every rule
  /// example, and texts made of the phrases themselves (overlapping, glued, upper-cased).
  @Test func filterScanAgreesWithTheAutomaton() {
    let rules = RuleSet.bundled.rules
    let phrases = rules.flatMap { $0.phrases + $0.alsoPhrases + $0.unlessPhrases }
    let filtered = PhraseMatcher(patterns: phrases)
    let automaton = PhraseMatcher(patterns: phrases, filter: false)
    var texts = rules.flatMap(\.examples)
    texts.append(phrases.map(\.text).joined(separator: " "))
    texts.append(phrases.map { $0.text.uppercased() }.joined())
    texts.append(phrases.map(\.text).joined(separator: "\t\n"))
    for text in texts {
      var copy = text
      var a: [PhraseMatcher.Match] = []
      var b: [PhraseMatcher.Match] = []
      copy.withUTF8 { bytes in
        filtered.scan(bytes, limit: 1 << 20) { a.append($0) }
        automaton.scan(bytes, limit: 1 << 20) { b.append($0) }
      }
      #expect(a == b, "\(text.prefix(80))")
    }
  }

  /// The filter scan skips spaces and, when no needle opening with a letter or digit is open at
  /// its start, positions inside words: with and without such a needle it finds what the
  /// automaton finds, at the first byte, after punctuation, inside words and in Japanese.
  @Test func filterScanSkipsOnlyWhereNothingCanStart() {
    let closed = ["listed", "user unknown", "#5.1.1", "<bad>", "宛先不明", "550 5", "abc"].map { Phrase($0)! }
    let open = closed + [Phrase("*listed")!, Phrase("*known*")!]
    let texts = [
      "listed blacklisted user unknown#5.1.1 <bad>宛先不明です", "Xlisted listedX -listed- 550 5.1.1",
      "abc", "ab", "", "\tuser\r\nunknown  listed", "宛先不明宛先不明 abcabc abc", String(repeating: "unknown listed ", count: 40),
    ]
    for patterns in [closed, open] {
      let filtered = PhraseMatcher(patterns: patterns)
      let automaton = PhraseMatcher(patterns: patterns, filter: false)
      for text in texts {
        var copy = text
        var a: [PhraseMatcher.Match] = []
        var b: [PhraseMatcher.Match] = []
        copy.withUTF8 { bytes in
          filtered.scan(bytes, limit: 1 << 20) { a.append($0) }
          automaton.scan(bytes, limit: 1 << 20) { b.append($0) }
        }
        #expect(a == b, "\(text.prefix(60))")
      }
    }
  }

  /// Needles crowding one group of the filter table leave the scan to the automaton, which
  /// still finds every one.
  @Test func crowdedNeedlesFallBackToTheAutomaton() {
    let words = (0..<(PhraseMatcher.maxBucket + 5)).map { "zzz\($0)x" }
    let matcher = PhraseMatcher(patterns: words.map { Phrase($0)! })
    var text = words.joined(separator: " ")
    var found: [Int] = []
    text.withUTF8 { matcher.scan($0, limit: 1 << 20) { found.append($0.pattern) } }
    #expect(found == Array(words.indices))
  }

  @Test func scanningStopsAtTheLimit() {
    let matcher = PhraseMatcher(patterns: [Phrase("needle")!])
    var text = String(repeating: "x ", count: 1000) + "needle"
    var found = 0
    text.withUTF8 { matcher.scan($0, limit: 2000) { _ in found += 1 } }
    #expect(found == 0)
    text.withUTF8 { matcher.scan($0, limit: 2006) { _ in found += 1 } }
    #expect(found == 1)
  }

  @Test func higherPriorityWinsAndTiesGoToTheSmallerID() throws {
    let text = """
      [b.rule]
      reason = mailboxfull
      priority = 600
      phrase = same words
      [a.rule]
      reason = suspend
      priority = 600
      phrase = same words
      [c.rule]
      reason = userunknown
      priority = 599
      phrase = same words
      """
    let set = try RuleSet(parsing: text)
    #expect(classify("the same words", rules: set).rule == "a.rule")
    // Order of rules does not matter.
    let reversed = RuleSet(set.rules.reversed())
    #expect(classify("the same words", rules: reversed).rule == "a.rule")
  }

  @Test func conditionsCombine() throws {
    let set = try RuleSet(
      parsing: """
        [x.all]
        reason = filtered
        phrase = unknown user
        also = after data
        unless = just kidding
        status = 5.2.*
        reply = 5xx
        command = DATA
        host = example.net
        domain = example.jp
        format = Sendmail
        action = failed
        """)
    func run(_ diag: String, status: String = "5.2.0", command: String = "DATA", host: String = "mx.example.net",
             recipient: String = "a@mail.example.jp", format: String = "sendmail") -> String {
      classify(diag, status: status, reply: 550, command: command, host: host, recipient: recipient, format: format, rules: set).rule
    }
    #expect(run("550 unknown user after data") == "x.all")
    #expect(run("550 unknown user after data just kidding") != "x.all")
    #expect(run("550 unknown user") != "x.all")
    #expect(run("550 unknown user after data", status: "5.1.1") != "x.all")
    #expect(run("550 unknown user after data", command: "RCPT") != "x.all")
    #expect(run("550 unknown user after data", host: "mx.example.org") != "x.all")
    #expect(run("550 unknown user after data", host: "badexample.net") != "x.all")
    #expect(run("550 unknown user after data", recipient: "a@example.com") != "x.all")
    #expect(run("550 unknown user after data", format: "Postfix") != "x.all")
  }

  @Test func theReporterIsTheHostThatWroteTheReport() throws {
    let set = try RuleSet(
      parsing: """
        [x.gateway]
        reason = userunknown
        reporter = gateway.example.net
        phrase = no such user
        """)
    func run(_ reporter: String?) -> String {
      let facts = RecipientReport(recipient: "someone@example.com", action: .failed, diagnostic: "550 someone@example.com... No such user")
      return RuleEngine(set).classify(facts, in: DeliveryReport(format: "RFC3464", reportingMTA: reporter)).rule
    }
    #expect(run("server-7.gateway.example.net") == "x.gateway")
    #expect(run("Server-7.Gateway.Example.NET (tcp-daemon)") == "x.gateway")
    #expect(run("gateway.example.net") == "x.gateway")
    #expect(run("badgateway.example.net") != "x.gateway")
    #expect(run("mx.example.org") != "x.gateway")
    #expect(run(nil) != "x.gateway")
  }

  @Test func evidenceIsTheServersOwnWords() {
    let verdict = classify("550 5.2.2 <a@example.jp>... Mailbox FULL", status: "5.2.2", reply: 550)
    #expect(verdict.reason == .mailboxFull)
    #expect(verdict.evidence == "Mailbox FULL")
    #expect(!verdict.hardBounce)
  }

  @Test func aCodeAloneIsEvidenceToo() {
    let verdict = classify("", status: "5.1.1")
    #expect(verdict.reason == .userUnknown)
    #expect(verdict.rule == "status.mailbox-does-not-exist")
    #expect(verdict.evidence == "5.1.1")
  }

  @Test func aBareClassCodeDefersToTheCodeInTheAnswer() {
    #expect(classify("550 5.1.1 address rejected", status: "5.0.0").reason == .userUnknown)
  }

  @Test func hardnessFollowsTheReasonNotTheDigit() {
    // A full mailbox with a 5xx code is soft; an unknown user with a 4xx code is hard.
    #expect(!classify("552 5.2.2 mailbox full", status: "5.2.2").hardBounce)
    #expect(classify("450 4.1.1 <a@example.org>: Recipient address rejected: User unknown in virtual alias table",
                     status: "4.1.1", command: "RCPT").hardBounce)
    // A host without mail service is hard only when permanent.
    #expect(classify("No MX found for domain", status: "5.0.0").hardBounce)
    #expect(!classify("No MX found for domain", status: "4.0.0").hardBounce)
    // A permanent policy refusal is soft.
    #expect(!classify("554 5.7.9 Message not accepted for policy reasons.", status: "5.7.9").hardBounce)
  }

  @Test func nothingSaidIsUndefinedAndUnknownWordsAreOnHold() {
    #expect(classify("").reason == .undefined)
    #expect(classify("something odd happened").reason == .onHold)
  }

  @Test func carriersUserUnknownCarriesTheAdviceTopic() {
    let filter = classify("550 : User unknown", reply: 550, command: "DATA", host: "lsean.ezweb.ne.jp", recipient: "a@ezweb.ne.jp")
    #expect(filter.reason == .filtered)
    #expect(filter.topic == RuleTopic.carrierFilter)
    #expect(!filter.hardBounce)
    let docomo = classify("550 Unknown user a@docomo.ne.jp", reply: 550, command: "DATA", recipient: "a@docomo.ne.jp")
    #expect(docomo.reason == .filtered)
    #expect(docomo.topic == RuleTopic.carrierFilter)
  }

  @Test func clientSideTopics() {
    #expect(classify("554 5.7.1 <a@example.org>: Relay access denied").topic == RuleTopic.smtpAuthRequired)
    #expect(classify("535 5.7.8 Username and Password not accepted.").topic == RuleTopic.authFailed)
    #expect(classify("534 5.7.9 Application-specific password required.").topic == RuleTopic.appPasswordRequired)
    #expect(classify("530 5.7.0 Must issue a STARTTLS command first.").topic == RuleTopic.tlsRequired)
    #expect(classify("550 5.4.5 Daily user sending limit exceeded.").topic == RuleTopic.senderQuota)
    let quota = classify("554 5.2.2 mailbox full; STOREDRV.Submission.Exception:SubmissionQuotaExceededException")
    #expect(quota.topic == RuleTopic.senderQuota)
    #expect(quota.reason != .mailboxFull)
    #expect(classify("550 5.2.2 <a@example.jp>... Mailbox Full").topic == nil)
  }

  @Test func userRulesOverrideBundledOnesByID() throws {
    let mine = try RuleSet(
      parsing: """
        [mailbox.full]
        reason = suspend
        priority = 560
        phrase = mailbox full
        """)
    let merged = RuleSet.bundled.adding(mine)
    #expect(merged.rules.count == RuleSet.bundled.rules.count)
    let verdict = classify("550 5.2.2 Mailbox Full", status: "5.2.2", rules: merged)
    #expect(verdict.reason == .suspend)
    #expect(verdict.rule == "mailbox.full")
    let off = RuleSet.bundled.adding(try RuleSet(parsing: "[mailbox.full]\nenabled = no\n"))
    #expect(classify("550 5.2.2 Mailbox Full", status: "5.2.2", rules: off).rule == "status.mailbox-full")
  }

  @Test func hostileTextStaysLinear() {
    // Long runs that almost match keep the automaton busy but not quadratic; this returns quickly.
    let text = String(repeating: "user unknow", count: 20_000)
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = classify(text) }
    #expect(elapsed < .seconds(2))
  }
}

@Suite("Multi-line replies")
struct ReplyLinesTests {
  func joined(_ s: String) -> String? {
    var text = s
    return text.withUTF8 { ReplyLines.joined($0) }.map { String(decoding: $0, as: UTF8.self) }
  }

  @Test func repeatedCodesAreRemoved() {
    #expect(
      joined("host x said: 550-5.7.1 Messages with multiple 550-5.7.1 addresses in From: header 550 5.7.1 are not accepted")
        == "host x said: 550-5.7.1 Messages with multiple addresses in From: header are not accepted")
    #expect(joined("550-Mailbox 550-unavailable 550 here") == "550-Mailbox unavailable here")
  }

  @Test func singleLineRepliesAreLeftAlone() {
    #expect(joined("550 5.1.1 user unknown 550 5.1.1 user unknown") == nil)
    #expect(joined("call 555-1234 now") == nil)
  }

  @Test func thePhraseAcrossLinesIsFound() {
    let facts = RecipientReport(
      recipient: "a@example.com", action: .failed, status: "5.7.1",
      diagnostic: "550-5.7.1 [192.0.2.1 13] Messages with multiple 550 5.7.1 addresses in From: header are not accepted. - gsmtp")
    let verdict = RuleEngine(.bundled).classify(facts, in: DeliveryReport(format: "Postfix"))
    #expect(verdict.reason == .notCompliantRFC)
    #expect(verdict.evidence == "Messages with multiple addresses in From:")
  }
}
