/// The Classify stage: gives every recipient of a report a reason, a hard/soft verdict, the rule
/// that decided and the text that matched, from a ``RuleSet``.
///
/// Compiling gathers every phrase of every rule into one ``PhraseMatcher``, so that classifying
/// a recipient is one pass over its diagnostic (capped at ``DecodeLimits/maxScannedTextBytes``),
/// then a check of the few rules whose phrases were found plus the rules that name no phrase.
struct RuleEngine: Sendable {
  /// The ranked rules, boxed: checking a candidate then reads the rule in place instead of
  /// copying its many arrays.
  private let rules: [RuleBox]
  /// The same boxes, unretained (`rules` keeps them alive): a candidate's check borrows its
  /// box through `_withUnsafeGuaranteedRef` instead of retaining and releasing it, and most
  /// recipients check scores of rules that name no phrase.
  private let unretainedRules: [Unmanaged<RuleBox>]
  private let matcher: PhraseMatcher
  /// For each pattern, the rules that list it under `phrase`.
  private let rulesByPattern: [[Int32]]
  /// Rules with no `phrase`: always candidates.
  private let phraseFreeRules: [Int32]
  /// The pattern index of each rule's `phrase`, `also` and `unless` entries, all in one array:
  /// rule `r`'s are `patterns[bounds[3r]..<bounds[3r + 1]]`, then up to `bounds[3r + 2]`, then
  /// up to `bounds[3r + 3]`. Two flat arrays read through pointers cost a candidate no
  /// retain and release of an inner array.
  private let patterns: [Int32]
  private let bounds: [Int32]
  /// For each pattern, the SMTP command it names when it is one of ``stagePhrases``.
  private let stageOfPattern: [String?]

  /// Words with which MTAs say at which SMTP stage an answer came, used when the report gives
  /// no command: the stage matters (a "user unknown" at RCPT is an address check, after DATA a
  /// filter). Found in the same pass as the rules' phrases.
  static let stagePhrases: [(phrase: String, command: String)] = [
    ("in reply to rcpt to command", "RCPT"), ("after rcpt to:", "RCPT"), ("does not like recipient", "RCPT"),
    ("did not like our rcpt to", "RCPT"), ("in reply to end of data command", "DATA"),
    ("in reply to data command", "DATA"), ("after end of data", "DATA"), ("did not like our final data", "DATA"),
    ("failed after i sent the message", "DATA"), ("in reply to mail from command", "MAIL"), ("after mail from:", "MAIL"),
    ("but sender was rejected", "MAIL"), ("after initial connection", "CONN"), ("refused to talk to me", "CONN"),
  ]

