/// What to tell a person about one bounced recipient: what happened, whose move it is, whether
/// resending later can help, and the steps to take — in one language.
///
/// Get it from ``RecipientResult/advice(in:)`` or ``Advisor``; the text comes from the advice
/// catalogue compiled into the library (`Sources/BounceKit/Advice/`).
public struct Advice: Codable, Sendable, Equatable {
  /// The catalogue entry the advice comes from: a reason's name (`userunknown`) or a finer
  /// topic (`smtp-auth-required`).
  public var topic: String
  /// The language of every text in this value.
  public var language: TextLanguage
  /// The verdict in a few words, to follow the address on one line.
  public var title: String
  /// What happened, in one or two sentences.
  public var summary: String
  /// Whose move it is.
  public var actor: AdviceActor
  /// Whether resending later can help.
  public var retry: AdviceRetry
  /// What to do, in order. The first steps may be specific to this bounce (a likely typo in the
  /// domain, for example).
  public var steps: [String]
  /// Where the setting is in each mail program, when the fix is on the sender's machine; empty
  /// otherwise.
  public var clients: [ClientSteps]

  /// Creates advice.
  public init(
    topic: String, language: TextLanguage, title: String, summary: String, actor: AdviceActor,
    retry: AdviceRetry, steps: [String], clients: [ClientSteps] = []
  ) {
    self.topic = topic
    self.language = language
    self.title = title
    self.summary = summary
    self.actor = actor
    self.retry = retry
    self.steps = steps
    self.clients = clients
  }

  /// The same advice keeping only the steps for `selected` mail programs.
  public func only(_ selected: Set<MailClient>) -> Advice {
    var copy = self
    copy.clients = clients.filter { selected.contains($0.client) }
    return copy
  }
}

/// Whose move it is to fix a bounce.
public enum AdviceActor: String, Codable, Sendable, CaseIterable {
  /// The person who sent the message (a typo, a setting in their mail program).
  case sender
  /// The person the message was for (a full mailbox, a reception filter).
  case recipient
  /// The sender's mail administrator or provider (the sending server, DNS records, reputation).
  case senderAdmin = "sender-admin"
  /// The administrator of the receiving side (a broken or misconfigured server).
  case recipientAdmin = "recipient-admin"
  /// Nobody: nothing failed (a delivery report, an automatic reply).
  case nobody

  /// Who that is, in a few words.
  public func text(in language: TextLanguage) -> String {
    let ja = language == .japanese
    switch self {
    case .sender: return ja ? "送信者（あなた）" : "you, the sender"
    case .recipient: return ja ? "受信者（相手の方）" : "the recipient"
    case .senderAdmin: return ja ? "送信側のメール管理者またはプロバイダー" : "your mail administrator or provider"
    case .recipientAdmin: return ja ? "受信側のメール管理者" : "the recipient's mail administrator"
    case .nobody: return ja ? "対応は不要です" : "nobody: nothing needs fixing"
    }
  }
}

/// Whether resending the same message later can help.
public enum AdviceRetry: String, Codable, Sendable, CaseIterable {
  /// Yes: the cause is usually temporary.
  case yes
  /// Only after the steps are done; unchanged, it fails again.
  case afterFix = "after-fix"
  /// No: resending to this address will not help.
  case no
  /// Not needed: nothing failed.
  case notNeeded = "not-needed"

  /// The answer, in a few words.
  public func text(in language: TextLanguage) -> String {
    let ja = language == .japanese
    switch self {
    case .yes: return ja ? "効果があります（一時的な原因であることが多いため、時間をおいて送り直してください）" : "yes: this is usually temporary, so try again later"
    case .afterFix: return ja ? "対処が済んでからなら効果があります（そのままでは同じ結果になります）" : "only after the fix: sent unchanged, it will fail again"
    case .no: return ja ? "効果はありません（このアドレスには届きません）" : "no: it will not reach this address"
    case .notNeeded: return ja ? "必要ありません" : "not needed"
    }
  }
}

/// A mail program (or webmail) for which the catalogue has its own steps.
public enum MailClient: String, Codable, Sendable, CaseIterable {
  /// Classic Outlook for Windows (Outlook 2016–2021, Microsoft 365 desktop).
  case outlookClassic = "outlook-classic"
  /// The new Outlook for Windows.
  case outlookNew = "outlook-new"
  /// Mozilla Thunderbird.
  case thunderbird
  /// Mail on the Mac.
  case appleMail = "apple-mail"
  /// Mail on iPhone and iPad.
  case iphone
  /// Gmail on the web.
  case gmail

  /// The program's name as people know it.
  public func name(in language: TextLanguage) -> String {
    let ja = language == .japanese
    switch self {
    case .outlookClassic: return ja ? "Outlook（従来版）" : "Outlook (classic)"
    case .outlookNew: return ja ? "新しい Outlook" : "New Outlook"
    case .thunderbird: return "Thunderbird"
    case .appleMail: return ja ? "Mac のメール" : "Apple Mail (Mac)"
    case .iphone: return ja ? "iPhone/iPad のメール" : "iPhone/iPad Mail"
    case .gmail: return ja ? "Gmail（ブラウザ）" : "Gmail on the web"
    }
  }

  /// The programs a command-line choice stands for: `outlook` covers classic and new,
  /// `all` covers every one. Nil for an unknown name.
  public static func named(_ name: String) -> Set<MailClient>? {
    switch name.lowercased() {
    case "all": return Set(allCases)
    case "outlook": return [.outlookClassic, .outlookNew]
    case "classic-outlook", "outlook-classic": return [.outlookClassic]
    case "new-outlook", "outlook-new": return [.outlookNew]
    case "thunderbird": return [.thunderbird]
    case "apple-mail", "applemail", "mac", "mail": return [.appleMail]
    case "iphone", "ipad", "ios": return [.iphone]
    case "gmail": return [.gmail]
    default: return nil
    }
  }
}

/// The steps for one mail program.
public struct ClientSteps: Codable, Sendable, Equatable {
  /// The program.
  public var client: MailClient
  /// Its name, in the advice's language.
  public var name: String
  /// What to do in it, in order, with menu paths in that language's labels.
  public var steps: [String]

  /// Creates a client's steps.
  public init(client: MailClient, name: String, steps: [String]) {
    self.client = client
    self.name = name
    self.steps = steps
  }
}
