/// Microsoft Exchange Server 2007 and later, on premises: a multipart/report whose text part is
/// the localised "Delivery has failed to these recipients or groups" notice with its
/// administrators' section (see ``ExchangeNDRText``), usually beside a delivery-status part.
enum Exchange2007: BounceFormat {
  static let name = "Exchange2007"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    if mail.header.has("x-ms-exchange-message-is-ndr") { return true }
    return mail.header.has("content-language") && MicrosoftNDR.hasNDRSubject(mail)
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    MicrosoftNDR.read(mail, format: name)
  }
}

/// Exchange Online (Office 365, outlook.com): the same notice as ``Exchange2007`` sent from
/// Microsoft's cloud, recognised by its message id, sender or tenant headers.
enum Office365: BounceFormat {
  static let name = "Office365"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    guard mail.header.has("x-ms-exchange-message-is-ndr") || MicrosoftNDR.hasNDRSubject(mail) else { return false }
    let id = mail.lowerMessageID
    let from = mail.fromDomain
    return id.hasByteSuffix(".outlook.com>") || id.hasByteSuffix(".outlook.com") || from.hasByteSuffix("onmicrosoft.com")
      || from == "outlook.com" || mail.header.has("x-ms-exchange-crosstenant-originalarrivaltime")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    MicrosoftNDR.read(mail, format: name)
  }
}

/// What ``Exchange2007`` and ``Office365`` share.
enum MicrosoftNDR {
  /// Subject prefixes Exchange uses for non-delivery reports, in its main languages (lower case).
  static let subjectPrefixes: [StaticString] = [
    "undeliverable:", "undelivered:", "non remis", "non recapitabile", "unzustellbar", "no se puede entregar",
    "onbestelbaar", "não entregue", "impossible de remettre", "配信不能", "送信できません", "olevererbart",
    "nie można dostarczyć", "kan ikke leveres", "ikke leveret",
  ]

  /// True when the subject starts with one of ``subjectPrefixes`` (compared as UTF-8 bytes:
  /// decoded subjects are in composed form, as the prefixes are).
  static func hasNDRSubject(_ mail: ParsedMail) -> Bool {
    let subject = mail.lowerSubject
    return subjectPrefixes.contains { subject.hasBytePrefix($0) }
  }

  /// The text part's recipients; when it names none, the delivery-status part's, so that the
  /// report still says which family wrote it. The reader merges both afterwards.
  static func read(_ mail: ParsedMail, format: String) -> DeliveryReport? {
    var report = DeliveryReport(format: format)
    report.recipients = ExchangeNDRText.recipients(in: mail)
    if report.recipients.isEmpty, let standard = mail.standardReport {
      report.recipients = standard.recipients
    }
    return report.recipients.isEmpty ? nil : report
  }
}
