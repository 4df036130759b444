/// The Classify stage: gives every recipient of a report a reason, a hard/soft verdict, the rule
/// that decided and the text that matched, from a ``RuleSet``.
///
/// Compiling gathers every phrase of every rule into one ``PhraseMatcher``, so that classifying
/// a recipient is one pass over its diagnostic (capped at ``PhraseMatcher/scanLimit`` bytes),
/// then a check of the few rules whose phrases were found plus the rules that name no phrase.
struct RuleEngine: Sendable {
  private let rules: [Rule]
  private let matcher: PhraseMatcher
  /// For each pattern, the rules that list it under `phrase`.
  private let rulesByPattern: [[Int32]]
  /// Rules with no `phrase`: always candidates.
  private let phraseFreeRules: [Int32]
  /// The pattern index of each rule's `phrase`, `also` and `unless` entries.
  private let anyPatterns: [[Int32]]
  private let allPatterns: [[Int32]]
  private let nonePatterns: [[Int32]]
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
    let rules = set.rules.filter { $0.enabled && $0.reason != nil }.sorted {
      $0.priority != $1.priority ? $0.priority > $1.priority : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8)
    }
    var index: [PatternKey: Int32] = [:]
    var phrases: [Phrase] = []
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
    self.rules = rules
    self.matcher = PhraseMatcher(patterns: phrases)
    self.rulesByPattern = byPattern
    self.phraseFreeRules = phraseFree
    self.anyPatterns = anyPatterns
    self.allPatterns = allPatterns
    self.nonePatterns = nonePatterns
    self.stageOfPattern = (0..<phrases.count).map { stages[Int32($0)] }
  }

  /// Classifies one recipient of a report.
  func classify(_ recipient: RecipientReport, in report: DeliveryReport) -> Classification {
    // Where each pattern was first found, or -1.
    var firstStart = [Int32](repeating: -1, count: matcher.count)
    var firstEnd = [Int32](repeating: 0, count: matcher.count)
    var candidates = phraseFreeRules
    var statedStage: String?
    var diagnostic = recipient.diagnostic
    // The text scanned: the diagnostic, with a multi-line reply's repeated codes removed.
    let text: [UInt8] = diagnostic.withUTF8 { ReplyLines.joined($0) } ?? Array(recipient.diagnostic.utf8)
    text.withUnsafeBufferPointer { text in
      matcher.scan(text) { match in
        guard firstStart[match.pattern] < 0 else { return }
        firstStart[match.pattern] = Int32(match.start)
        firstEnd[match.pattern] = Int32(match.end)
        candidates.append(contentsOf: rulesByPattern[match.pattern])
        if statedStage == nil { statedStage = stageOfPattern[match.pattern] }
      }
    }
    let facts = Facts(recipient, report, statedStage: statedStage)
    // Rules are ranked by index: the first candidate whose conditions all hold wins.
    candidates.sort()
    var best: Int32 = -1
    var previous: Int32 = -1
    for candidate in candidates where candidate != previous {
      previous = candidate
      let r = Int(candidate)
      guard allPatterns[r].allSatisfy({ firstStart[Int($0)] >= 0 }),
        !nonePatterns[r].contains(where: { firstStart[Int($0)] >= 0 }),
        anyPatterns[r].isEmpty || anyPatterns[r].contains(where: { firstStart[Int($0)] >= 0 }),
        facts.satisfies(rules[r])
      else { continue }
      best = candidate
      break
    }
    guard best >= 0 else { return Self.fallback(facts) }
    let rule = rules[Int(best)]
    let reason = rule.reason ?? .onHold
    // Evidence: the earliest phrase of the rule found in the text, as the server wrote it.
    var earliest: Int32 = -1
    for p in anyPatterns[Int(best)] + allPatterns[Int(best)] where firstStart[Int(p)] >= 0 {
      if earliest < 0 || firstStart[Int(p)] < firstStart[Int(earliest)] { earliest = p }
    }
    var evidence = ""
    if earliest >= 0 {
      let lo = Int(firstStart[Int(earliest)])
      let hi = Int(firstEnd[Int(earliest)])
      if lo < hi, hi <= text.count { evidence = String(decoding: text[lo..<hi], as: UTF8.self) }
    }
    if evidence.isEmpty { evidence = facts.evidence(for: rule) }
    return Classification(
      reason: reason, hardBounce: rule.hard ?? facts.isHard(reason), rule: rule.id, evidence: evidence, topic: rule.topic)
  }

  /// When no rule matches: `undefined` if the report says nothing at all, else `onhold`.
  private static func fallback(_ facts: Facts) -> Classification {
    if facts.isEmpty {
      return Classification(reason: .undefined, hardBounce: false, rule: "fallback.nothing-said", evidence: "")
    }
    return Classification(reason: .onHold, hardBounce: false, rule: "fallback.no-rule-matched", evidence: facts.status ?? "")
  }
}

/// What a phrase matches, for interning equal phrases into one pattern.
private struct PatternKey: Hashable {
  var needle: [UInt8]
  var openStart: Bool
  var openEnd: Bool
}

