/// One classification rule, as read from a rules file: conditions on the facts of a bounce, and
/// the verdict they lead to.
///
/// Every condition that a rule names must hold (they combine with AND); the values listed for
/// one condition are alternatives (OR). A rule names at least one condition. Among the rules
/// that match, the highest ``priority`` wins; equal priorities are broken by ``id`` (the
/// smaller, in byte order, wins), so the result never depends on the order of files or rules.
public struct Rule: Sendable, Equatable {
  /// A unique identifier such as `google.account-disabled`: shown as the evidence's rule, and
  /// the key by which a user's rules file overrides a bundled rule.
  public var id: String
  /// The reason the rule gives. Nil only for a rule that switches a bundled rule off.
  public var reason: Reason?
  /// Higher wins. 0…1000.
  public var priority: Int
  /// Phrases of the server's answer; at least one must appear (case-insensitive).
  public var phrases: [Phrase]
  /// Phrases that must all appear as well.
  public var alsoPhrases: [Phrase]
  /// Phrases none of which may appear.
  public var unlessPhrases: [Phrase]
  /// Enhanced status codes (exact, wildcard or range) the status must match.
  public var statuses: [StatusPattern]
  /// SMTP reply codes (exact, `5xx`-style or range) the reply code must match.
  public var replies: [ReplyPattern]
  /// SMTP commands (`RCPT`, `DATA`, …) after which the failure must have happened.
  public var commands: [String]
  /// Suffixes of the remote host's name (`google.com` matches `mx.google.com`).
  public var hosts: [String]
  /// Suffixes of the recipient address's domain.
  public var domains: [String]
  /// Types of the `Diagnostic-Code` (`smtp`, `x-unix`, …), compared case-insensitively.
  public var diagnosticTypes: [String]
  /// Sender families (the report's `format`, such as `Postfix` or `KDDI`), compared
  /// case-insensitively.
  public var formats: [String]
  /// Delivery actions the recipient's action must be one of.
  public var actions: [DeliveryAction]
  /// Report kinds the report must be one of.
  public var kinds: [ReportKind]
  /// Forces the hard/soft verdict; nil lets the reason decide (see ``Reason/hardness``).
  public var hard: Bool?
  /// An advice topic finer than the reason (one of ``RuleTopic/all``), or nil.
  public var topic: String?
  /// Real answers this rule is written for; the tests run each through the engine and expect
  /// the rule's reason.
  public var examples: [String]
  /// False for a rule that only switches off a bundled rule of the same id.
  public var enabled: Bool
  /// Where the rule was read: file name and line of its `[id]` header.
  public var origin: Origin

  /// Where a rule was read.
  public struct Origin: Sendable, Equatable, CustomStringConvertible {
    /// The file name (or a label such as `<string>`).
    public var file: String
    /// The 1-based line of the rule's `[id]` header.
    public var line: Int

    /// Creates an origin.
    public init(file: String, line: Int) {
      self.file = file
      self.line = line
    }

    /// `file:line`.
    public var description: String { "\(file):\(line)" }
  }

  /// Creates a rule with no conditions; set the ones you need.
  public init(id: String, reason: Reason?, priority: Int = 500, origin: Origin = Origin(file: "<code>", line: 0)) {
    self.id = id
    self.reason = reason
    self.priority = priority
    self.phrases = []
    self.alsoPhrases = []
    self.unlessPhrases = []
    self.statuses = []
    self.replies = []
    self.commands = []
    self.hosts = []
    self.domains = []
    self.diagnosticTypes = []
    self.formats = []
    self.actions = []
    self.kinds = []
    self.hard = nil
    self.topic = nil
    self.examples = []
    self.enabled = true
    self.origin = origin
  }

  /// True when the rule names no condition at all (such a rule is refused).
  var hasNoCondition: Bool {
    phrases.isEmpty && alsoPhrases.isEmpty && unlessPhrases.isEmpty && statuses.isEmpty && replies.isEmpty
      && commands.isEmpty && hosts.isEmpty && domains.isEmpty && diagnosticTypes.isEmpty && formats.isEmpty
      && actions.isEmpty && kinds.isEmpty
  }
}

/// A phrase to find in a server's answer, compared case-insensitively (ASCII letters; other
/// scripts such as Japanese as written), with runs of white space folded to one space.
///
/// A phrase matches whole words: `relay` does not match inside `relayed`. A `*` at the start or
/// the end lets the phrase run on into a longer word on that side (`blacklist*` matches
/// `blacklisted`).
public struct Phrase: Sendable, Hashable, CustomStringConvertible {
  /// The phrase as written in the rules file.
  public var text: String
  /// The bytes to find: lower-cased ASCII, folded white space, without the `*` markers.
  var needle: [UInt8]
  /// Whether the byte before the match may be a letter or digit.
  var openStart: Bool
  /// Whether the byte after the match may be a letter or digit.
  var openEnd: Bool

