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
public struct BounceAnalyzer: Sendable {
  private let classifier = Classifier()
  /// How much of each message is decoded (see ``DecodeLimits``).
  public var limits: DecodeLimits

  /// Creates an analyzer that follows `limits`.
  public init(limits: DecodeLimits = .standard) {
    self.limits = limits
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
    var result = BounceResult(
      source: input.source.isEmpty ? nil : input.source,
      index: input.source.isEmpty ? nil : input.index,
      kind: .notBounce,
      subject: mail.header["subject"]?.foldingWhitespace,
      from: mail.header["from"]?.foldingWhitespace,
      date: mail.header["date"]?.foldingWhitespace
    )
    result.bounceRecipient = mail.header["to"].flatMap { Addresses.first(in: $0) }
    if input.truncated { mail.note(.messageBytes) }
    if var report = ReportReader.read(mail), !report.recipients.isEmpty {
      if report.recipients.count > limits.maxRecipients {
        report.recipients.removeSubrange(max(0, limits.maxRecipients)...)
        mail.note(.recipients)
      }
      result.kind = .bounce
      result.original = OriginalMessageReader.read(mail)
      result.recipients = report.recipients.map { facts in
        RecipientResult(facts: facts, classification: classifier.classify(facts, in: report))
      }
      report.recipients = []
      result.report = report
    }
    // Every limit reached, by the input, the parser or a reader, in a stable order.
    result.warnings = mail.limitsReached.sorted().map { $0.warning(limits) }
    return result
  }

  /// Analyses every message in a file: an mbox gives one result per message, any other file
  /// one result. Throws when the file cannot be read or holds nothing.
  public func analyze(fileAtPath path: String) throws(BounceKitError) -> [BounceResult] {
    var results: [BounceResult] = []
    for item in MessageInput(paths: [path]) {
      switch item {
      case .message(let message): results.append(analyze(message))
      case .failure(let failure):
        if failure.reason.hasPrefix("empty file") { throw .empty(source: path) }
        throw .unreadable(failure)
      }
    }
    if results.isEmpty { throw .empty(source: path) }
    return results
  }
}
