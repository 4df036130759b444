/// A set of classification rules: the bundled ones, a user's, or both merged.
///
/// ```swift
/// let mine = try RuleSet(contentsOfFile: "my.rules")
/// let analyzer = BounceAnalyzer(rules: RuleSet.bundled.adding(mine))
/// ```
///
/// Rules are kept sorted by id, so that nothing depends on the order they were read in.
public struct RuleSet: Sendable, Equatable {
  /// The rules, sorted by id.
  public private(set) var rules: [Rule]

  /// A set of the given rules. When two share an id, the later one is kept.
  public init(_ rules: [Rule]) {
    // The position of the last rule of each id; the positions are sorted, so that each rule
    // (a large value) is copied once, not moved about by the sort.
    var last: [String: Int] = [:]
    last.reserveCapacity(rules.count)
    for (i, rule) in rules.enumerated() { last[rule.id] = i }
    self.rules = last.values.sorted { rules[$0].id.utf8Precedes(rules[$1].id) }.map { rules[$0] }
  }

  /// Parses rules from text in the rules file format; `file` names the source in errors.
  public init(parsing text: String, file: String = "<string>") throws(RuleFileError) {
    self.init(try RuleParser.parse(text, file: file))
  }

  /// Reads and parses a rules file. Throws a ``RuleFileError`` naming the file (and the line,
  /// for a problem in its content) when it cannot be read or is not valid.
  public init(contentsOfFile path: String) throws(RuleFileError) {
    let bytes: [UInt8]
    do {
      bytes = try TextFile.read(path, limit: Self.maxFileBytes)
    } catch {
      throw RuleFileError(file: path, line: 0, message: "cannot be read: \(error.reason)")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw RuleFileError(file: path, line: 0, message: "is not UTF-8 text")
    }
    if text.utf8.contains(0) { throw RuleFileError(file: path, line: 0, message: "is not a text file (it holds NUL bytes)") }
    try self.init(parsing: text, file: path)
  }

  /// The largest rules file read: 4 MiB.
  public static let maxFileBytes = 4 << 20

  /// This set with `other`'s rules added; a rule of `other` replaces the rule of the same id
  /// here (a rule with `enabled = no` switches it off).
  public func adding(_ other: RuleSet) -> RuleSet {
    RuleSet(rules + other.rules)
  }

  /// The rule with this id, if any.
  public subscript(id: String) -> Rule? {
    rules.first { $0.id == id }
  }

  /// The rules that come with BounceKit, compiled into the library from
  /// `Sources/BounceKit/Rules`.
  public static let bundled: RuleSet = loadBundled().set

  /// Problems found while reading the bundled rules (none in a tested build): a bad file is
  /// skipped rather than stopping the library.
  public static let bundledProblems: [RuleFileError] = loadBundled().problems

  private static func loadBundled() -> (set: RuleSet, problems: [RuleFileError]) {
    var rules: [Rule] = []
    var problems: [RuleFileError] = []
    var seen: [String: Rule.Origin] = [:]
    for (name, bytes) in BundledRules.files {
      do {
        for rule in try RuleParser.parse(String(decoding: bytes, as: UTF8.self), file: name) {
          if let first = seen[rule.id] {
            problems.append(RuleFileError(file: name, line: rule.origin.line, message: "rule [\(rule.id)] is also defined at \(first)"))
            continue
          }
          seen[rule.id] = rule.origin
          rules.append(rule)
        }
      } catch {
        problems.append(error)
      }
    }
    return (RuleSet(rules), problems)
  }

  /// Runs every example of every enabled rule through an engine built from this set and
  /// returns one line per example that does not give its rule's reason (empty when all pass).
  ///
  /// An example is the server's answer; the status and reply codes are read from it, and the
  /// rule's other conditions (first host, domain, command, diagnostic type, format, action,
  /// kind) are taken as
  /// the context it was seen in.
  public func exampleProblems() -> [String] {
    let engine = RuleEngine(self)
    var problems: [String] = []
    for rule in rules where rule.enabled {
      guard let reason = rule.reason else { continue }
      if rule.examples.isEmpty { problems.append("\(rule.origin): rule [\(rule.id)] has no example") }
      for example in rule.examples {
        let (recipient, report) = Self.context(for: rule, example: example)
        let verdict = engine.classify(recipient, in: report)
        if verdict.reason != reason {
          problems.append(
            "\(rule.origin): an example of [\(rule.id)] gives \(verdict.reason.rawValue) by [\(verdict.rule)], not \(reason.rawValue): \(example)")
        }
      }
    }
    return problems
  }

  /// The recipient and report an example of `rule` is tried in.
  static func context(for rule: Rule, example: String) -> (RecipientReport, DeliveryReport) {
    let text = example.foldingWhitespace
    var recipient = RecipientReport(
      recipient: "someone@" + (rule.domains.first ?? "example.com"),
      action: rule.actions.first ?? .failed,
      status: SMTPCodes.enhancedStatus(in: text),
      replyCode: SMTPCodes.replyCode(in: text),
      diagnostic: text,
      diagnosticType: rule.diagnosticTypes.first,
      remoteMTA: rule.hosts.first.map { "mx." + $0 },
      command: rule.commands.first)
    let kind = rule.kinds.first ?? .deliveryStatus
    if kind == .feedback { recipient.feedbackType = "abuse" }
    var report = DeliveryReport(kind: kind, format: rule.formats.first ?? "RFC3464", recipients: [])
    report.reportingMTA = rule.reporters.first.map { "server-1." + $0 }
    return (recipient, report)
  }
}