  /// Parses a phrase; nil when, without its `*` markers, it is shorter than three bytes.
  public init?(_ text: String) {
    var body = Substring(text.foldingWhitespace)
    var openStart = false
    var openEnd = false
    if body.hasPrefix("*") { openStart = true; body = body.dropFirst() }
    if body.hasSuffix("*") { openEnd = true; body = body.dropLast() }
    let needle = Array(String(body).foldingWhitespace.utf8).map(ASCII.lower)
    guard needle.count >= 3 else { return nil }
    self.text = text
    self.needle = needle
    self.openStart = openStart
    self.openEnd = openEnd
  }

  /// The phrase as written.
  public var description: String { text }
}

/// An enhanced status code pattern: three dot-separated parts, each a number, a range `N-M`, or
/// `*` for any. `5.1.1`, `*.2.2` (any class), `5.7.*`, `*.7.606-649`.
public struct StatusPattern: Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written.
  public var text: String
  private var parts: [ClosedRange<Int>]

  /// Parses a pattern; nil when it is not of the form above.
  public init?(_ text: String) {
    let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
    guard pieces.count == 3 else { return nil }
    var parts: [ClosedRange<Int>] = []
    for piece in pieces {
      guard let range = Self.range(piece) else { return nil }
      parts.append(range)
    }
    guard parts[0] == 0...999 || parts[0].allSatisfy({ $0 == 2 || $0 == 4 || $0 == 5 }) else { return nil }
    self.text = text
    self.parts = parts
  }

  private static func range(_ piece: Substring) -> ClosedRange<Int>? {
    if piece == "*" { return 0...999 }
    let bounds = piece.split(separator: "-", omittingEmptySubsequences: false)
    guard bounds.count == 1 || bounds.count == 2 else { return nil }
    var values: [Int] = []
    for bound in bounds {
      guard !bound.isEmpty, bound.count <= 3, bound.allSatisfy(\.isASCII), let value = Int(bound), value >= 0 else { return nil }
      values.append(value)
    }
    guard let low = values.first, let high = values.last, low <= high else { return nil }
    return low...high
  }

  /// True when `code` (such as `5.1.1`) matches.
  public func matches(_ code: String) -> Bool {
    guard let parsed = Self.parse(code) else { return false }
    return matches(parsed)
  }

  /// True when a code already split into class, subject and detail matches.
  func matches(_ code: (Int, Int, Int)) -> Bool {
    parts[0].contains(code.0) && parts[1].contains(code.1) && parts[2].contains(code.2)
  }

  /// A code split into class, subject and detail; nil when it is not `N.N.N`.
  static func parse(_ code: String) -> (Int, Int, Int)? {
    let pieces = code.split(separator: ".", omittingEmptySubsequences: false)
    guard pieces.count == 3, pieces.allSatisfy({ (1...3).contains($0.count) }),
      let a = Int(pieces[0]), let b = Int(pieces[1]), let c = Int(pieces[2])
    else { return nil }
    return (a, b, c)
  }

  /// The pattern as written.
  public var description: String { text }
}

/// An SMTP reply code pattern: three characters, each a digit or `x` for any (`550`, `5xx`,
/// `55x`), or a range `550-554`.
public struct ReplyPattern: Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written.
  public var text: String
  private var low: Int
  private var high: Int
  private var mask: [UInt8]?

  /// Parses a pattern; nil when it is not of the form above.
  public init?(_ text: String) {
    let lowered = text.lowercased()
    let bounds = lowered.split(separator: "-", omittingEmptySubsequences: false)
    if bounds.count == 2 {
      guard let low = Int(bounds[0]), let high = Int(bounds[1]), bounds[0].count == 3, bounds[1].count == 3,
        (200...599).contains(low), (200...599).contains(high), low <= high
      else { return nil }
      self.low = low
      self.high = high
      self.mask = nil
    } else {
      let bytes = Array(lowered.utf8)
      guard bytes.count == 3, bytes.allSatisfy({ ASCII.isDigit($0) || $0 == 0x78 }), [0x32, 0x34, 0x35, 0x78].contains(bytes[0])
      else { return nil }
      self.low = 200
      self.high = 599
      self.mask = bytes
    }
    self.text = text
  }

  /// True when `code` matches.
  public func matches(_ code: Int) -> Bool {
    guard code >= low, code <= high else { return false }
    guard let mask else { return true }
    let digits = [UInt8(0x30 + code / 100 % 10), UInt8(0x30 + code / 10 % 10), UInt8(0x30 + code % 10)]
    for (m, d) in zip(mask, digits) where m != 0x78 && m != d { return false }
    return true
  }

  /// The pattern as written.
  public var description: String { text }
}
