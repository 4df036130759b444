/// Automatic replies (RFC 3834): vacation and out-of-office notices, "this mailbox is no
/// longer in use" responders. Recognised by `Auto-Submitted: auto-replied`, the `X-Autoreply`
/// family of headers, `Precedence: auto_reply`, iCloud's `X-Apple-Action: VACATION`, or an
/// auto-reply subject (`Automatic reply:`, `Out of Office`, 「自動応答」, 「不在」…) together
/// with a mark of an automatic answer (`X-Auto-Response-Suppress`, `In-Reply-To`, a null return
/// path…) — never for a message that is a bounce (a DSN part, or a mail system as the sender).
///
/// The recipient is the mailbox that answered: the reply's `From`.
enum AutoReply: BounceFormat {
  static let name = "RFC3834"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    guard mail.deliveryStatusParts.isEmpty, mail.feedbackParts.isEmpty, !BounceSigns.isMailSystem(mail) else { return false }
    if let submitted = mail.header["auto-submitted"], BounceText.hasPrefix(submitted, "auto-replied") { return true }
    for name in ["x-autoreply", "x-autorespond", "x-autoresponse", "x-auto-reply"] {
      if let value = mail.header[name], !BounceText.hasPrefix(value, "no") { return true }
    }
    if let precedence = mail.header["precedence"], BounceText.hasPrefix(precedence, "auto_reply") { return true }
    if let action = mail.header["x-apple-action"], BounceText.contains(action, "vacation") { return true }
    // A subject alone could be a person's ("Out of office next week"): it needs a mark of an
    // automatic answer beside it.
    guard isAutoReplySubject(mail.subject) else { return false }
    // (`Precedence: bulk` is not one: newsletters carry it too.)
    return mail.header.has("x-auto-response-suppress") || mail.header.has("x-ms-exchange-inbox-rules-loop")
      || mail.header.has("in-reply-to")
      || (mail.header["return-path"].map { $0.trimmingCharacters(in: " <>").isEmpty } ?? false)
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let from = mail.fromAddress
    guard Addresses.isPlausible(from) else { return nil }
    let text = mail.bodyLines.prefix(40)
    let r = RecipientReport(recipient: from, diagnostic: BounceText.joined(text))
    return DeliveryReport(kind: .autoReply, format: name, recipients: [r])
  }

  /// Subjects auto-responders write, at the start (after any spaces).
  static func isAutoReplySubject(_ subject: String) -> Bool {
    let english: [StaticString] = [
      "automatic reply", "auto reply", "auto-reply", "autoreply", "auto response", "auto-response", "autoresponse",
      "autorespond", "out of office", "out of the office", "vacation reply", "away from my mail", "abwesenheitsnotiz",
      "automatische antwort", "réponse automatique", "reponse automatique", "risposta automatica", "respuesta automática",
      "resposta automática",
    ]
    if english.contains(where: { BounceText.hasPrefix(subject, $0) }) { return true }
    let trimmed = subject.drop(while: { $0 == " " || $0 == "【" || $0 == "[" })
    return ["自動応答", "自動返信", "不在", "自動送信"].contains { trimmed.hasPrefix($0) }
  }
}
