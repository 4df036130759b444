/// Sendmail V5 (and other pre-MIME Sendmail) notices: a bare transcript, no RFC 3464 part, no
/// list of failed addresses, the original after "----- Unsent message follows -----".
///
///        ----- Transcript of session follows -----
///     While talking to mx.example.org:
///     >>> RCPT To:<user@example.org>
///     <<< 550 <user@example.org>, User Unknown
///     550 <user@example.org>... User unknown
///     554 <other@example.net>... 550 Host unknown (Authoritative answer from name server)
///
/// In the last shape the leading code is Sendmail's own and the answer that matters is the
/// one quoted after the dots.
enum V5Sendmail: BounceFormat {
  static let name = "V5sendmail"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    mail.deliveryStatusParts.isEmpty && MTAText.contains(mail.subject, "returned mail:")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    // Sendmail V8 always writes where the message came from; V5 never does.
    guard !lines.contains(where: { MTAText.contains($0, "the original message was received at") }) else { return nil }
    let text = SendmailText(lines: lines)
    guard text.hasTranscript, text.listed.isEmpty else { return nil }
    var report = DeliveryReport(format: name)
    var seen = Set<String>()
    for m in text.mentions where seen.insert(ReportMerger.caseKey(m.address)).inserted {
      report.recipients.append(text.recipient(m.address, reason: nil, action: .failed, ownStatus: true))
    }
    if report.recipients.isEmpty, let only = MTAText.soleOriginalRecipient(mail) ?? unsentRecipient(lines) {
      // Only a host-level line such as `421 example.com (smtp)... Deferred: …`: the message
      // returned below says whom it was for.
      report.recipients.append(text.recipient(only, reason: nil, action: .failed, ownStatus: true))
    }
    return report.recipients.isEmpty ? nil : report
  }

  /// The `To:` of the message after "Unsent message follows", which is plain text here, not
  /// a MIME part.
  static func unsentRecipient(_ lines: [Substring]) -> String? {
    guard let start = lines.firstIndex(where: { MTAText.contains($0, "----- unsent message follows") || MTAText.contains($0, "----- original message follows") })
    else { return nil }
    for line in lines[(start + 1)...] {
      if MTAText.isBlank(line) { break }
      if line.utf8.hasPrefixIgnoringCase("to:") {
        let all = Addresses.all(in: line.dropFirst(3))
        return all.count == 1 ? all[0] : nil
      }
    }
    return nil
  }
}
