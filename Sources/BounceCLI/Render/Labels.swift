import BounceKit

/// The words of the text output in each language.
struct Labels {
  let language: TextLanguage
  private var ja: Bool { language == .japanese }

  var recipient: String { ja ? "宛先" : "Recipient" }
  var result: String { ja ? "結果" : "Result" }
  var replyCode: String { ja ? "応答コード" : "Reply code" }
  var status: String { ja ? "詳細コード" : "Status" }
  var reason: String { ja ? "原因" : "Reason" }
  var serverSaid: String { ja ? "相手サーバーの応答" : "Server said" }
  var outlookSaid: String { ja ? "Outlook のエラー" : "Outlook error" }
  var pastedText: String { ja ? "貼り付けた文" : "Pasted text" }
  var remoteServer: String { ja ? "応答したサーバー" : "Remote server" }
  var reportedBy: String { ja ? "通知したサーバー" : "Reported by" }
  var originalMessage: String { ja ? "元のメール" : "Original message" }
  var subject: String { ja ? "件名" : "Subject" }
  var rule: String { ja ? "判定ルール" : "Rule" }
  var evidence: String { ja ? "根拠" : "Evidence" }
  var command: String { ja ? "SMTP コマンド" : "SMTP command" }
  var format: String { ja ? "形式" : "Format" }
  var notBounce: String { ja ? "このメールはエラーメール（バウンス）ではありません。" : "This message is not a bounce." }
  var whatHappened: String { ja ? "何が起きたか" : "What happened" }
  var whoseMove: String { ja ? "対応する人" : "Whose move" }
  var resend: String { ja ? "再送の効果" : "Resend later?" }
  var whatToDo: String { ja ? "対処方法" : "What to do" }
  var adviceTopic: String { ja ? "助言の項目" : "Advice topic" }
  var noAddress: String { ja ? "（アドレスなし）" : "(no address)" }

  func hardness(_ hard: Bool) -> String {
    if ja { return hard ? "恒久的（このアドレスには届きません）" : "一時的または送信側で対処可能" }
    return hard ? "hard bounce: the address itself is bad" : "soft: may pass later or after a fix"
  }

  func action(_ action: DeliveryAction?) -> String {
    switch action {
    case .failed?: return ja ? "配送失敗" : "failed"
    case .delayed?: return ja ? "配送遅延（再試行中）" : "delayed (still retrying)"
    case .delivered?: return ja ? "配送済み" : "delivered"
    case .relayed?: return ja ? "中継済み" : "relayed"
    case .expanded?: return ja ? "展開して配送済み" : "delivered and expanded"
    case nil: return ja ? "不明" : "unknown"
    }
  }
}
