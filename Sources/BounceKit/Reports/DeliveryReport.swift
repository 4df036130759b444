/// What a delivery report says happened to one recipient (RFC 3464 `Action`).
public enum DeliveryAction: String, Codable, Sendable, CaseIterable {
  /// The message could not be delivered.
  case failed
  /// Delivery is delayed; the reporting server keeps trying.
  case delayed
  /// The message was delivered.
  case delivered
  /// The message was relayed to a system that sends no delivery reports.
  case relayed
  /// The message was delivered and forwarded to several addresses (a list or alias).
  case expanded
}

/// The kind of report a message is.
public enum ReportKind: String, Codable, Sendable, CaseIterable {
  /// A delivery status notification: a bounce, a delay warning, or a success report.
  case deliveryStatus = "delivery-status"
  /// An abuse or complaint feedback report (RFC 5965 ARF).
  case feedback
  /// An automatic reply such as a vacation notice (RFC 3834).
  case autoReply = "auto-reply"
}

/// The facts a report gives about one recipient, exactly as the message states them: no
/// interpretation (reasons and advice come in later stages).
public struct RecipientReport: Codable, Sendable, Equatable {
  /// The address that the report concerns (`Final-Recipient`, or as the format names it).
  public var recipient: String
  /// The address as the sender originally wrote it (`Original-Recipient`), when given.
  public var originalRecipient: String?
  /// What happened (`Action`).
  public var action: DeliveryAction?
  /// The enhanced status code (RFC 3463), such as `5.1.1`.
  public var status: String?
  /// The SMTP reply code (RFC 5321), such as 550.
  public var replyCode: Int?
  /// The remote server's own words, whitespace folded onto one line.
  public var diagnostic: String
  /// The type of `Diagnostic-Code` (`smtp`, `x-unix`, …), when given.
  public var diagnosticType: String?
  /// The host that gave the answer (`Remote-MTA`), when known.
  public var remoteMTA: String?
  /// The SMTP command after which the failure happened (`RCPT`, `DATA`, …), when known.
  public var command: String?
  /// `Last-Attempt-Date`, as written.
  public var lastAttemptDate: String?
  /// `Will-Retry-Until`, as written.
  public var willRetryUntil: String?
  /// For a feedback report: the feedback type (`abuse`, `auth-failure`, …).
  public var feedbackType: String?

  /// Creates a recipient record.
  public init(
    recipient: String, originalRecipient: String? = nil, action: DeliveryAction? = nil,
    status: String? = nil, replyCode: Int? = nil, diagnostic: String = "",
    diagnosticType: String? = nil, remoteMTA: String? = nil, command: String? = nil,
    lastAttemptDate: String? = nil, willRetryUntil: String? = nil, feedbackType: String? = nil
  ) {
    self.recipient = recipient
    self.originalRecipient = originalRecipient
    self.action = action
    self.status = status
    self.replyCode = replyCode
    self.diagnostic = diagnostic
    self.diagnosticType = diagnosticType
    self.remoteMTA = remoteMTA
    self.command = command
    self.lastAttemptDate = lastAttemptDate
    self.willRetryUntil = willRetryUntil
    self.feedbackType = feedbackType
  }
}

/// The headers of the message that bounced, as returned inside the bounce.
public struct OriginalMessage: Codable, Sendable, Equatable {
  /// The original sender (`From`), address only.
  public var from: String?
  /// The original `To`, decoded.
  public var to: String?
  /// The original `Subject`, decoded.
  public var subject: String?
  /// The original `Message-ID`, without angle brackets.
  public var messageID: String?
  /// The original `Date`, as written.
  public var date: String?

  /// Creates a record of the original message.
  public init(from: String? = nil, to: String? = nil, subject: String? = nil, messageID: String? = nil, date: String? = nil) {
    self.from = from
    self.to = to
    self.subject = subject
    self.messageID = messageID
    self.date = date
  }

  /// True when nothing is known.
  public var isEmpty: Bool { from == nil && to == nil && subject == nil && messageID == nil && date == nil }
}

/// Everything a bounce, feedback report or auto-reply says, per message and per recipient.
public struct DeliveryReport: Codable, Sendable, Equatable {
  /// What kind of report it is.
  public var kind: ReportKind
  /// The sender family whose format was read: `RFC3464`, `Postfix`, `Exim`, `Gmail`, …
  public var format: String
  /// The server that wrote the report (`Reporting-MTA`).
  public var reportingMTA: String?
  /// The server the message came from (`Received-From-MTA`).
  public var receivedFromMTA: String?
  /// When the reporting server received the message (`Arrival-Date`).
  public var arrivalDate: String?
  /// The envelope id the sender gave (`Original-Envelope-Id`).
  public var originalEnvelopeID: String?
  /// The envelope sender of the original message, when the report states it.
  public var envelopeSender: String?
  /// Every recipient the report concerns, in order.
  public var recipients: [RecipientReport]

  /// Creates a report.
  public init(
    kind: ReportKind = .deliveryStatus, format: String, reportingMTA: String? = nil,
    receivedFromMTA: String? = nil, arrivalDate: String? = nil, originalEnvelopeID: String? = nil,
    envelopeSender: String? = nil, recipients: [RecipientReport] = []
  ) {
    self.kind = kind
    self.format = format
    self.reportingMTA = reportingMTA
    self.receivedFromMTA = receivedFromMTA
    self.arrivalDate = arrivalDate
    self.originalEnvelopeID = originalEnvelopeID
    self.envelopeSender = envelopeSender
    self.recipients = recipients
  }
}
