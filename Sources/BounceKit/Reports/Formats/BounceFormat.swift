/// One sender family's bounce format: how to recognise its messages and how to read them.
///
/// A unit is small and self-contained. Recognition must be cheap (header fields, a glance at
/// the subject), because every message is offered to every unit in ``Formats/ordered`` until one
/// reads it.
protocol BounceFormat: Sendable {
  /// The family's name as reported in results (`Postfix`, `Exim`, `RFC3464`, …).
  static var name: String { get }
  /// Could this message be one of ours? Cheap: no body parsing.
  static func recognizes(_ mail: ParsedMail) -> Bool
  /// Reads the report; nil when the message turns out not to be ours after all.
  static func read(_ mail: ParsedMail) -> DeliveryReport?
}

/// The registered format units, in the order they are tried.
enum Formats {
  /// Sender-specific units first, most specific before most general. The standard DSN reader
  /// is not listed: ``ReportReader`` always runs it and merges its facts with a unit's.
  static let ordered: [any BounceFormat.Type] = [
    // Feedback reports first: they may carry `Auto-Submitted` and must not be read as replies.
    FeedbackLoop.self,
    // Providers and carriers: recognised by their sender address or headers.
    GoogleGroups.self, Gmail.self, GSuite.self, Yahoo.self, AmazonWorkMail.self, ReceivingSES.self, AmazonSES.self,
    MailRu.self, Yandex.self, GMX.self, EinsUndEins.self, Zoho.self, Verizon.self,
    // Japanese carriers and ISPs.
    EZweb.self, KDDI.self, Biglobe.self,
    // Bounces a person forwarded inline: unquoted and read again by the units above.
    ForwardedBounce.self,
    // Automatic replies: after every bounce format, as some bounces say `auto-replied`.
    AutoReply.self,
    // Unknown senders: last, and only for messages that plainly are bounces.
    Generic.self,
  ]
}