  /// Compiles the enabled rules of a set, ranked: higher priority first, then smaller id, so
  /// that the first candidate whose conditions hold is the winner.
  init(_ set: RuleSet) {
    let enabled = set.rules.indices.filter { set.rules[$0].enabled && set.rules[$0].reason != nil }
    // Positions sorted, read in place: a rule bound to a name would be copied for each comparison.
    let all = set.rules
    let rules = enabled.sorted {
      all[$0].priority != all[$1].priority ? all[$0].priority > all[$1].priority : all[$0].id.utf8Precedes(all[$1].id)
    }.map { all[$0] }
    var index: [PatternKey: Int32] = [:]
    var phrases: [Phrase] = []
    // Room for every phrase at once: growing the table rehashes every needle.
    let phraseCount = rules.reduce(Self.stagePhrases.count) { $0 + $1.phrases.count + $1.alsoPhrases.count + $1.unlessPhrases.count }
    index.reserveCapacity(phraseCount)
    phrases.reserveCapacity(phraseCount)
    func intern(_ phrase: Phrase) -> Int32 {
      let key = PatternKey(needle: phrase.needle, openStart: phrase.openStart, openEnd: phrase.openEnd)
      if let found = index[key] { return found }
      let id = Int32(phrases.count)
      index[key] = id
      phrases.append(phrase)
      return id
    }
    var anyPatterns: [[Int32]] = []
    var allPatterns: [[Int32]] = []
    var nonePatterns: [[Int32]] = []
    for rule in rules {
      anyPatterns.append(rule.phrases.map(intern))
      allPatterns.append(rule.alsoPhrases.map(intern))
      nonePatterns.append(rule.unlessPhrases.map(intern))
    }
    var stages: [Int32: String] = [:]
    for (text, command) in Self.stagePhrases {
      if let phrase = Phrase(text) { stages[intern(phrase)] = command }
    }
    var byPattern = [[Int32]](repeating: [], count: phrases.count)
    var phraseFree: [Int32] = []
    for (r, patterns) in anyPatterns.enumerated() {
      if patterns.isEmpty { phraseFree.append(Int32(r)) }
      for p in Set(patterns) { byPattern[Int(p)].append(Int32(r)) }
    }
    self.rules = rules.map(RuleBox.init)
    self.unretainedRules = self.rules.map { Unmanaged.passUnretained($0) }
    self.matcher = PhraseMatcher(patterns: phrases)
    self.rulesByPattern = byPattern
    self.phraseFreeRules = phraseFree
    var flat: [Int32] = []
    var bounds: [Int32] = [0]
    for r in rules.indices {
      for list in [anyPatterns[r], allPatterns[r], nonePatterns[r]] {
        flat.append(contentsOf: list)
        bounds.append(Int32(flat.count))
      }
    }
    self.patterns = flat
    self.bounds = bounds
    self.stageOfPattern = (0..<phrases.count).map { stages[Int32($0)] }
  }

  /// Classifies one recipient of a report, reading at most the standard number of bytes of its
  /// diagnostic.
  func classify(_ recipient: RecipientReport, in report: DeliveryReport) -> Classification {
    classify(recipient, in: report, scanLimit: DecodeLimits.standard.maxScannedTextBytes).classification
  }

  /// Classifies one recipient of a report, reading at most `scanLimit` bytes of its diagnostic;
  /// `cut` is true when the diagnostic was longer.
  func classify(_ recipient: RecipientReport, in report: DeliveryReport, scanLimit: Int) -> (classification: Classification, cut: Bool) {
    // Where each pattern was first found, or -1.
    var hits = PatternHits(patternCount: matcher.count)
    // The rules whose phrases were found; the phrase-free rules are candidates too, and are
    // merged in rank order below rather than copied and sorted with these.
    var candidates: [Int32] = []
    var statedStage: String?
    var diagnostic = recipient.diagnostic
    // The text scanned: the diagnostic, with a multi-line reply's repeated codes removed.
    let text: [UInt8] = diagnostic.withUTF8 { ReplyLines.joined($0) } ?? Array(recipient.diagnostic.utf8)
    // The closure reads these two tables, not `self`: capturing the engine would copy it.
    let rulesByPattern = rulesByPattern
    let stageOfPattern = stageOfPattern
    text.withUnsafeBufferPointer { text in
      matcher.scan(text, limit: scanLimit) { match in
        guard hits.record(match.pattern, start: match.start, end: match.end) else { return }
        candidates.append(contentsOf: rulesByPattern[match.pattern])
        if statedStage == nil { statedStage = stageOfPattern[match.pattern] }
      }
    }
    var facts = RecipientFacts(recipient, report, statedStage: statedStage)
    // Rules are ranked by index: the first candidate whose conditions all hold wins.
    candidates.sort()
    let best = firstMatch(candidates, hits, &facts)
    let cut = text.count > scanLimit
    guard best >= 0 else { return (Self.fallback(facts), cut) }
    // The rule read in place through its box: a copy would retain each of its arrays.
    let box = rules[Int(best)]
    let reason = box.rule.reason ?? .onHold
    // Evidence: the earliest phrase of the rule found in the text, as the server wrote it.
    var earliest: Int32 = -1
    // The `phrase` and `also` lists of the rule lie next to each other.
    for i in Int(bounds[3 * Int(best)])..<Int(bounds[3 * Int(best) + 2]) {
      let p = patterns[i]
      guard hits.contains(p) else { continue }
      if earliest < 0 || hits.range(p).start < hits.range(earliest).start { earliest = p }
    }
    var evidence = ""
    if earliest >= 0 {
      let lo = Int(hits.range(earliest).start)
      let hi = Int(hits.range(earliest).end)
      if lo < hi, hi <= text.count { evidence = String(decoding: text[lo..<hi], as: UTF8.self) }
    }
    if evidence.isEmpty { evidence = facts.evidence(for: box.rule) }
    let classification = Classification(
      reason: reason, hardBounce: box.rule.hard ?? facts.isHard(reason), rule: box.rule.id, evidence: evidence, topic: box.rule.topic)
    return (classification, cut)
  }

