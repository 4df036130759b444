/// The facts of one recipient, normalised once for matching by the rules engine.
struct RecipientFacts {
  var status: String?
  var statusParts: (Int, Int, Int)?
  var reply: Int?
  var command: String?
  /// The remote MTA's name, lower case without brackets or a final dot. This and the two
  /// names below are normalised when a rule first asks: most recipients are settled by rules
  /// that never do.
  lazy var host: String? = remoteMTA.map { Self.hostName(Substring($0)) }
  /// The recipient's domain, normalised like `host`.
  lazy var domain: String? = {
    let address = recipientAddress.utf8
    guard let at = recipientAddress.lastByteIndex(of: ASCII.at) else { return nil }
    return Self.hostName(Substring(address[address.index(after: at)...]))
  }()
  /// The reporting MTA's name, normalised like `host`. It may carry a comment after the name
  /// (`mx.example.com (tcp-daemon)`).
  lazy var reporter: String? = reportingMTA.map { mta in
    let u = mta.utf8
    return Self.hostName(Substring(u[..<(u.firstIndex { $0 == ASCII.space || $0 == 0x28 || $0 == ASCII.tab } ?? u.endIndex)]))
  }
  private let remoteMTA: String?
  private let recipientAddress: String
  private let reportingMTA: String?
  var format: String
  var diagnosticType: String?
  var action: DeliveryAction?
  var kind: ReportKind
  var feedbackType: String?
  var isEmpty: Bool

  init(_ recipient: RecipientReport, _ report: DeliveryReport, statedStage: String?) {
    // A code with no detail (`5.0.0`, `5.1.0`) says little: a more specific code of the same
    // class in the server's own answer says more.
    var status = recipient.status.flatMap { $0.isEmpty ? nil : $0 }
    if status.map(Self.specificity) ?? 0 < 2, let inText = SMTPCodes.enhancedStatus(in: recipient.diagnostic),
      status == nil || (status?.first == inText.first && Self.specificity(inText) > Self.specificity(status ?? ""))
    {
      status = inText
    }
    self.status = status
    statusParts = status.flatMap(StatusPattern.parse)
    reply = recipient.replyCode ?? SMTPCodes.replyCode(in: recipient.diagnostic)
    command = recipient.command.map { $0.uppercased() } ?? statedStage
    remoteMTA = recipient.remoteMTA
    recipientAddress = recipient.recipient
    reportingMTA = report.reportingMTA
    format = report.format.lowercased()
    diagnosticType = recipient.diagnosticType?.lowercased()
    action = recipient.action
    kind = report.kind
    feedbackType = recipient.feedbackType
    isEmpty = recipient.diagnostic.isEmpty && status == nil && reply == nil
  }

  /// How much a status code says beyond its class: 0 for `5.0.0`, 1 for `5.1.0`, 2 for `5.1.1`.
  private static func specificity(_ code: String) -> Int {
    guard code.utf8.allSatisfy({ $0 < 0x80 }) else {
      let parts = code.split(separator: ".")
      guard parts.count == 3 else { return 0 }
      return (parts[1] == "0" ? 0 : 1) + (parts[2] == "0" ? 0 : 1)
    }
    // ASCII: the same split (empty pieces dropped), on the bytes and without an array.
    var parts = 0
    var length = 0
    var isZero = false
    var score = 0
    func endPart() {
      guard length > 0 else { return }
      if parts == 1 || parts == 2 { score += isZero && length == 1 ? 0 : 1 }
      parts += 1
      length = 0
    }
    for b in code.utf8 {
      if b == ASCII.dot {
        endPart()
      } else {
        isZero = length == 0 && b == ASCII.zero
        length += 1
      }
    }
    endPart()
    return parts == 3 ? score : 0
  }

