/// The advice topics a rule may set in ``Classification/topic``: finer than a reason, they let
/// the Advise stage give steps for the sender's own mail client or account.
public enum RuleTopic {
  /// The sender's client sent without logging in: relay access denied, authentication required
  /// (530 5.7.0), a sender address not owned by the logged-in user.
  public static let smtpAuthRequired = "smtp-auth-required"
  /// The client's login was refused: wrong user name or password (535, 5.7.8, 5.7.139).
  public static let authFailed = "auth-failed"
  /// The provider wants an app password or a browser sign-in (534 5.7.9, 5.7.14).
  public static let appPasswordRequired = "app-password-required"
  /// The server wants an encrypted connection first (STARTTLS, 5.7.10, 5.7.11).
  public static let tlsRequired = "tls-required"
  /// The sender reached a sending limit of their own provider (Microsoft 5.2.2 submission
  /// quota, Gmail 5.4.5 daily limit, 5.7.705/5.7.708 tenant limits).
  public static let senderQuota = "sender-quota"
  /// A Japanese mobile carrier's "User unknown" or refusal that may be the recipient's
  /// reception filter (domain or PC-mail refusal) rather than a missing address.
  public static let carrierFilter = "carrier-filter"
  /// The sender's own mailbox or quota is full, not the recipient's.
  public static let senderMailboxFull = "sender-mailbox-full"

  /// Every topic id a rule may use.
  public static let all: [String] = [
    smtpAuthRequired, authFailed, appPasswordRequired, tlsRequired, senderQuota, carrierFilter, senderMailboxFull,
  ]
}
