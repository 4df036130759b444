/// 1&1 (IONOS, `mailer-daemon@kundenserver.de`): an Exim-like letter.
///
/// ```
/// The following address failed:
///
/// user@example.org
///
/// For the following reason:
///
/// Mail size limit exceeded. For explanation visit …
/// ```
///
/// or, with the answer of a remote server, `user@example.org:` and `SMTP error from remote
/// server for TEXT command, host: … reason: 550 5.2.0 …`.
enum EinsUndEins: BounceFormat {
  static let name = "EinsUndEins"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    return from.hasBytePrefix("mailer-daemon@") && (from.containsBytes("kundenserver.") || from.hasByteSuffix("1and1.com") || from.hasByteSuffix("ionos.com"))
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let blocks = AddressBlock.read(mail.reportLines, endAtBlank: false)
    guard !blocks.isEmpty else { return nil }
    var report = DeliveryReport(format: name)
    for block in blocks {
      let lines = block.lines.filter { !BounceText.hasPrefix($0, "for the following reason") }
      var r = EximStyle.recipient(AddressBlock(address: block.address, lines: lines))
      if let reason = BounceText.after("reason: ", in: Substring(r.diagnostic)) {
        // The remote answer follows `reason:`; before it come the command and the host.
        let reply = ServerReply(reason)
        r.replyCode = reply.replyCode
        r.status = reply.status
      }
      report.recipients.append(r)
    }
    return report
  }
}