  /// Lower case, without brackets, spaces or a final dot.
  private static func hostName(_ text: Substring) -> String {
    text.withUTF8Bytes { bytes in
      bytes.allSatisfy({ $0 < 0x80 }) ? hostName(lowered: bytes) : hostName(lowered: text.lowercased().utf8)
    }
  }

  /// `hostName` of text already lower-cased, except for ASCII letters.
  private static func hostName(lowered: some Collection<UInt8>) -> String {
    var n = 0
    return String(unsafeUninitializedCapacity: lowered.count) { out in
      for b in lowered where b != 0x5B && b != 0x5D && b != ASCII.space && b != ASCII.greaterThan && b != ASCII.lessThan {
        out[n] = ASCII.lower(b)
        n += 1
      }
      while n > 0, out[n - 1] == ASCII.dot { n -= 1 }
      return n
    }
  }

  /// True when `name` is `suffix` or ends with `.suffix`.
  private static func name(_ name: String?, endsWith suffixes: [String]) -> Bool {
    guard let name else { return false }
    // On the bytes, each string read in place: names and the rules' suffixes are lower-case
    // host names.
    return name.withUTF8Bytes { name in
      suffixes.contains { suffix in
        suffix.withUTF8Bytes { suffix in
          let n = name.count
          let m = suffix.count
          guard n >= m else { return false }
          for k in 0..<m where name[n - m + k] != suffix[k] { return false }
          return n == m || name[n - m - 1] == ASCII.dot
        }
      }
    }
  }

  /// Every condition of `rule` other than its phrases.
  mutating func satisfies(_ rule: RuleBox) -> Bool {
    // One bit per condition list that is not empty (see ``RuleBox/conditions``).
    let c = rule.conditions
    if c == 0 { return true }
    if c & 1 != 0, !rule.kinds.contains(kind) { return false }
    if c & 2 != 0 { guard let action, rule.actions.contains(action) else { return false } }
    if c & 4 != 0 { guard let statusParts, rule.statuses.contains(where: { $0.matches(statusParts) }) else { return false } }
    if c & 8 != 0 { guard let reply, rule.replies.contains(where: { $0.matches(reply) }) else { return false } }
    if c & 16 != 0 { guard let command, rule.commands.contains(command) else { return false } }
    if c & 32 != 0, !rule.formats.contains(format) { return false }
    if c & 64 != 0 { guard let diagnosticType, rule.diagnosticTypes.contains(diagnosticType) else { return false } }
    if c & 128 != 0, !Self.name(host, endsWith: rule.hosts) { return false }
    if c & 256 != 0, !Self.name(domain, endsWith: rule.domains) { return false }
    if c & 512 != 0, !Self.name(reporter, endsWith: rule.reporters) { return false }
    return true
  }

  /// Temporary when the status (or, without one, the reply code) says so, or the report is a
  /// delay warning.
  var isTemporary: Bool {
    if let first = status?.utf8.first { return first == 0x34 }
    if let reply { return reply / 100 == 4 }
    return action == .delayed
  }

  func isHard(_ reason: Reason) -> Bool {
    switch reason.hardness {
    case .always: return true
    case .whenPermanent: return !isTemporary
    case .never: return false
    }
  }

  /// What a rule that names no phrase matched on, most specific first.
  mutating func evidence(for rule: Rule) -> String {
    if !rule.statuses.isEmpty, let status { return status }
    if !rule.replies.isEmpty, let reply { return String(reply) }
    if !rule.kinds.isEmpty, kind == .feedback { return feedbackType ?? kind.rawValue }
    if !rule.kinds.isEmpty { return kind.rawValue }
    if !rule.actions.isEmpty, let action { return action.rawValue }
    if !rule.hosts.isEmpty, let host { return host }
    if !rule.domains.isEmpty, let domain { return domain }
    if !rule.reporters.isEmpty, let reporter { return reporter }
    if !rule.commands.isEmpty, let command { return command }
    if !rule.diagnosticTypes.isEmpty, let diagnosticType { return diagnosticType }
    return format
  }
}
