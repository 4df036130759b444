extension Reason {
  /// A one-line description of the reason, for people.
  public func summary(in language: TextLanguage) -> String {
    let (en, ja) = texts
    return language == .japanese ? ja : en
  }

  private var texts: (String, String) {
    switch self {
    case .userUnknown: return ("the recipient's mailbox does not exist", "宛先のメールアドレスが存在しません")
    case .mailboxFull: return ("the recipient's mailbox is full", "宛先のメールボックスが満杯です")
    case .expired: return ("delivery kept failing until the server gave up", "配送を再試行し続けましたが期限切れになりました")
    case .filtered: return ("the recipient's filter or settings refused the message", "宛先側のフィルターや受信設定で拒否されました")
    case .rejected: return ("your sender address or domain was refused", "送信者のアドレスまたはドメインが拒否されました")
    case .blocked: return ("your sending server or IP address was refused", "送信元のサーバーまたは IP アドレスが拒否されました")
    case .hostUnknown: return ("the recipient's domain does not exist or has no mail server", "宛先のドメインが存在しないか、メールサーバーがありません")
    case .feedback: return ("a complaint (feedback) report, not a bounce", "苦情（フィードバック）の報告で、エラーメールではありません")
    case .authFailure: return ("sender authentication (SPF, DKIM or DMARC) failed", "送信ドメイン認証（SPF・DKIM・DMARC）に失敗しました")
    case .networkError: return ("a network or DNS problem stopped delivery", "ネットワークまたは DNS の問題で配送できませんでした")
    case .policyViolation: return ("the receiving side's policy refused the message", "受信側のポリシーにより拒否されました")
    case .requirePTR: return ("your sending IP address has no valid reverse DNS (PTR)", "送信元 IP アドレスの逆引き（PTR）が正しくありません")
    case .suspend: return ("the recipient's mailbox is suspended or disabled", "宛先のメールボックスが停止されています")
    case .spamDetected: return ("the message was judged to be spam", "迷惑メールと判定されました")
    case .notAccept: return ("the recipient's server accepts no mail", "宛先のサーバーはメールを受け付けていません")
    case .securityError: return ("a security check (login, encryption) failed", "セキュリティ上の確認（認証・暗号化）に失敗しました")
    case .systemError: return ("the receiving system had an error", "受信側のシステムでエラーが起きました")
    case .mailerError: return ("the recipient's local delivery program failed", "宛先サーバーの配送プログラムでエラーが起きました")
    case .noRelaying: return ("the server refused to relay the message", "サーバーがメールの中継を拒否しました")
    case .onHold: return ("the reason could not be decided", "原因を特定できませんでした")
    case .hasMoved: return ("the recipient has moved to another address", "宛先の人は別のアドレスに移りました")
    case .tooManyConn: return ("too many connections to the receiving server at once", "受信側サーバーへの同時接続が多すぎます")
    case .vacation: return ("an automatic reply (such as out of office), not a bounce", "自動応答（不在通知など）で、エラーメールではありません")
    case .contentError: return ("the message's headers or format were refused", "メールのヘッダーや形式が原因で拒否されました")
    case .mesgTooBig: return ("the message is too big for the receiving server", "メールのサイズが受信側の上限を超えています")
    case .badReputation: return ("your IP address or domain has a poor reputation", "送信元 IP アドレスまたはドメインの評価が低いため拒否されました")
    case .delivered: return ("the message was delivered", "メールは配送されました")
    case .notCompliantRFC: return ("the message does not follow the mail standards", "メールが標準規格に沿っていません")
    case .undefined: return ("no reason could be determined", "原因を判定できませんでした")
    case .exceedLimit: return ("the message exceeds a limit set for the recipient", "宛先に設定された制限を超えています")
    case .syntaxError: return ("an SMTP command was malformed", "SMTP コマンドの書式に誤りがあります")
    case .virusDetected: return ("a virus was found in the message", "メールからウイルスが検出されました")
    case .speeding: return ("too much mail was sent too fast", "短時間に送ったメールが多すぎます")
    case .systemFull: return ("the receiving server's storage is full", "受信側サーバーの記憶領域が満杯です")
    }
  }
}