  /// The first rule, in rank order, among `candidates` (sorted) and the phrase-free rules whose
  /// conditions all hold, or -1. The loop's variables are its own: changed by a closure from
  /// outside it, they would be checked for exclusive access at every use.
  private func firstMatch(_ candidates: [Int32], _ hits: PatternHits, _ facts: inout RecipientFacts) -> Int32 {
    unretainedRules.withUnsafeBufferPointer { rules in
      patterns.withUnsafeBufferPointer { patterns in
        bounds.withUnsafeBufferPointer { bounds in
          var previous: Int32 = -1
          var free = 0
          var found = 0
          while free < phraseFreeRules.count || found < candidates.count {
            let candidate: Int32
            if found == candidates.count || free < phraseFreeRules.count && phraseFreeRules[free] < candidates[found] {
              candidate = phraseFreeRules[free]
              free += 1
            } else {
              candidate = candidates[found]
              found += 1
            }
            guard candidate != previous else { continue }
            previous = candidate
            let r = Int(candidate)
            let anyStart = bounds[3 * r]
            let allStart = bounds[3 * r + 1]
            let noneStart = bounds[3 * r + 2]
            let end = bounds[3 * r + 3]
            guard Self.allFound(patterns, allStart, noneStart, in: hits),
              noneStart == end || !Self.anyFound(patterns, noneStart, end, in: hits),
              anyStart == allStart || Self.anyFound(patterns, anyStart, allStart, in: hits),
              rules[r]._withUnsafeGuaranteedRef({ facts.satisfies($0) })
            else { continue }
            return candidate
          }
          return -1
        }
      }
    }
  }

  /// True when some pattern of `patterns[lo..<hi]` was found.
  @inline(__always) private static func anyFound(_ patterns: UnsafeBufferPointer<Int32>, _ lo: Int32, _ hi: Int32, in hits: PatternHits) -> Bool {
    for i in Int(lo)..<Int(hi) where hits.contains(patterns[i]) { return true }
    return false
  }

  /// True when every pattern of `patterns[lo..<hi]` was found (so when there is none).
  @inline(__always) private static func allFound(_ patterns: UnsafeBufferPointer<Int32>, _ lo: Int32, _ hi: Int32, in hits: PatternHits) -> Bool {
    for i in Int(lo)..<Int(hi) where !hits.contains(patterns[i]) { return false }
    return true
  }

  /// When no rule matches: `undefined` if the report says nothing at all, else `onhold`.
  private static func fallback(_ facts: RecipientFacts) -> Classification {
    if facts.isEmpty {
      return Classification(reason: .undefined, hardBounce: false, rule: "fallback.nothing-said", evidence: "")
    }
    return Classification(reason: .onHold, hardBounce: false, rule: "fallback.no-rule-matched", evidence: facts.status ?? "")
  }
}

