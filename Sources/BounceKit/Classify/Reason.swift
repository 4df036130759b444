/// Why a message bounced: a closed list, named as in the Sisimai corpus so that results can be
/// compared with it.
public enum Reason: String, Codable, Sendable, CaseIterable {
  /// The recipient's mailbox does not exist.
  case userUnknown = "userunknown"
  /// The recipient's mailbox is over its quota.
  case mailboxFull = "mailboxfull"
  /// Delivery kept failing (no connection, temporary errors) until the queue lifetime ran out.
  case expired
  /// Refused by the recipient's filter or settings, for example a mobile carrier's domain filter.
  case filtered
  /// The sender's address or domain was refused.
  case rejected
  /// The sending IP address or host was refused (blocklist, no reverse DNS, …).
  case blocked
  /// The recipient's domain does not exist or has no mail server.
  case hostUnknown = "hostunknown"
  /// An abuse or complaint feedback report (ARF), not a bounce.
  case feedback
  /// SPF, DKIM or DMARC authentication failed.
  case authFailure = "authfailure"
  /// DNS or network trouble, such as a mail loop or an unreachable host.
  case networkError = "networkerror"
  /// Refused by the receiving side's content or sending policy.
  case policyViolation = "policyviolation"
  /// The sending IP address has no PTR record, or one that does not match.
  case requirePTR = "requireptr"
  /// The recipient's mailbox is disabled or suspended.
  case suspend
  /// The message was judged to be spam.
  case spamDetected = "spamdetected"
  /// The recipient's host accepts no mail (a null MX and the like).
  case notAccept = "notaccept"
  /// A security check on the receiving host failed (TLS, authentication of the connection).
  case securityError = "securityerror"
  /// An error on the receiving system.
  case systemError = "systemerror"
  /// The local delivery program (procmail, a pipe) failed.
  case mailerError = "mailererror"
  /// The server refused to relay the message.
  case noRelaying = "norelaying"
  /// The reason could not be decided from what the message says.
  case onHold = "onhold"
  /// The recipient has moved to another address.
  case hasMoved = "hasmoved"
  /// Too many connections to the receiving host at once; temporary.
  case tooManyConn = "toomanyconn"
  /// An automatic reply such as an out-of-office notice, not a bounce.
  case vacation
  /// Refused because of the format of the message's headers.
  case contentError = "contenterror"
  /// The message is too big for the receiving server.
  case mesgTooBig = "mesgtoobig"
  /// Refused because of the reputation of the sending IP address or domain.
  case badReputation = "badreputation"
  /// A report that the message was delivered (or relayed, or expanded to a list).
  case delivered
  /// The message does not comply with the mail standards (RFC 5322 and others).
  case notCompliantRFC = "notcompliantrfc"
  /// No reason could be determined.
  case undefined
  /// The message exceeds a limit set for the recipient, such as a size limit.
  case exceedLimit = "exceedlimit"
  /// An SMTP command was malformed.
  case syntaxError = "syntaxerror"
  /// A virus was found in the message.
  case virusDetected = "virusdetected"
  /// Rate limited: too much mail sent too fast.
  case speeding
  /// The receiving system's storage is full.
  case systemFull = "systemfull"

  /// True for reasons that mean the address itself is bad, whatever the code's class says.
  var addressIsBad: Bool {
    switch self {
    case .userUnknown, .hostUnknown, .hasMoved: return true
    default: return false
    }
  }
}
