/// GMX and mail.com's bounces (`MAILER-DAEMON@mail.gmx.com`, an `X-GMX-Antispam` header): an
/// Exim-like letter with the address in quotes and the answer on its own line.
///
/// ```
/// "user@example.jp":
/// SMTP error from remote server after RCPT command:
/// host: mx.example.jp
/// 5.2.2 <user@example.jp>... Mailbox Full
/// ```
enum GMX: BounceFormat {
  static let name = "GMX"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let from = mail.fromAddress
    return from.hasBytePrefix("mailer-daemon@") && (mail.header.has("x-gmx-antispam") || from.hasByteSuffix("gmx.com") || from.hasByteSuffix("gmx.net") || from.hasByteSuffix("gmx.de"))
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let blocks = AddressBlock.read(mail.reportLines, endAtBlank: false)
    guard !blocks.isEmpty else { return nil }
    var report = DeliveryReport(format: name)
    for block in blocks {
      var lines = block.lines
      // `Reason:` introduces the explanation when there was no SMTP answer.
      lines.removeAll { BounceText.trimmed($0).asciiLowercasedEquals("reason:") }
      report.recipients.append(EximStyle.recipient(AddressBlock(address: block.address, lines: lines)))
    }
    return report
  }
}

extension Substring {
  /// True when the text equals `other` (lower case) ignoring ASCII case.
  fileprivate func asciiLowercasedEquals(_ other: String) -> Bool {
    // Same length and the same bytes from the start: compared through the storage.
    var other = other
    return other.withUTF8 { o in
      withUTF8Bytes { b in
        guard b.count == o.count else { return false }
        for k in 0..<b.count where ASCII.lower(b[k]) != o[k] { return false }
        return true
      }
    }
  }
}
