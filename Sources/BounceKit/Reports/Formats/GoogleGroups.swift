/// Google Groups refusing a post (`mailer-daemon@googlemail.com`, `X-Failed-Recipients` naming
/// the group): a localised letter saying the group does not exist or the sender may not post.
/// No codes; the recipient is the group's address.
enum GoogleGroups: BounceFormat {
  static let name = "GoogleGroups"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    guard from.hasBytePrefix("mailer-daemon@"), from.hasByteSuffix("@googlemail.com") || from.hasByteSuffix("@google.com") else { return false }
    let failed = BounceText.headerAddresses(mail, "x-failed-recipients")
    return !failed.isEmpty && failed.allSatisfy { Addresses.domain(of: $0).hasByteSuffix("googlegroups.com") }
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let groups = BounceText.headerAddresses(mail, "x-failed-recipients")
    let lines = mail.reportLines
    // The letter names groups.google.com; anything else from Google is left to the others.
    guard !groups.isEmpty, lines.contains(where: { BounceText.contains($0, "groups.google.com") || BounceText.contains($0, "google groups") })
    else { return nil }
    let diagnostic = BounceText.joined(lines)
    var report = DeliveryReport(format: name)
    for group in groups {
      report.recipients.append(RecipientReport(recipient: group, action: .failed, diagnostic: diagnostic))
    }
    return report
  }
}
