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
  /// True when the family's human-readable text names the recipient more faithfully than its
  /// own DSN part does (the address the sender wrote, where the DSN shows a rewritten one).
  /// When the two disagree on a single recipient, the text's address is then kept.
  static var textNamesRecipient: Bool { get }
}

extension BounceFormat {
  /// Most families' DSN `Final-Recipient` is the authority on the address.
  static var textNamesRecipient: Bool { false }
}

/// The registered format units, in the order they are tried.
enum Formats {
  /// Sender-specific units first, most specific before most general. The standard DSN reader
  /// is not listed: ``ReportReader`` always runs it and merges its facts with a unit's.
  static let ordered: [any BounceFormat.Type] = [
    BareText.self,  // claims only text without the header fields a message carries, so it can go first
    // Feedback reports first: they may carry `Auto-Submitted` and must not be read as replies.
    FeedbackLoop.self,
    // Providers and carriers: recognised by their sender address or headers.
    GoogleGroups.self, Gmail.self, GSuite.self, Yahoo.self, AmazonWorkMail.self, ReceivingSES.self, AmazonSES.self,
    MailRu.self, Yandex.self, GMX.self, EinsUndEins.self, Zoho.self, Verizon.self,
    // Japanese carriers and ISPs.
    EZweb.self, KDDI.self, Biglobe.self,
    // Gateways, filters and services recognised by their own header marks.
    Outlook.self, Office365.self, Exchange2007.self, Exchange2003.self, Domino.self, Notes.self,
    IMailServer.self, MessagingServer.self, McAfee.self, MXLogic.self, MFilter.self, InterScanMSS.self,
    Activehunter.self, MailFoundry.self, MailMarshalSMTP.self, Mimecast.self, Barracuda.self,
    SurfControl.self, PowerMTA.self, SendGrid.self, Amavis.self, Bigfoot.self,
    // MTAs recognised by subject and greeting.
    DragonFly.self, OpenSMTPD.self, Qmail.self,
    // MTAs: recognised by their subjects, headers and From; each read checks its body markers.
    Postfix.self,
    Exim.self,
    Courier.self,
    V5Sendmail.self,
    Sendmail.self,
    FML.self,
    ApacheJames.self,
    X1DeliveryErrors.self,
    X2UnableToDeliver.self,
    X3TechnicalDetails.self,
    X4QmailVariant.self,
    X6TroubleDelivering.self,
    DeliveryFailureNotice.self,
    RejectReasonNotice.self,
    // Bounces a person forwarded inline: unquoted and read again by the units above.
    ForwardedBounce.self,
    // Automatic replies: after every bounce format, as some bounces say `auto-replied`.
    AutoReply.self,
    // Unknown senders: last, and only for messages that plainly are bounces.
    Generic.self,
  ]
}
