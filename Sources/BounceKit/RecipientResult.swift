/// Everything BounceKit knows about one recipient of a bounce: the facts the message states
/// (``RecipientReport``), the verdict on them (``Classification``), and — when the analyzer was
/// asked for it — advice for a person (``Advice``).
///
/// Facts and verdict are reachable directly: `result.status`, `result.reason`,
/// `result.hardBounce`. In JSON they are one flat object, with the advice under `advice`.
@dynamicMemberLookup
public struct RecipientResult: Codable, Sendable, Equatable {
  /// What the message says about the recipient.
  public var facts: RecipientReport
  /// Why it bounced and whether the address is bad.
  public var classification: Classification
  /// What to tell a person, in one language: filled when the analyzer was created with an
  /// advice language (``BounceAnalyzer/advising(in:)``); ``advice(in:)`` gives it in
  /// any language at any time.
  public var advice: Advice?

  /// Combines facts, verdict and (optionally) advice.
  public init(facts: RecipientReport, classification: Classification, advice: Advice? = nil) {
    self.facts = facts
    self.classification = classification
    self.advice = advice
  }

  /// A fact, such as `recipient`, `status` or `diagnostic`.
  public subscript<T>(dynamicMember keyPath: KeyPath<RecipientReport, T>) -> T {
    facts[keyPath: keyPath]
  }

  /// A part of the verdict: `reason`, `hardBounce`, `rule`, `evidence`.
  public subscript<T>(dynamicMember keyPath: KeyPath<Classification, T>) -> T {
    classification[keyPath: keyPath]
  }

  private enum AdviceKey: String, CodingKey { case advice }

  /// Decodes the flat JSON form.
  public init(from decoder: any Decoder) throws {
    facts = try RecipientReport(from: decoder)
    classification = try Classification(from: decoder)
    advice = try decoder.container(keyedBy: AdviceKey.self).decodeIfPresent(Advice.self, forKey: .advice)
  }

  /// Encodes facts and verdict into one flat object, with the advice (when present) under
  /// `advice`.
  public func encode(to encoder: any Encoder) throws {
    try facts.encode(to: encoder)
    try classification.encode(to: encoder)
    if let advice {
      var container = encoder.container(keyedBy: AdviceKey.self)
      try container.encode(advice, forKey: .advice)
    }
  }
}
