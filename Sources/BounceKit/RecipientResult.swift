/// Everything BounceKit knows about one recipient of a bounce: the facts the message states
/// (``RecipientReport``) and the verdict on them (``Classification``).
///
/// Both are reachable directly: `result.status`, `result.reason`, `result.hardBounce`.
/// In JSON the two are one flat object.
@dynamicMemberLookup
public struct RecipientResult: Codable, Sendable, Equatable {
  /// What the message says about the recipient.
  public var facts: RecipientReport
  /// Why it bounced and whether the address is bad.
  public var classification: Classification

  /// Combines facts and verdict.
  public init(facts: RecipientReport, classification: Classification) {
    self.facts = facts
    self.classification = classification
  }

  /// A fact, such as `recipient`, `status` or `diagnostic`.
  public subscript<T>(dynamicMember keyPath: KeyPath<RecipientReport, T>) -> T {
    facts[keyPath: keyPath]
  }

  /// A part of the verdict: `reason`, `hardBounce`, `rule`, `evidence`.
  public subscript<T>(dynamicMember keyPath: KeyPath<Classification, T>) -> T {
    classification[keyPath: keyPath]
  }

  /// Decodes the flat JSON form.
  public init(from decoder: any Decoder) throws {
    facts = try RecipientReport(from: decoder)
    classification = try Classification(from: decoder)
  }

  /// Encodes facts and verdict into one flat object.
  public func encode(to encoder: any Encoder) throws {
    try facts.encode(to: encoder)
    try classification.encode(to: encoder)
  }
}
