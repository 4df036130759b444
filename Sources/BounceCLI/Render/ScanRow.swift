import BounceKit

/// One row of `bounce scan` output: a recipient of a bounce, a message that is not a bounce,
/// or an input that could not be read. Every message read gives at least one row.
struct ScanRow {
  enum Kind: String { case recipient, notBounce = "not-bounce", error }

  var kind: Kind
  var source: String
  var message: Int?
  var result: BounceResult?
  var recipient: RecipientResult?
  var error: String?

  /// The rows of one analysed message.
  static func rows(for result: BounceResult, source: String, index: Int) -> [ScanRow] {
    guard result.isBounce, !result.recipients.isEmpty else {
      return [ScanRow(kind: .notBounce, source: source, message: index, result: result)]
    }
    return result.recipients.map { ScanRow(kind: .recipient, source: source, message: index, result: result, recipient: $0) }
  }

  /// The columns of CSV and table output, in order.
  static let columns = [
    "kind", "source", "message", "recipient", "action", "status", "replyCode", "reason", "hardBounce",
    "diagnostic", "remoteMTA", "reportingMTA", "command", "format", "rule", "originalMessageID",
    "originalSubject", "addresser", "feedbackType", "error",
  ]

  /// The value of a column as text ("" when empty).
  func text(_ column: String) -> String {
    let r = recipient
    switch column {
    case "kind": return kind.rawValue
    case "source": return source
    case "message": return message.map(String.init) ?? ""
    case "recipient": return r?.recipient ?? ""
    case "action": return r?.action?.rawValue ?? ""
    case "status": return r?.status ?? ""
    case "replyCode": return r?.replyCode.map(String.init) ?? ""
    case "reason": return r?.reason.rawValue ?? ""
    case "hardBounce": return r.map { $0.hardBounce ? "true" : "false" } ?? ""
    case "diagnostic": return r?.diagnostic ?? ""
    case "remoteMTA": return r?.remoteMTA ?? ""
    case "reportingMTA": return result?.report?.reportingMTA ?? ""
    case "command": return r?.command ?? ""
    case "format": return result?.report?.format ?? ""
    case "rule": return r?.rule ?? ""
    case "originalMessageID": return result?.original?.messageID ?? ""
    case "originalSubject": return result?.original?.subject ?? ""
    case "addresser": return result?.addresser ?? ""
    case "feedbackType": return r?.feedbackType ?? ""
    case "error": return error ?? ""
    default: return ""
    }
  }

  /// The row as one JSON object (camelCase keys).
  func json() -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(1024)
    json(appendingTo: &bytes)
    return bytes
  }

  /// Appends the row as one JSON object (camelCase keys) to `out`.
  func json(appendingTo out: inout [UInt8]) {
    if kind == .recipient, let r = recipient, let result {
      Self.recipientJSON(source: source, message: message, result: result, recipient: r, appendingTo: &out)
      return
    }
    var w = JSONObjectWriter(appendingTo: &out)
    w.field("kind", kind.rawValue)
    w.field("source", source)
    w.field("message", message)
    switch kind {
    case .recipient:
      break
    case .notBounce:
      w.field("subject", result?.subject)
      w.field("from", result?.from)
      if let warnings = result?.warnings, !warnings.isEmpty { w.field("warnings", warnings) }
    case .error:
      w.field("error", error)
    }
    out = w.finish()
  }

  /// Appends the JSON object of the row of recipient `r` of `result` to `out`.
  static func recipientJSON(
    source: String, message: Int?, result: BounceResult, recipient r: RecipientResult, appendingTo out: inout [UInt8]
  ) {
    var w = JSONObjectWriter(appendingTo: &out)
    w.field("kind", Kind.recipient.rawValue)
    w.field("source", source)
    w.field("message", message)
    // The stored structs, read directly: a dynamic-member read of `r` copies them whole.
    let facts = r.facts
    let classification = r.classification
    w.field("recipient", facts.recipient)
    w.field("originalRecipient", facts.originalRecipient)
    w.field("action", facts.action?.rawValue)
    w.field("status", facts.status)
    w.field("replyCode", facts.replyCode)
    w.field("reason", classification.reason.rawValue)
    w.field("hardBounce", classification.hardBounce)
    w.field("diagnostic", facts.diagnostic)
    w.field("diagnosticType", facts.diagnosticType)
    w.field("remoteMTA", facts.remoteMTA)
    w.field("reportingMTA", result.report?.reportingMTA)
    w.field("command", facts.command)
    w.field("format", result.report?.format)
    w.field("rule", classification.rule)
    w.field("evidence", classification.evidence)
    if let type = facts.feedbackType { w.field("feedbackType", type) }
    w.field("originalMessageID", result.original?.messageID)
    w.field("originalSubject", result.original?.subject)
    w.field("addresser", result.addresser)
    if !result.warnings.isEmpty { w.field("warnings", result.warnings) }
    out = w.finish()
  }
}
