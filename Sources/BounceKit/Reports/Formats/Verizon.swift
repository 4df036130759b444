/// Verizon Wireless: the MMS gateway (`sysadmin@…vzwpix.com`, `Message could not be delivered
/// to mobile. Error: …`) and the SMS gateway (`post_master@vtext.com`, `Error: Invalid user
/// address`, `Error message below: 550 …`, the recipient in `RCPT TO:`).
enum Verizon: BounceFormat {
  static let name = "Verizon"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let domain = mail.fromDomain
    return domain.hasByteSuffix("vzwpix.com") || domain.hasByteSuffix("vtext.com")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    var recipient: String? = nil
    var errors: [Substring] = []
    var answer: [Substring] = []
    var inAnswer = false
    var inOriginal = false
    for line in lines {
      let t = BounceText.trimmed(line)
      if BounceText.hasPrefix(t, "rcpt to:") {
        recipient = recipient ?? BounceText.firstAddress(in: t.dropFirst(8))
      } else if BounceText.hasPrefix(t, "original message:") {
        inOriginal = true
      } else if inOriginal, BounceText.hasPrefix(t, "to:") {
        recipient = recipient ?? BounceText.firstAddress(in: t.dropFirst(3))
      } else if BounceText.hasPrefix(t, "error message below:") {
        inAnswer = true
      } else if inAnswer {
        if t.isEmpty || BounceText.hasPrefix(t, "message details:") { inAnswer = false } else { answer.append(t) }
      } else if BounceText.hasPrefix(t, "error:") {
        errors.append(t.dropFirst(6))
      }
    }
    guard let recipient else { return nil }
    let diagnostic = answer.isEmpty ? BounceText.joined(errors) : BounceText.joined(answer)
    var r = RecipientReport(recipient: recipient, action: .failed, diagnostic: diagnostic)
    ServerReply(diagnostic).fill(&r)
    return DeliveryReport(format: name, recipients: [r])
  }
}
