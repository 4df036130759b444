/// The Classify stage: gives every recipient of a report a reason and a hard/soft verdict.
///
/// This first classifier reads the codes only: the enhanced status code's subject and detail,
/// then the SMTP reply code, then the action. Hardness follows from the reason, never from the
/// first digit alone: a full mailbox is soft even with a 5xx code.
struct Classifier: Sendable {
  func classify(_ recipient: RecipientReport, in report: DeliveryReport) -> Classification {
    switch report.kind {
    case .feedback:
      return Classification(reason: .feedback, hardBounce: false, rule: "kind.feedback", evidence: recipient.feedbackType ?? "")
    case .autoReply:
      return Classification(reason: .vacation, hardBounce: false, rule: "kind.auto-reply", evidence: "")
    case .deliveryStatus:
      break
    }
    if let action = recipient.action, action == .delivered || action == .relayed || action == .expanded {
      return Classification(reason: .delivered, hardBounce: false, rule: "action.\(action.rawValue)", evidence: action.rawValue)
    }
    let temporary = recipient.status?.first == "4" || (recipient.replyCode ?? 0) / 100 == 4 || recipient.action == .delayed
    if let status = recipient.status, let reason = Self.reason(forStatus: status, temporary: temporary) {
      return Classification(reason: reason, hardBounce: hard(reason, temporary: temporary), rule: "status.\(status)", evidence: status)
    }
    if let code = recipient.replyCode, let reason = Self.reason(forReply: code) {
      return Classification(reason: reason, hardBounce: hard(reason, temporary: temporary), rule: "reply.\(code)", evidence: String(code))
    }
    if recipient.action == .delayed {
      return Classification(reason: .expired, hardBounce: false, rule: "action.delayed", evidence: "delayed")
    }
    return Classification(reason: .onHold, hardBounce: false, rule: "none", evidence: "")
  }

  private func hard(_ reason: Reason, temporary: Bool) -> Bool {
    if temporary { return false }
    return reason.addressIsBad || reason == .notAccept
  }

  /// The reason an enhanced status code stands for on its own.
  static func reason(forStatus status: String, temporary: Bool) -> Reason? {
    let parts = status.split(separator: ".")
    guard parts.count == 3 else { return nil }
    switch (parts[1], parts[2]) {
    case ("1", "1"), ("1", "0"): return .userUnknown
    case ("1", "2"): return .hostUnknown
    case ("1", "3"): return .userUnknown
    case ("1", "6"): return .hasMoved
    case ("1", "7"), ("1", "8"): return .rejected
    case ("1", "10"): return .notAccept
    case ("2", "1"): return .suspend
    case ("2", "2"): return .mailboxFull
    case ("2", "3"): return .exceedLimit
    case ("3", "1"): return .systemFull
    case ("3", "2"): return .notAccept
    case ("3", "4"): return .mesgTooBig
    case ("3", _): return .systemError
    case ("4", "1"), ("4", "2"), ("4", "3"), ("4", "4"), ("4", "6"): return .networkError
    case ("4", "5"): return .tooManyConn
    case ("4", "7"): return .expired
    case ("5", "3"): return .exceedLimit
    case ("5", _): return .syntaxError
    case ("6", _): return .contentError
    case ("7", "1"): return .rejected
    case ("7", "20"), ("7", "21"), ("7", "22"), ("7", "23"), ("7", "24"), ("7", "26"), ("7", "29"): return .authFailure
    case ("7", "25"): return .requirePTR
    case ("7", "28"): return .speeding
    case ("7", "8"), ("7", "9"), ("7", "10"), ("7", "11"), ("7", "5"), ("7", "4"): return .securityError
    case ("7", "13"): return .suspend
    case ("7", _): return .securityError
    default: return nil
    }
  }

  /// The reason a bare SMTP reply code stands for, when it is specific enough.
  static func reason(forReply code: Int) -> Reason? {
    switch code {
    case 421: return .blocked
    case 450, 451: return .systemError
    case 452: return .mailboxFull
    case 500, 501, 502, 503, 504: return .syntaxError
    case 530, 535: return .securityError
    case 551: return .hasMoved
    case 552: return .mailboxFull
    case 553: return .rejected
    case 550: return .userUnknown
    default: return nil
    }
  }
}
