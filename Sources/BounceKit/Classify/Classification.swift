/// The verdict on one recipient: why it bounced, whether the address should be given up on,
/// and what decided it.
public struct Classification: Codable, Sendable, Equatable {
  /// Why the message bounced for this recipient.
  public var reason: Reason
  /// True when the address itself is bad (unknown user, unknown host, moved): stop sending to
  /// it. False for everything that may pass later or after a change on the sender's side.
  public var hardBounce: Bool
  /// The identifier of the rule that decided the reason.
  public var rule: String
  /// The text or code that matched the rule.
  public var evidence: String
  /// A finer advice topic than the reason, when the rule knows one: for example
  /// `smtp-auth-required` for a relay refusal that means the sender's mail client does not log
  /// in. The Advise stage uses it to pick client-specific steps.
  public var topic: String?

  /// Creates a classification.
  public init(reason: Reason, hardBounce: Bool, rule: String, evidence: String, topic: String? = nil) {
    self.reason = reason
    self.hardBounce = hardBounce
    self.rule = rule
    self.evidence = evidence
    self.topic = topic
  }
}
