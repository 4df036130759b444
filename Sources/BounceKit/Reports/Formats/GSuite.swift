/// Google's multipart bounces (Gmail and Google Workspace, 2016 on): an HTML-and-text letter
/// (`** Address not found **`, `Your message wasn't delivered to … because …`, `The response
/// was:` and the remote server's answer), usually with a DSN part that repeats the answer.
///
/// The DSN is the main source; the letter fills in when the DSN part is empty, as it is when
/// Gmail gives up before reaching any server (`Send mail as` failures, DNS errors).
enum GSuite: BounceFormat {
  static let name = "GSuite"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    guard from.hasBytePrefix("mailer-daemon@"), from.hasByteSuffix("@googlemail.com") || from.hasByteSuffix("@google.com") else { return false }
    return mail.root.contentType.type == "multipart"
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.reportLines
    var answer: [Substring] = []
    var inAnswer = false
    var delivered: String? = nil
    var temporary = false
    // The letter's own headline and sentence (`** Address not found **`, `Your message wasn't
    // delivered to … because the address couldn't be found.`): the only words some bounces
    // have when Google never reached a server.
    var letter: [Substring] = []
    for line in lines {
      if BounceText.hasPrefix(line, "the response") && line.hasByteSuffix(":") {
        inAnswer = true
        continue
      }
      if inAnswer {
        answer.append(line)
      } else if delivered == nil, let rest = BounceText.after("delivered to ", in: line) ?? BounceText.after("delivering your message to ", in: line) {
        delivered = BounceText.firstAddress(in: BounceText.prefix(rest, upTo: ASCII.space))
        temporary = BounceText.contains(line, "temporary problem")
        letter.append(line)
      } else if letter.isEmpty, line.hasBytePrefix("** "), line.hasByteSuffix(" **") {
        letter.append(line)
      }
    }
    var diagnostic = BounceText.joined(answer)
    let reply = ServerReply(diagnostic)
    if diagnostic.isEmpty { diagnostic = BounceText.joined(letter) }

    if var report = mail.standardReport {
      report.format = name
      for i in report.recipients.indices where report.recipients[i].diagnostic.isEmpty {
        report.recipients[i].diagnostic = diagnostic
      }
      return report
    }
    var addresses = BounceText.headerAddresses(mail, "x-failed-recipients")
    if addresses.isEmpty, let delivered { addresses = [delivered] }
    guard !addresses.isEmpty, !lines.isEmpty else { return nil }
    var report = DeliveryReport(format: name)
    for address in addresses {
      var r = RecipientReport(recipient: address, action: temporary ? .delayed : .failed, diagnostic: diagnostic)
      reply.fill(&r)
      report.recipients.append(r)
    }
    return report
  }
}
