/// A relay's plain-text "NOTICE: Delivery Failure." that labels each fact on its own line:
///
///     Your delivery to the following address has been failed.
///     ------------------------------------------------------
///
///     Delivery failed: user@example.jp
///     192.0.2.1 failed after I sent the message.
///     Remote host said[Response Message]: 554 5.4.14 Hop count exceeded - possible mail loop
///     STEP: DATA SEND
enum DeliveryFailureNotice: BounceFormat {
  static let name = "DeliveryFailureNotice"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    MTAText.contains(mail.subject, "delivery failure") || BounceSigns.isFromDaemonOrPostmaster(mail)
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    guard lines.prefix(20).contains(where: { MTAText.contains($0, "your delivery to the following address") }) else { return nil }
    var report = DeliveryReport(format: name)
    for line in lines {
      let t = MTAText.trimmed(line)
      if t.utf8.hasPrefixIgnoringCase("delivery failed:") || t.utf8.hasPrefixIgnoringCase("delivery delayed:") {
        guard report.recipients.count < MTAText.maxRecipients,
          let address = Addresses.first(in: t.drop(while: { $0 != ":" }).dropFirst()), Addresses.isMailbox(address)
        else { continue }
        let delayed = t.utf8.hasPrefixIgnoringCase("delivery delayed:")
        report.recipients.append(RecipientReport(recipient: address, action: delayed ? .delayed : .failed))
        continue
      }
      guard let last = report.recipients.indices.last else { continue }
      if let said = MTAText.after("remote host said", in: t) {
        // `Remote host said[Response Message]: 554 …`
        let answer = String(MTAText.trimmed(said.drop(while: { $0 != ":" }).dropFirst()))
        report.recipients[last].diagnostic = answer
        report.recipients[last].diagnosticType = "smtp"
        report.recipients[last].replyCode = SMTPCodes.leadingReplyCode(in: answer)
        report.recipients[last].status = SMTPCodes.enhancedStatus(in: answer)
      } else if t.utf8.hasPrefixIgnoringCase("step:") {
        report.recipients[last].command = MTAText.smtpCommand(t.dropFirst(5))
      } else if MTAText.contains(t, " failed after ") || MTAText.contains(t, " failed while ") {
        report.recipients[last].remoteMTA = MTAText.leadingHost(t)
      }
    }
    return report.recipients.isEmpty ? nil : report
  }
}
