/// Gateways and sending services whose bounces are well-formed RFC 3464 reports: the units here
/// only say who wrote the report (so that results and rules can name the family), and add the
/// SMTP command when the text part shows a transcript. Each is recognised by its own marks.
enum DSNFamily {
  /// The delivery-status reading of `mail` under the family's `name`, with the failed command
  /// taken from a Sendmail-style transcript (`>>> RCPT TO:<…>`) in the text, if any.
  static func read(_ mail: ParsedMail, name: String) -> DeliveryReport? {
    guard var report = mail.standardReport else { return nil }
    report.format = name
    var command: String? = nil
    for line in mail.trimmedBodyLines {
      if let sent = SMTPCommand.sent(in: line) { command = sent }
    }
    if let command {
      for i in report.recipients.indices where report.recipients[i].command == nil { report.recipients[i].command = command }
    }
    return report
  }

  /// True when a delivery-status part holds `marker` (lower case; compared without ASCII
  /// case): the vendor fields some senders add there (`X-PowerMTA-…`, `X-SendGrid-…`).
  static func statusPartsMention(_ mail: ParsedMail, _ marker: StaticString) -> Bool {
    // Searched in the decoded bytes, with no string made of them: several families ask.
    let needle = UnsafeBufferPointer(start: marker.utf8Start, count: marker.utf8CodeUnitCount)
    return mail.deliveryStatusParts.contains { part in
      part.decodedBody.withUnsafeBufferPointer { CaselessSearch.search(needle, in: $0) != nil }
    }
  }
}

/// Barracuda Spam Firewall: "**Message you sent blocked by our bulk email filter**".
enum Barracuda: BounceFormat {
  static let name = "Barracuda"
  static func recognizes(_ mail: ParsedMail) -> Bool {
    ReportText.contains(mail.subject, "blocked by our bulk email filter") || ReportText.contains(mail.subject, "blocked by our spam firewall")
      || ReportText.contains(mail.from, "barracuda")
  }
  static func read(_ mail: ParsedMail) -> DeliveryReport? { DSNFamily.read(mail, name: name) }
}

/// SurfControl E-mail Filter (`X-Mailer: SurfControl E-mail Filter`).
enum SurfControl: BounceFormat {
  static let name = "SurfControl"
  static func recognizes(_ mail: ParsedMail) -> Bool {
    ReportText.contains(mail.mailer, "surfcontrol") || mail.header.has("x-sef-processed")
  }
  static func read(_ mail: ParsedMail) -> DeliveryReport? { DSNFamily.read(mail, name: name) }
}

/// Port25 PowerMTA: "Delivery report", with `X-PowerMTA-*` fields in the delivery-status part.
enum PowerMTA: BounceFormat {
  static let name = "PowerMTA"
  static func recognizes(_ mail: ParsedMail) -> Bool {
    DSNFamily.statusPartsMention(mail, "x-powermta-")
  }
  static func read(_ mail: ParsedMail) -> DeliveryReport? { DSNFamily.read(mail, name: name) }
}

/// SendGrid: reports relayed through SendGrid, with `X-SendGrid-QueueID` in the delivery-status
/// part. The text part has one line per recipient, `id:n:<address> : our IP : host:[IP] :
/// answer in RCPT TO`, which names the remote host and the command.
enum SendGrid: BounceFormat {
  static let name = "SendGrid"
  static func recognizes(_ mail: ParsedMail) -> Bool {
    DSNFamily.statusPartsMention(mail, "x-sendgrid-")
  }
  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    guard var report = DSNFamily.read(mail, name: name) else { return nil }
    for line in mail.trimmedBodyLines {
      let fields = ReportText.split(line, on: " : ")
      guard fields.count >= 4, let address = ReportText.address(in: fields[0]),
        let i = report.recipients.firstIndex(where: { $0.recipient.lowercased() == address.lowercased() })
      else { continue }
      let answer = fields[3...].joined(separator: " : ")
      report.recipients[i].remoteMTA = report.recipients[i].remoteMTA ?? ReportText.host(at: fields[2].prefix { $0 != ":" })
      if let tail = ReportText.after(" in ", in: Substring(answer)), let command = SMTPCommand.named(tail, exactCase: true) {
        report.recipients[i].command = command
      }
    }
    return report
  }
}

/// amavisd-new, the content filter: reports from "Content-filter at <host>" (DSN message ids
/// begin `DSN`).
enum Amavis: BounceFormat {
  static let name = "Amavis"
  static func recognizes(_ mail: ParsedMail) -> Bool {
    ReportText.contains(mail.from, "content-filter at ") && !mail.deliveryStatusParts.isEmpty
  }
  static func read(_ mail: ParsedMail) -> DeliveryReport? { DSNFamily.read(mail, name: name) }
}

/// Bigfoot (bigfoot.com forwarding): Sendmail-style reports from `@bigfoot.com`.
enum Bigfoot: BounceFormat {
  static let name = "Bigfoot"
  static func recognizes(_ mail: ParsedMail) -> Bool {
    let domain = mail.fromDomain
    if domain == "bigfoot.com" || domain.hasByteSuffix(".bigfoot.com") { return true }
    return mail.lowerMessageID.hasByteSuffix(".bigfoot.com>")
  }
  static func read(_ mail: ParsedMail) -> DeliveryReport? { DSNFamily.read(mail, name: name) }
}
