/// Amazon SES's bounces: DSNs from `MAILER-DAEMON@…amazonses.com`, and the JSON notifications
/// SES publishes through SNS (`no-reply@sns.amazonaws.com`, `Subject: AWS Notification
/// Message`): `Bounce`, `Complaint` and `Delivery`, either bare or inside an SNS envelope.
///
/// SES quotes the remote server inside its own words: `554 4.4.7 Message expired: unable to
/// deliver in 840 minutes.<421 4.4.2 Connection timed out>` or `5.1.0 - Unknown address error
/// 550-'5.7.1 … Access denied'`. The quoted (last) answer is the remote server's own and wins.
enum AmazonSES: BounceFormat {
  static let name = "AmazonSES"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    if from.hasByteSuffix("@sns.amazonaws.com") { return true }
    guard from.hasBytePrefix("mailer-daemon@") else { return false }
    return from.hasByteSuffix("amazonses.com") || mail.header.has("x-ses-outgoing") || mail.header.has("x-aws-outgoing")
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    if mail.fromAddress.hasByteSuffix("@sns.amazonaws.com") { return readNotification(mail.bodyText) }
    guard var report = mail.standardReport ?? textReport(mail) else { return nil }
    report.format = name
    for i in report.recipients.indices {
      quotedAnswer(&report.recipients[i])
    }
    return report
  }

  /// Older SES bounces name the recipient in the letter only (`The following message to
  /// <user@example.jp> was undeliverable.`) when the DSN part is missing.
  static func textReport(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.reportLines
    let dsn = TextDSN.recipients(in: lines)
    if !dsn.recipients.isEmpty { return DeliveryReport(format: name, recipients: dsn.recipients) }
    return nil
  }

  /// Replaces the codes of SES's own wrapper by those of the remote answer it quotes.
  static func quotedAnswer(_ r: inout RecipientReport) {
    let pairs = ReplyPairs.all(in: r.diagnostic)
    if let pair = pairs.last(where: { $0.status != nil }) {
      r.replyCode = pair.replyCode
      r.status = pair.status
    } else if let pair = pairs.last {
      r.replyCode = pair.replyCode
    }
  }

  // MARK: JSON notifications

  /// Reads a notification body: the JSON object, possibly wrapped at a fixed width by the
  /// mail system (a line break and a space inserted anywhere, even inside strings).
  static func readNotification(_ body: String) -> DeliveryReport? {
    guard let open = body.utf8.firstIndex(of: UInt8(ascii: "{")), let close = body.utf8.lastIndex(of: UInt8(ascii: "}")), open < close else { return nil }
    let raw = body[open...close]
    guard var json = JSONValue.parse(unwrap(raw, dropSpaceAfterBreak: true)) ?? JSONValue.parse(unwrap(raw, dropSpaceAfterBreak: false))
    else { return nil }
    // An SNS envelope carries the SES notification as a string.
    if let inner = json["Message"]?.string, let parsed = JSONValue.parse(inner) { json = parsed }
    let type = (json["notificationType"] ?? json["eventType"])?.string ?? ""
    var report = DeliveryReport(format: name)
    switch type {
    case "Bounce":
      let bounce = json["bounce"]
      let transient = bounce?["bounceType"]?.string == "Transient"
      report.reportingMTA = bounce?["reportingMTA"]?.string.map(RFC3464.stripType)
      for item in bounce?["bouncedRecipients"]?.array ?? [] {
        guard let address = item["emailAddress"]?.string.flatMap(BounceText.firstAddress(in:)) else { continue }
        let (type, text) = item["diagnosticCode"]?.string.map(RFC3464.splitType) ?? (nil, "")
        var r = RecipientReport(recipient: address, diagnostic: text, diagnosticType: type)
        r.action = item["action"]?.string.flatMap(RFC3464.action) ?? (transient ? .delayed : .failed)
        r.status = item["status"]?.string.flatMap { SMTPCodes.enhancedStatus(in: $0) }
        ServerReply(text).fill(&r)
        report.recipients.append(r)
      }
    case "Complaint":
      report.kind = .feedback
      let complaint = json["complaint"]
      let feedbackType = complaint?["complaintFeedbackType"]?.string
      for item in complaint?["complainedRecipients"]?.array ?? [] {
        guard let address = item["emailAddress"]?.string.flatMap(BounceText.firstAddress(in:)) else { continue }
        report.recipients.append(RecipientReport(recipient: address, feedbackType: feedbackType ?? "abuse"))
      }
    case "Delivery":
      let delivery = json["delivery"]
      let response = delivery?["smtpResponse"]?.string ?? ""
      report.reportingMTA = delivery?["reportingMTA"]?.string
      for item in delivery?["recipients"]?.array ?? [] {
        guard let address = item.string.flatMap(BounceText.firstAddress(in:)) else { continue }
        var r = RecipientReport(recipient: address, action: .delivered, diagnostic: response.foldingWhitespace)
        ServerReply(response).fill(&r)
        report.recipients.append(r)
      }
    default:
      return nil
    }
    return report.recipients.isEmpty ? nil : report
  }
}

extension AmazonSES {
  /// `text` with its line breaks removed; with `dropSpaceAfterBreak`, the one space the
  /// wrapping inserted after each break goes too.
  static func unwrap(_ text: Substring, dropSpaceAfterBreak: Bool) -> String {
    // The runs between line breaks copied whole, not byte by byte.
    text.withUTF8Bytes { b in
      var out: [UInt8] = []
      out.reserveCapacity(b.count)
      var afterBreak = false
      var i = 0
      while i < b.count {
        let c = b[i]
        if c == ASCII.lf || c == ASCII.cr {
          afterBreak = true
          i += 1
          continue
        }
        if afterBreak {
          afterBreak = false
          if dropSpaceAfterBreak, c == ASCII.space {
            i += 1
            continue
          }
        }
        var end = i + 1
        while end < b.count, b[end] != ASCII.lf, b[end] != ASCII.cr { end += 1 }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<end]))
        i = end
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

}
