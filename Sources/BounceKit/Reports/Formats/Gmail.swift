/// Gmail's plain-text bounces (2010s, before Google moved to multipart reports):
///
/// ```
/// Delivery to the following recipient failed permanently:
///
///      user@example.jp
///
/// Technical details of permanent failure:
/// Google tried to deliver your message, but it was rejected by the server for the recipient
/// domain example.jp by mx.example.jp. [192.0.2.1].
///
/// The error that the other server returned was:
/// 550 5.1.1 <user@example.jp>... User Unknown
///
/// ----- Original message -----
/// ```
///
/// Delay warnings say `Delivery to the following recipient has been delayed:`. The server's
/// answer is sometimes written with its code twice (`554 554 5.7.0 …`) and ends with Gmail's
/// SMTP state number (`(state 14)`), which tells the command.
enum Gmail: BounceFormat {
  static let name = "Gmail"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    guard from.hasBytePrefix("mailer-daemon@"), from.hasByteSuffix("@googlemail.com") || from.hasByteSuffix("@google.com") || from.hasByteSuffix("@gmail.com")
    else { return false }
    return mail.deliveryStatusParts.isEmpty
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.reportLines
    var addresses: [String] = []
    var action: DeliveryAction = .failed
    var detailsStart: Int? = nil
    var collecting = false
    for (i, line) in lines.enumerated() {
      if BounceText.hasPrefix(line, "delivery to the following recipient") {
        action = BounceText.contains(line, "delayed") || BounceText.contains(line, "temporar") ? .delayed : .failed
        collecting = true
        if detailsStart == nil { detailsStart = i }
        continue
      }
      guard collecting else { continue }
      if let address = BounceText.loneAddress(line) {
        addresses.append(address)
      } else if !BounceText.trimmed(line).isEmpty {
        collecting = false
      }
    }
    if addresses.isEmpty { addresses = BounceText.headerAddresses(mail, "x-failed-recipients") }
    guard !addresses.isEmpty else { return nil }

    // The details: everything after the recipient list (retry notice, technical details).
    let tail = lines[(detailsStart ?? 0)...].filter { BounceText.loneAddress($0) == nil }
    let diagnostic = BounceText.joined(tail.drop(while: { BounceText.hasPrefix($0, "delivery to the following") }))
    let technical = Substring(diagnostic)
    let answer = BounceText.after("other server returned was:", in: technical) ?? BounceText.after("technical details of", in: technical)
    let reply = answer.map { ServerReply(dedupedCode($0)) }
    let host = BounceText.after("by the server for the recipient domain ", in: technical).flatMap(hostAfterBy)

    var report = DeliveryReport(format: name)
    for address in addresses {
      var r = RecipientReport(recipient: address, action: action, diagnostic: diagnostic)
      r.remoteMTA = host
      reply?.fill(&r)
      r.command = r.command ?? answer.flatMap(stateCommand)
      report.recipients.append(r)
    }
    return report
  }

  /// `554 554 5.7.0 …` → `554 5.7.0 …`: Gmail repeats the code it quotes.
  static func dedupedCode(_ text: Substring) -> Substring {
    let t = BounceText.trimmed(text)
    let bytes = Array(t.utf8.prefix(8))
    if bytes.count == 8, bytes[3] == ASCII.space, bytes[7] == ASCII.space, bytes[0..<3] == bytes[4..<7] {
      return t.dropFirst(4)
    }
    return t
  }

  /// `example.jp by mx.example.jp. [192.0.2.1]` → `mx.example.jp`.
  static func hostAfterBy(_ text: Substring) -> String? {
    guard let rest = BounceText.after(" by ", in: text) else { return nil }
    let word = rest.prefix(while: { $0 != " " && $0 != "[" })
    let host = word.hasByteSuffix(".") ? word.dropLast() : word
    return host.containsByte(ASCII.dot) ? String(host) : nil
  }

  /// Gmail's `(state N)` numbers the SMTP phase its client was in when the answer came.
  static func stateCommand(_ text: Substring) -> String? {
    guard let rest = BounceText.after("(state ", in: text) else { return nil }
    let number = Int(rest.prefix(while: { $0.isASCII && $0.isNumber })) ?? -1
    switch number {
    // Only the states seen in real bounces; others are left unsaid.
    case 6: return "MAIL"
    case 13: return "EHLO"
    case 14: return "RCPT"
    case 18: return "DATA"
    default: return nil
    }
  }
}
