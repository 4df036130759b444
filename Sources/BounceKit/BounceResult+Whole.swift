extension BounceResult {
  /// A result with every field, the address the bounce was sent to included, made in one go:
  /// ``BounceAnalyzer/analyze(_:)`` returns it directly instead of changing a result field by
  /// field, which copied the whole result twice per message.
  init(
    source: String?, index: Int?, kind: Kind, subject: String?, from: String?, date: String?,
    report: DeliveryReport?, original: OriginalMessage?, recipients: [RecipientResult], warnings: [String],
    bounceRecipient: String?
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
    self.bounceRecipient = bounceRecipient
  }
}
