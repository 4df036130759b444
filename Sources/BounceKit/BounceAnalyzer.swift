/// Reads bounce messages and says, per recipient, what failed and why.
///
/// ```swift
/// let analyzer = BounceAnalyzer()
/// let result = analyzer.analyze(message: Array(data))
/// for recipient in result.recipients {
///   print(recipient.recipient, recipient.status ?? "-", recipient.reason, recipient.hardBounce)
/// }
/// ```
///
/// The analyzer is a value with no shared state: use one from many tasks at once.
///
/// Reasons come from rules (``RuleSet``): the bundled ones by default, or any set you give,
/// such as the bundled rules with your own added:
///
/// ```swift
/// let analyzer = BounceAnalyzer(rules: RuleSet.bundled.adding(try RuleSet(contentsOfFile: "my.rules")))
/// ```
public struct BounceAnalyzer: Sendable {
  private let engine: RuleEngine
  /// How much of each message is decoded (see ``DecodeLimits``).
  public var limits: DecodeLimits

  /// When set, every recipient also carries ``RecipientResult/advice`` in this language (the
  /// Advise stage). Nil by default: results then hold facts and verdicts only, which is all a
  /// scan of many messages needs.
  public var adviceLanguage: TextLanguage? = nil

  /// Creates an analyzer with the bundled rules that follows `limits`.
  public init(limits: DecodeLimits = .standard) {
    engine = Self.bundledEngine
    self.limits = limits
  }

  /// Creates an analyzer with the given rules (compiled once, here).
  public init(rules: RuleSet, limits: DecodeLimits = .standard) {
    engine = RuleEngine(rules)
    self.limits = limits
  }

  /// Creates an analyzer with the bundled rules plus those of a rules file, which add to or
  /// replace bundled rules by id. Throws a ``RuleFileError`` (file, line, what is wrong) when
  /// the file cannot be read or is not valid.
  public init(addingRulesFromFile path: String, limits: DecodeLimits = .standard) throws(RuleFileError) {
    engine = RuleEngine(RuleSet.bundled.adding(try RuleSet(contentsOfFile: path)))
    self.limits = limits
  }

  /// The bundled rules compiled once per process.
  private static let bundledEngine = RuleEngine(RuleSet.bundled)

  /// Classifies one recipient of a report with this analyzer's rules: for reports you read
  /// yourself, or to try a rule on a server answer.
  public func classify(_ recipient: RecipientReport, in report: DeliveryReport) -> Classification {
    engine.classify(recipient, in: report)
  }

  /// The same analyzer, giving advice in `language` with every result.
  public func advising(in language: TextLanguage) -> BounceAnalyzer {
    var copy = self
    copy.adviceLanguage = language
    return copy
  }

  /// Analyses one message given as raw bytes. Line endings may be LF, CRLF or CR. A leading
  /// mbox `From ` line is ignored. Never throws: a message that is not a bounce gives a result
  /// of kind ``BounceResult/Kind/notBounce``. Bytes past ``DecodeLimits/maxMessageBytes`` are
  /// not read (the result carries a warning).
  public func analyze(message bytes: [UInt8]) -> BounceResult {
    let truncated = bytes.count > limits.maxMessageBytes
    var normalized = LineEndingNormalizer.normalized(truncated ? Array(bytes.prefix(max(0, limits.maxMessageBytes))) : bytes)
    if normalized.starts(with: Array("From ".utf8)), let lf = normalized.firstIndex(of: ASCII.lf) {
      normalized.removeSubrange(0...lf)
    }
    return analyze(InputMessage(source: "", index: 0, bytes: normalized, truncated: truncated))
  }

  /// Analyses one message from a ``MessageInput`` (bytes already normalised).
  public func analyze(_ input: InputMessage) -> BounceResult {
    let mail = ParsedMail(bytes: input.bytes, limits: limits)
    // The parts are gathered in locals and the result made once, in the return: a result made
    // first and changed field by field was copied whole twice (after its init and at the return).
    // The decoded Subject and From the readers use, decoded once.
    let subject = mail.header.has("subject") ? mail.subject : nil
    let from = mail.header.has("from") ? mail.from.foldingWhitespace : nil
    let date = mail.header["date"]?.foldingWhitespace
    let bounceRecipient = mail.header["to"].flatMap { Addresses.first(in: $0) }
    if input.truncated { mail.note(.messageBytes) }
    var kind = BounceResult.Kind.notBounce
    var original: OriginalMessage?
    var recipients: [RecipientResult] = []
    var kept: DeliveryReport?
    if var report = ReportReader.read(mail), !report.recipients.isEmpty {
      if report.recipients.count > limits.maxRecipients {
        report.recipients.removeSubrange(max(0, limits.maxRecipients)...)
        mail.note(.recipients)
      }
      kind = .bounce
      original = OriginalMessageReader.read(mail)
      // Each recipient's facts are moved into its result, not copied: taken out of the report
      // (classifying reads only the report's own fields) and popped from the end, reversed.
      var pending = report.recipients
      report.recipients = []
      pending.reverse()
      recipients.reserveCapacity(pending.count)
      while let facts = pending.popLast() {
        let (classification, cut) = engine.classify(facts, in: report, scanLimit: limits.maxScannedTextBytes)
        if cut { mail.note(.scannedTextBytes) }
        recipients.append(RecipientResult(facts: facts, classification: classification))
      }
      if let language = adviceLanguage {
        let advisor = Advisor()
        for i in recipients.indices {
          recipients[i].advice = advisor.advice(for: recipients[i], in: language)
        }
      }
      kept = report
    }
    return BounceResult(
      source: input.source.isEmpty ? nil : input.source,
      index: input.source.isEmpty ? nil : input.index,
      kind: kind, subject: subject, from: from, date: date, report: kept, original: original,
      recipients: recipients,
      // Every limit reached, by the input, the parser or a reader, in a stable order.
      warnings: mail.limitsReached.sorted().map { $0.warning(limits) },
      bounceRecipient: bounceRecipient)
  }

  /// Analyses every message in a file: an mbox gives one result per message, any other file
  /// one result. Throws when the file cannot be read or holds nothing.
  public func analyze(fileAtPath path: String) throws(BounceKitError) -> [BounceResult] {
    var results: [BounceResult] = []
    for item in MessageInput(paths: [path]) {
      switch item {
      case .message(let message): results.append(analyze(message))
      case .failure(let failure):
        if failure.reason.hasBytePrefix("empty file") { throw .empty(source: path) }
        throw .unreadable(failure)
      }
    }
    if results.isEmpty { throw .empty(source: path) }
    return results
  }
}
