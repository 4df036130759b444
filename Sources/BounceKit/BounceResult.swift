/// The result of analysing one message: a bounce (or feedback report, or auto-reply) with its
/// recipients, or a message that is not a bounce.
public struct BounceResult: Codable, Sendable, Equatable {
  /// Whether the message was a report of some kind.
  public enum Kind: String, Codable, Sendable {
    /// A delivery report, feedback report or auto-reply: ``BounceResult/recipients`` is filled.
    case bounce
    /// An ordinary message: nothing to report.
    case notBounce = "not-bounce"
  }

  /// Where the message came from (a path, `-` for standard input), when known.
  public var source: String?
  /// The message's position in its source, when known.
  public var index: Int?
  /// Whether the message was a bounce.
  public var kind: Kind
  /// The message's own Subject.
  public var subject: String?
  /// The message's own From.
  public var from: String?
  /// The message's own Date.
  public var date: String?
  /// The report read from the message (nil for a message that is not a bounce), without its
  /// recipients, which are in ``recipients`` with their verdicts.
  public var report: DeliveryReport?
  /// The headers of the message that bounced, when the bounce returns them.
  public var original: OriginalMessage?
  /// One entry per recipient, in the order the message names them.
  public var recipients: [RecipientResult]
  /// Things that went wrong while reading, such as a limit reached; the result is still valid.
  public var warnings: [String]

  /// Creates a result.
  public init(
    source: String? = nil, index: Int? = nil, kind: Kind, subject: String? = nil, from: String? = nil,
    date: String? = nil, report: DeliveryReport? = nil, original: OriginalMessage? = nil,
    recipients: [RecipientResult] = [], warnings: [String] = []
  ) {
    self.source = source
    self.index = index
    self.kind = kind
    self.subject = subject
    self.from = from
    self.date = date
    self.report = report
    self.original = original
    self.recipients = recipients
    self.warnings = warnings
  }

  /// A result with every field, the address the bounce was sent to included, made in one go:
  /// ``BounceAnalyzer/analyze(_:)`` returns it directly instead of changing a result field by
  /// field, which copied the whole result twice per message.
  init(
    source: String?, index: Int?, kind: Kind, subject: String?, from: String?, date: String?,
    report: DeliveryReport?, original: OriginalMessage?, recipients: [RecipientResult], warnings: [String],
    bounceRecipient: String?
  ) {
    self.init(
      source: source, index: index, kind: kind, subject: subject, from: from, date: date, report: report,
      original: original, recipients: recipients, warnings: warnings)
    self.bounceRecipient = bounceRecipient
  }

  /// True when the message was a bounce, feedback report or auto-reply.
  public var isBounce: Bool { kind == .bounce }

  /// The sender of the message that bounced: the original's From, else the envelope sender the
  /// report names, else the address the bounce was sent to.
  public var addresser: String? {
    original?.from ?? report?.envelopeSender ?? bounceRecipient
  }

  /// The address the bounce itself was sent to (its `To`), kept for ``addresser``.
  public var bounceRecipient: String?
}
