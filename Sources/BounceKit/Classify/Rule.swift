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
  /// Suffixes of the reporting MTA's name: the host that wrote the report (a gateway service
  /// such as `messagelabs.com` whose report carries a plain RFC 3464 layout).
  public var reporters: [String]
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
    self.reporters = []
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
      && commands.isEmpty && hosts.isEmpty && domains.isEmpty && reporters.isEmpty && diagnosticTypes.isEmpty && formats.isEmpty
      && actions.isEmpty && kinds.isEmpty
  }
}
