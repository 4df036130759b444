/// Sendmail (V8) notices: "Returned mail: see transcript for details", "Postmaster notify",
/// "Warning: could not send message for past 4 hours".
///
/// The RFC 3464 part says which recipients failed; the text part (read by ``SendmailText``)
/// says what the remote server answered, to which command, on which host. Sendmail also
/// writes its own summary codes (`550 5.1.1 <user@…>... User unknown`), which are its
/// mapping of the answer, not the answer: they give the status only when the DSN part has
/// nothing more specific than a class.
enum Sendmail: BounceFormat {
  static let name = "Sendmail"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let s = mail.subject
    return MTAText.contains(s, "returned mail:") || MTAText.contains(s, "postmaster notify:")
      || MTAText.contains(s, "could not send message for past") || MTAText.contains(mail.from, "mail delivery subsystem")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let text = SendmailText(lines: mail.bodyLines)
    guard text.hasTranscript || !text.listed.isEmpty else { return nil }
    let dsn = mail.standardReport
    var dsnStatus: [String: String] = [:]
    for r in dsn?.recipients ?? [] { if let s = r.status { dsnStatus[ReportMerger.caseKey(r.recipient)] = s } }
    let warning = text.isWarning || MTAText.contains(mail.subject, "warning:")

    /// Sendmail's own codes stand in for the status only when the DSN gives no better one.
    func ownStatusAllowed(_ address: String) -> Bool {
      guard let s = dsnStatus[ReportMerger.caseKey(address)] else { return dsn == nil || dsnStatus.isEmpty }
      return s.hasByteSuffix(".0.0")
    }

    var report = DeliveryReport(format: name)
    var targets: [(address: String, reason: String?, action: DeliveryAction?)] = text.listed.map { ($0.address, $0.reason, $0.action) }
    if targets.isEmpty {
      // A warning or a bare transcript: the recipients are the addresses it mentions, else
      // the DSN's.
      var seen = Set<String>()
      for m in text.mentions where seen.insert(ReportMerger.caseKey(m.address)).inserted { targets.append((m.address, nil, nil)) }
      if targets.isEmpty { targets = (dsn?.recipients ?? []).map { ($0.recipient, nil, nil) } }
    }
    for t in targets {
      let action = t.action ?? (warning ? .delayed : nil)
      report.recipients.append(text.recipient(t.address, reason: t.reason, action: action, ownStatus: ownStatusAllowed(t.address)))
    }
    return report.recipients.isEmpty ? nil : report
  }
}
