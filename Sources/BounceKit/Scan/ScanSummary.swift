/// Totals over a batch of messages: what `bounce scan --summary` prints.
///
/// Every message read is counted in exactly one of ``bounces``, ``notBounces`` and ``errors``,
/// so the three add up to ``messages``. Only counters are kept, never the results themselves.
public struct ScanSummary: Codable, Sendable, Equatable {
  /// Messages read (including those that could not be read or decoded).
  public var messages = 0
  /// Messages that were bounces, feedback reports or auto-replies.
  public var bounces = 0
  /// Messages that were not bounces.
  public var notBounces = 0
  /// Inputs that could not be read.
  public var errors = 0
  /// Bytes of message text read.
  public var bytes = 0
  /// Recipient rows, over all bounces.
  public var recipients = 0
  /// Recipients whose address is bad (hard bounces).
  public var hard = 0
  /// Recipients that failed for a reason that may pass later or after a fix.
  public var soft = 0
  /// Recipients by reason name.
  public var byReason: [String: Int] = [:]
  /// Recipients by recipient domain (lower case).
  public var byDomain: [String: Int] = [:]
  /// Bounces by reporting MTA.
  public var byReportingMTA: [String: Int] = [:]
  /// Bounces by sender family (format).
  public var byFormat: [String: Int] = [:]
  /// Messages that came with a warning (a limit reached, a truncated message).
  public var warnings = 0

  /// An empty summary.
  public init() {}

  /// Counts one analysed message.
  public mutating func add(_ result: BounceResult, bytes: Int) {
    add(ScanTally(result, bytes: bytes))
  }

  /// Counts what one message added (see ``ScanTally``).
  public mutating func add(_ tally: ScanTally) {
    messages += tally.messages
    bounces += tally.bounces
    notBounces += tally.notBounces
    errors += tally.errors
    bytes += tally.bytes
    hard += tally.hard
    soft += tally.soft
    warnings += tally.warnings
    recipients += tally.recipientCount
    if let mta = tally.reportingMTA { byReportingMTA[mta, default: 0] += 1 }
    if let format = tally.format { byFormat[format, default: 0] += 1 }
    for (reason, domain) in tally.recipients {
      byReason[reason, default: 0] += 1
      byDomain[domain, default: 0] += 1
    }
  }

  /// A host name as a tally key: no real one is longer than 255 bytes (RFC 1035), so a longer
  /// one, which only a hostile message holds, is counted under one key instead of costing its
  /// own size in memory for the rest of the scan.
  static func tallyKey(_ host: String) -> String {
    host.utf8.count <= 255 ? host : "(invalid: longer than 255 bytes)"
  }

  /// Counts one input that could not be read.
  public mutating func addError() {
    messages += 1
    errors += 1
  }

  /// Adds another summary's counts to this one.
  public mutating func merge(_ other: ScanSummary) {
    messages += other.messages
    bounces += other.bounces
    notBounces += other.notBounces
    errors += other.errors
    bytes += other.bytes
    recipients += other.recipients
    hard += other.hard
    soft += other.soft
    warnings += other.warnings
    byReason.merge(other.byReason, uniquingKeysWith: +)
    byDomain.merge(other.byDomain, uniquingKeysWith: +)
    byReportingMTA.merge(other.byReportingMTA, uniquingKeysWith: +)
    byFormat.merge(other.byFormat, uniquingKeysWith: +)
  }

  /// The `limit` largest entries of a tally, largest first, ties by name: a stable order.
  public static func top(_ tally: [String: Int], _ limit: Int) -> [(name: String, count: Int)] {
    tally.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(limit).map { (name: $0.key, count: $0.value) }
  }
}

/// What one message adds to a ``ScanSummary``, worked out where the message is analysed (the
/// lower-casing, the domains) and counted into the totals by `ScanSummary.add(_:)`.
/// Unlike a summary of its own per message, it has no dictionaries to build, merge and free.
public struct ScanTally: Sendable {
  var messages = 0
  var bounces = 0
  var notBounces = 0
  var errors = 0
  var bytes = 0
  var hard = 0
  var soft = 0
  var warnings = 0
  /// How many recipients the message named.
  var recipientCount = 0
  /// The reason of each recipient and the tally key of its domain, in order (empty when the
  /// breakdowns were not asked for).
  var recipients: [(reason: String, domain: String)] = []
  /// The tally key of the reporting MTA, when the message was a bounce that names one.
  var reportingMTA: String?
  /// The format of a bounce's report.
  var format: String?

  /// Nothing: a message that is not counted.
  public init() {}

  /// One analysed message of `bytes` bytes. With `breakdowns` false only the counts are kept,
  /// not what the summary lists by reason, domain, reporting MTA and format: a scan that
  /// prints no summary does not build them.
  ///
  /// `result` is borrowed: an initializer otherwise takes its arguments owned, and the caller
  /// copied the whole result (a retain of every field) only for it to be destroyed here.
  public init(_ result: borrowing BounceResult, bytes: Int, breakdowns: Bool = true) {
    messages = 1
    self.bytes = bytes
    if !result.warnings.isEmpty { warnings = 1 }
    guard result.isBounce else {
      notBounces = 1
      return
    }
    bounces = 1
    recipientCount = result.recipients.count
    for r in result.recipients {
      if r.classification.hardBounce { hard += 1 } else { soft += 1 }
    }
    guard breakdowns else { return }
    if let mta = result.report?.reportingMTA, !mta.isEmpty {
      reportingMTA = ScanSummary.tallyKey(mta.lowercased())
    }
    format = result.report?.format
    recipients.reserveCapacity(result.recipients.count)
    for r in result.recipients {
      // (`Addresses.domain(of:)` lower-cases an ASCII domain on its bytes.)
      let domain = Addresses.domain(of: r.facts.recipient)
      recipients.append((r.classification.reason.rawValue, domain.isEmpty ? "(none)" : ScanSummary.tallyKey(domain)))
    }
  }

  /// One input that could not be read.
  public static var error: ScanTally {
    var tally = ScanTally()
    tally.messages = 1
    tally.errors = 1
    return tally
  }
}