/// Where each pattern was first found in one text. A text holds few of the patterns, so they
/// are kept in a short list searched in order; past `listLimit` of them the list becomes a
/// table indexed by pattern, so that a text full of phrases still costs linear time. (A table
/// from the start would be allocated and cleared for every recipient, whatever its text.)
struct PatternHits {
  private struct Hit {
    var pattern: Int32
    var start: Int32
    var end: Int32
  }
  private static let listLimit = 32
  private var list: [Hit] = []
  /// Per pattern, `start << 32 | end`, or -1; empty while the list is used.
  private var table: [Int64] = []
  private let patternCount: Int

  init(patternCount: Int) {
    self.patternCount = patternCount
  }

  /// Notes the first occurrence of `pattern`; false when it was found before.
  mutating func record(_ pattern: Int, start: Int, end: Int) -> Bool {
    if table.isEmpty {
      if list.contains(where: { $0.pattern == Int32(pattern) }) { return false }
      if list.count < Self.listLimit {
        list.append(Hit(pattern: Int32(pattern), start: Int32(start), end: Int32(end)))
        return true
      }
      table = [Int64](repeating: -1, count: patternCount)
      for hit in list { table[Int(hit.pattern)] = Int64(hit.start) << 32 | Int64(hit.end) }
    }
    guard table[pattern] < 0 else { return false }
    table[pattern] = Int64(start) << 32 | Int64(end)
    return true
  }

  /// True when `pattern` was found.
  func contains(_ pattern: Int32) -> Bool {
    if table.isEmpty { return list.contains { $0.pattern == pattern } }
    return table[Int(pattern)] >= 0
  }

  /// Where `pattern` was first found; only for a pattern found.
  func range(_ pattern: Int32) -> (start: Int32, end: Int32) {
    if table.isEmpty {
      let hit = list.first { $0.pattern == pattern }!
      return (hit.start, hit.end)
    }
    let packed = table[Int(pattern)]
    return (Int32(truncatingIfNeeded: packed >> 32), Int32(truncatingIfNeeded: packed))
  }
}

/// What a phrase matches, for interning equal phrases into one pattern.
private struct PatternKey: Hashable {
  var needle: [UInt8]
  var openStart: Bool
  var openEnd: Bool

  /// The needle hashed as one block of bytes: hashing its elements one by one was most of the
  /// cost of interning the phrases at every start.
  func hash(into hasher: inout Hasher) {
    needle.withUnsafeBytes { hasher.combine(bytes: $0) }
    hasher.combine(needle.count)
    hasher.combine(openStart)
    hasher.combine(openEnd)
  }
}

/// One compiled rule, shared by reference, with the conditions checked for every candidate
/// held as fields of their own: checking reads them in place instead of copying the rule.
final class RuleBox: Sendable {
  let rule: Rule
  let kinds: [ReportKind]
  let actions: [DeliveryAction]
  let statuses: [StatusPattern]
  let replies: [ReplyPattern]
  let commands: [String]
  let formats: [String]
  let diagnosticTypes: [String]
  let hosts: [String]
  let domains: [String]
  let reporters: [String]

  /// Which condition lists are not empty, one bit each in the order ``RecipientFacts/satisfies(_:)``
  /// checks them: a rule with none (most have one or two) is settled without reading them.
  let conditions: UInt16

  init(_ rule: Rule) {
    self.rule = rule
    let lists = [
      rule.kinds.isEmpty, rule.actions.isEmpty, rule.statuses.isEmpty, rule.replies.isEmpty, rule.commands.isEmpty,
      rule.formats.isEmpty, rule.diagnosticTypes.isEmpty, rule.hosts.isEmpty, rule.domains.isEmpty, rule.reporters.isEmpty,
    ]
    conditions = lists.enumerated().reduce(0) { $1.element ? $0 : $0 | 1 << UInt16($1.offset) }
    kinds = rule.kinds
    actions = rule.actions
    statuses = rule.statuses
    replies = rule.replies
    commands = rule.commands
    formats = rule.formats
    diagnosticTypes = rule.diagnosticTypes
    hosts = rule.hosts
    domains = rule.domains
    reporters = rule.reporters
  }
}
