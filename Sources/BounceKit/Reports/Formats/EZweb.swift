/// au (KDDI)'s mobile mail gateway, EZweb (`Postmaster@ezweb.ne.jp`, `Subject: Mail System
/// Error - Returned Mail`): a Japanese explanation (ISO-2022-JP or EUC-JP, read through the
/// charset layer), an English sentence, and the recipients, either alone (`<user@ezweb.ne.jp>`)
/// or with the SMTP exchange that failed:
///
/// ```
/// Each of the following recipients was rejected by a remote mail server.
///
///     Recipient: <user@example.jp>
///     >>> RCPT TO:<user@example.jp>
///     <<< 550 <user@example.jp>: User unknown
/// ```
enum EZweb: BounceFormat {
  static let name = "EZweb"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    return from.hasByteSuffix("@ezweb.ne.jp") || (from.hasByteSuffix("@au.com") && from.hasBytePrefix("postmaster@"))
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    var explanation: [Substring] = []
    var order: [String] = []
    var exchanges: [String: [Substring]] = [:]
    var current: String? = nil
    for line in mail.reportLines {
      let t = BounceText.trimmed(line)
      // A rule of dashes opens the returned message's header.
      if t.utf8.count >= 10, t.allSatisfy({ $0 == "-" }) { break }
      if BounceText.hasPrefix(t, "recipient:"), let address = BounceText.firstAddress(in: t.dropFirst(10)) {
        current = address
        if exchanges[address.lowercased()] == nil { order.append(address) }
        exchanges[address.lowercased(), default: []] = []
      } else if let address = BounceText.loneAddress(t) {
        current = nil
        if exchanges[address.lowercased()] == nil { order.append(address); exchanges[address.lowercased()] = [] }
      } else if t.hasBytePrefix(">>>") || t.hasBytePrefix("<<<"), let c = current {
        exchanges[c.lowercased(), default: []].append(t)
      } else if let colon = t.utf8.firstIndex(of: UInt8(ascii: ":")), let address = BounceText.loneAddress(t[..<colon]) {
        // `<user@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)`
        current = nil
        if exchanges[address.lowercased()] == nil { order.append(address) }
        exchanges[address.lowercased()] = [t[t.index(after: colon)...]]
      } else if !t.isEmpty, t.unicodeScalars.allSatisfy(\.isASCII), !t.containsByte(ASCII.at) {
        explanation.append(t)
      }
    }
    guard !order.isEmpty else { return nil }
    var report = DeliveryReport(format: name)
    let general = BounceText.joined(explanation)
    // au states the account's condition in a sentence of its own (`The user(s) account is
    // disabled.`, `… is temporarily over quota.`): the gateway's verdict, more telling than the
    // generic SMTP answer that follows it.
    let verdict = explanation.first { BounceText.hasPrefix($0, "the user(s) account") }
    for address in order {
      let exchange = exchanges[address.lowercased()] ?? []
      // The server's words are the `<<<` lines; `>>>` shows the command it answered.
      let answer = exchange.filter { !$0.hasBytePrefix(">>>") }.map { $0.hasBytePrefix("<<<") ? $0.dropFirst(3) : $0 }
      var diagnostic = answer.isEmpty ? general : BounceText.joined(answer)
      if let verdict, !answer.isEmpty { diagnostic = String(verdict) + " " + diagnostic }
      var r = RecipientReport(recipient: address, action: .failed, diagnostic: diagnostic)
      if !answer.isEmpty { ServerReply(diagnostic).fill(&r) }
      if let sent = exchange.first(where: { $0.hasBytePrefix(">>>") }) { r.command = ServerReply.commandWord(at: sent.dropFirst(3)) }
      r.command = r.command ?? ServerReply.command(in: Substring(diagnostic))
      report.recipients.append(r)
    }
    return report
  }
}
