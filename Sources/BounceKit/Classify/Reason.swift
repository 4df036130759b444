/// Why a message bounced: a closed list, named as in the Sisimai corpus so that results can be
/// compared with it.
///
/// A reason says what went wrong, not how the server coded it: the same `550` comes back for an
/// unknown user, a blocklisted IP and a DMARC failure. Whether the address should be given up on
/// follows from the reason (see ``Reason/hardness``), never from the first digit of a code alone.
public enum Reason: String, Codable, Sendable, CaseIterable {
  /// The recipient's mailbox does not exist: a typo, a deleted account, an address that never
  /// existed. Hard: stop sending to it.
  case userUnknown = "userunknown"
  /// The recipient's mailbox is over its quota. Soft even with a 5xx code: the owner can empty it.
  case mailboxFull = "mailboxfull"
  /// Delivery kept failing (no connection, temporary errors) until the sending server's queue
  /// lifetime ran out, or the report is a delay warning.
  case expired
  /// Refused by the recipient's own filter or settings after the address was accepted, for
  /// example a Japanese mobile carrier's reception filter that answers "User unknown" for mail
  /// from PCs or from domains the recipient has not allowed. Soft: the recipient can allow you.
  case filtered
  /// The sender's address or domain was refused (it does not exist, does not resolve, is not
  /// allowed to post, or is listed).
  case rejected
  /// The sending IP address or host was refused: a blocklist (DNSBL) entry, a dynamic or
  /// residential address, a banned IP, a host that must use its provider's relay.
  case blocked
  /// The recipient's domain does not exist or has no mail server. Hard.
  case hostUnknown = "hostunknown"
  /// An abuse or complaint feedback report (ARF, RFC 5965), not a bounce.
  case feedback
  /// Sender authentication failed: SPF, DKIM or DMARC did not pass, or the receiver requires
  /// authenticated mail and the message had none.
  case authFailure = "authfailure"
  /// DNS or network trouble on the way: a mail loop, an unreachable host, a failed DNS lookup.
  case networkError = "networkerror"
  /// Refused by the receiving side's local policy (content, headers, sending policy) without a
  /// more specific cause given.
  case policyViolation = "policyviolation"
  /// The sending IP address has no PTR (reverse DNS) record, or one that does not match.
  case requirePTR = "requireptr"
  /// The recipient's mailbox exists but is disabled, suspended, frozen or locked. Soft: it may
  /// come back, but a long-suspended address is worth reviewing.
  case suspend
  /// The message was judged to be spam by its content.
  case spamDetected = "spamdetected"
  /// The recipient's host accepts no mail at all: a null MX (RFC 7505), no MX or address, or a
  /// host that says it does not accept mail. Hard when permanent.
  case notAccept = "notaccept"
  /// A security requirement was not met: the connection or the client was not authenticated
  /// or not encrypted, or delivery was not authorised.
  case securityError = "securityerror"
  /// An error inside the receiving system (an internal error, a write failure, a lookup the
  /// receiver could not complete).
  case systemError = "systemerror"
  /// The receiving host's local delivery program (procmail, a pipe, a mailer) failed.
  case mailerError = "mailererror"
  /// The server refused to relay the message: it is not responsible for the recipient's domain
  /// and the sender is not allowed to use it as a relay.
  case noRelaying = "norelaying"
  /// The bounce says something failed but not clearly what; kept for a person to look at.
  case onHold = "onhold"
  /// The recipient has moved to another address and the old one no longer receives mail. Hard.
  case hasMoved = "hasmoved"
  /// Too many connections, messages or recipients at once for the receiving host; temporary.
  case tooManyConn = "toomanyconn"
  /// An automatic reply such as an out-of-office notice (RFC 3834), not a bounce.
  case vacation
  /// Refused because of the message's format: its headers, encoding or MIME structure.
  case contentError = "contenterror"
  /// The message is too big for the receiving server.
  case mesgTooBig = "mesgtoobig"
  /// Refused because of the poor reputation of the sending IP address or domain, often with a
  /// temporary deferral.
  case badReputation = "badreputation"
  /// A report that the message was delivered, relayed, or expanded to a list: not a failure.
  case delivered
  /// The message does not comply with the mail standards (RFC 5322: several From addresses,
  /// duplicated headers, …).
  case notCompliantRFC = "notcompliantrfc"
  /// Nothing in the report says why: no code, no text.
  case undefined
  /// The message exceeds a limit set for the recipient, such as a per-mailbox size limit.
  case exceedLimit = "exceedlimit"
  /// The receiving server did not understand an SMTP command (syntax or sequence error).
  case syntaxError = "syntaxerror"
  /// A virus or malware was found in the message.
  case virusDetected = "virusdetected"
  /// Rate limited: the sender (or the recipient) got too much mail too fast.
  case speeding
  /// The receiving system's storage is full (not one mailbox: the whole system).
  case systemFull = "systemfull"

  /// How a reason decides whether a bounce is hard (the address itself is bad).
  public enum Hardness: Sendable {
    /// Always hard, whatever the code's class: the address itself is bad.
    case always
    /// Hard only when the failure is permanent (a 5xx code, or no temporary code at all).
    case whenPermanent
    /// Never hard: the address is fine; something else must change, or time must pass.
    case never
  }

  /// Whether this reason makes a bounce hard. Unknown user, unknown host and moved mailbox are
  /// always hard; a host that accepts no mail is hard when the failure is permanent; every
  /// other reason is soft, including permanent policy rejections and full mailboxes.
  public var hardness: Hardness {
    switch self {
    case .userUnknown, .hostUnknown, .hasMoved: return .always
    case .notAccept: return .whenPermanent
    default: return .never
    }
  }
}