/// The facts of one recipient, normalised once for matching.
private struct Facts {
  var status: String?
  var statusParts: (Int, Int, Int)?
  var reply: Int?
  var command: String?
  var host: String?
  var domain: String?
  var format: String
  var diagnosticType: String?
  var action: DeliveryAction?
  var kind: ReportKind
  var feedbackType: String?
  var isEmpty: Bool

  init(_ recipient: RecipientReport, _ report: DeliveryReport, statedStage: String?) {
    // A code with no detail (`5.0.0`, `5.1.0`) says little: a more specific code of the same
    // class in the server's own answer says more.
    var status = recipient.status.flatMap { $0.isEmpty ? nil : $0 }
    if status.map(Self.specificity) ?? 0 < 2, let inText = SMTPCodes.enhancedStatus(in: recipient.diagnostic),
      status == nil || (status?.first == inText.first && Self.specificity(inText) > Self.specificity(status ?? ""))
    {
      status = inText
    }
    self.status = status
    statusParts = status.flatMap(StatusPattern.parse)
    reply = recipient.replyCode ?? SMTPCodes.replyCode(in: recipient.diagnostic)
    command = recipient.command.map { $0.uppercased() } ?? statedStage
    host = recipient.remoteMTA.map(Self.hostName)
    if let at = recipient.recipient.lastIndex(of: "@") {
      domain = Self.hostName(String(recipient.recipient[recipient.recipient.index(after: at)...]))
    }
    format = report.format.lowercased()
    diagnosticType = recipient.diagnosticType?.lowercased()
    action = recipient.action
    kind = report.kind
    feedbackType = recipient.feedbackType
    isEmpty = recipient.diagnostic.isEmpty && status == nil && reply == nil
  }

  /// How much a status code says beyond its class: 0 for `5.0.0`, 1 for `5.1.0`, 2 for `5.1.1`.
  private static func specificity(_ code: String) -> Int {
    let parts = code.split(separator: ".")
    guard parts.count == 3 else { return 0 }
    return (parts[1] == "0" ? 0 : 1) + (parts[2] == "0" ? 0 : 1)
  }

  /// Lower case, without brackets, spaces or a final dot.
  private static func hostName(_ text: String) -> String {
    var name = text.lowercased()
    name.removeAll { $0 == "[" || $0 == "]" || $0 == " " || $0 == ">" || $0 == "<" }
    while name.hasSuffix(".") { name.removeLast() }
    return name
  }

  /// True when `name` is `suffix` or ends with `.suffix`.
  private static func name(_ name: String?, endsWith suffixes: [String]) -> Bool {
    guard let name else { return false }
    return suffixes.contains { suffix in
      name == suffix || (name.hasSuffix(suffix) && name.utf8.dropLast(suffix.utf8.count).last == ASCII.dot)
    }
  }

  /// Every condition of `rule` other than its phrases.
  func satisfies(_ rule: Rule) -> Bool {
    if !rule.kinds.isEmpty, !rule.kinds.contains(kind) { return false }
    if !rule.actions.isEmpty { guard let action, rule.actions.contains(action) else { return false } }
    if !rule.statuses.isEmpty { guard let statusParts, rule.statuses.contains(where: { $0.matches(statusParts) }) else { return false } }
    if !rule.replies.isEmpty { guard let reply, rule.replies.contains(where: { $0.matches(reply) }) else { return false } }
    if !rule.commands.isEmpty { guard let command, rule.commands.contains(command) else { return false } }
    if !rule.formats.isEmpty, !rule.formats.contains(format) { return false }
    if !rule.diagnosticTypes.isEmpty { guard let diagnosticType, rule.diagnosticTypes.contains(diagnosticType) else { return false } }
    if !rule.hosts.isEmpty, !Self.name(host, endsWith: rule.hosts) { return false }
    if !rule.domains.isEmpty, !Self.name(domain, endsWith: rule.domains) { return false }
    return true
  }

  /// Temporary when the status (or, without one, the reply code) says so, or the report is a
  /// delay warning.
  var isTemporary: Bool {
    if let first = status?.utf8.first { return first == 0x34 }
    if let reply { return reply / 100 == 4 }
    return action == .delayed
  }

  func isHard(_ reason: Reason) -> Bool {
    switch reason.hardness {
    case .always: return true
    case .whenPermanent: return !isTemporary
    case .never: return false
    }
  }

  /// What a rule that names no phrase matched on, most specific first.
  func evidence(for rule: Rule) -> String {
    if !rule.statuses.isEmpty, let status { return status }
    if !rule.replies.isEmpty, let reply { return String(reply) }
    if !rule.kinds.isEmpty, kind == .feedback { return feedbackType ?? kind.rawValue }
    if !rule.kinds.isEmpty { return kind.rawValue }
    if !rule.actions.isEmpty, let action { return action.rawValue }
    if !rule.hosts.isEmpty, let host { return host }
    if !rule.domains.isEmpty, let domain { return domain }
    if !rule.commands.isEmpty, let command { return command }
    if !rule.diagnosticTypes.isEmpty, let diagnosticType { return diagnosticType }
    return format
  }
}
