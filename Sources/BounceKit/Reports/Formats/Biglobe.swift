/// BIGLOBE (`postmaster@biglobe.ne.jp`): a sectioned notice, in English and (on older
/// messages) in Japanese.
///
/// ```
///    ----- The following addresses had delivery problems -----
/// user@example.jp
///
///    ----- Non-delivered information -----
/// The number of messages in recipient's mailbox exceeded the local limit.
/// ```
enum Biglobe: BounceFormat {
  static let name = "Biglobe"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let domain = mail.fromDomain
    return domain == "biglobe.ne.jp" || domain.hasByteSuffix(".biglobe.ne.jp")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    enum Section { case none, addresses, information }
    var section = Section.none
    var addresses: [String] = []
    var information: [Substring] = []
    for line in mail.reportLines {
      let t = BounceText.trimmed(line)
      if t.hasBytePrefix("-----") {
        if BounceText.contains(t, "following addresses") { section = .addresses } else if BounceText.contains(t, "non-delivered information") {
          section = .information
        } else {
          section = .none
        }
        continue
      }
      switch section {
      case .addresses:
        if let address = BounceText.loneAddress(t), !addresses.contains(address) { addresses.append(address) }
      case .information:
        if !t.isEmpty { information.append(t) }
      case .none:
        break
      }
    }
    guard !addresses.isEmpty else { return nil }
    let diagnostic = BounceText.joined(information)
    let reply = ServerReply(diagnostic)
    var report = DeliveryReport(format: name)
    for address in addresses {
      var r = RecipientReport(recipient: address, action: .failed, diagnostic: diagnostic)
      reply.fill(&r)
      report.recipients.append(r)
    }
    return report
  }
}
