/// The Advise stage: turns a recipient's verdict into advice for a person, from the catalogue
/// compiled into the library.
///
/// It reads only what earlier stages decided and stated: the classification (reason and
/// topic) and the recipient's facts (the address, an Outlook error number). Which entry it
/// uses, in order:
/// 1. the topic the rules gave (`Classification.topic`), when the catalogue has it;
/// 2. the topic for an Outlook error number pasted as text;
/// 3. `carrier-filter` for "User unknown" or a filter refusal at a Japanese mobile carrier,
///    where either can mean the recipient's reception filter;
/// 4. the reason's own entry.
///
/// ```swift
/// let advice = Advisor().advice(for: result.recipients[0], in: .japanese)
/// print(advice.title, advice.actor, advice.steps)
/// ```
public struct Advisor: Sendable {
  /// Creates an advisor over the shipped catalogue.
  public init() {}

  var catalogue: AdviceCatalogue { AdviceCatalogue.shipped }

  /// The catalogue entry chosen for `recipient`: a topic id or a reason's name.
  public func topic(for recipient: RecipientResult) -> String {
    let catalogue = self.catalogue
    if let topic = recipient.topic, catalogue.topics[topic] != nil { return topic }
    if recipient.diagnosticType == "x-outlook", let number = OutlookErrorNumber.first(in: recipient.diagnostic),
      let topic = catalogue.outlookTopics[number]
    {
      return topic
    }
    if recipient.reason == .userUnknown || recipient.reason == .filtered,
      DomainHints.isMobileCarrier(Self.domain(of: recipient.recipient)), catalogue.topics["carrier-filter"] != nil
    {
      return "carrier-filter"
    }
    return recipient.reason.rawValue
  }

  /// The advice for `recipient`, in `language`, with the steps for every mail program that
  /// has its own.
  public func advice(for recipient: RecipientResult, in language: TextLanguage) -> Advice {
    let name = topic(for: recipient)
    guard let entry = catalogue.entry(named: name) else {
      // Only reachable if the data lost an entry (the tests prevent it): say what is known.
      return Advice(
        topic: name, language: language, title: recipient.reason.summary(in: language),
        summary: recipient.reason.summary(in: language), actor: .sender, retry: .afterFix, steps: [])
    }
    var steps = notes(for: recipient, in: language)
    steps += entry.steps.map { $0.in(language) }
    var clients: [ClientSteps] = []
    for client in MailClient.allCases {
      let list = entry.procedures.flatMap { catalogue.procedures[$0]?.steps[client] ?? [] }.map { $0.in(language) }
      if !list.isEmpty { clients.append(ClientSteps(client: client, name: client.name(in: language), steps: list)) }
    }
    return Advice(
      topic: name, language: language, title: entry.title.in(language), summary: entry.summary.in(language),
      actor: entry.actor, retry: entry.retry, steps: steps, clients: clients)
  }

  /// Sentences about this recipient's address that come before the entry's steps: a likely
  /// typo in the domain, characters that do not belong in an address.
  func notes(for recipient: RecipientResult, in language: TextLanguage) -> [String] {
    switch recipient.reason {
    case .delivered, .feedback, .vacation: return []
    default: break
    }
    var found: [String] = []
    let domain = Self.domain(of: recipient.recipient)
    if let suggestion = DomainHints.suggestion(for: domain), let text = catalogue.notes["typo-domain"] {
      found.append(text.in(language).replacingPlaceholders(["domain": domain, "suggestion": suggestion]))
    }
    if DomainHints.hasOddCharacters(recipient.recipient), let text = catalogue.notes["odd-characters"] {
      found.append(text.in(language).replacingPlaceholders(["address": recipient.recipient]))
    }
    return found
  }

  static func domain(of address: String) -> String {
    guard let at = address.lastIndex(where: { $0 == "@" || $0 == "＠" }) else { return "" }
    return String(address[address.index(after: at)...]).trimmingCharacters(in: " \u{3000}>").lowercased()
  }
}

extension RecipientResult {
  /// Advice for this recipient in `language`, from ``Advisor``.
  public func advice(in language: TextLanguage) -> Advice {
    Advisor().advice(for: self, in: language)
  }
}

extension String {
  /// `{name}` replaced by `values[name]`; unknown names are left as written.
  func replacingPlaceholders(_ values: [String: String]) -> String {
    var out = ""
    var rest = self[...]
    while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")), let close = rest[open...].utf8.firstIndex(of: UInt8(ascii: "}")) {
      out += rest[..<open]
      let key = String(rest[rest.index(after: open)..<close])
      out += values[key] ?? String(rest[open...close])
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }
}
