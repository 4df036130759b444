/// Text pasted without a message around it: an SMTP error line (`550 5.1.1 <a@example.jp>:
/// Recipient address rejected: User unknown`), the body of a bounce copied out of a mail
/// program, a delivery-status block, or an Outlook error number (`0x800CCC0F`, with or
/// without Outlook's text).
///
/// It only claims input that has none of the header fields every real message carries (From,
/// Date, Received, …), so it never competes with the units that read bounce messages.
enum BareText: BounceFormat {
  static let name = "text"

  /// Fields any real message has at least one of; their absence means the input is not a
  /// message but pasted text. The most common first: a message is settled by the first lookup.
  static let messageFields = [
    "from", "date", "subject", "to", "message-id", "received", "return-path", "mime-version",
    "content-type", "cc", "sender", "reply-to", "delivered-to",
  ]

  /// Most recipients read from one text.
  static let maxRecipients = 1000

  static func recognizes(_ mail: ParsedMail) -> Bool {
    !messageFields.contains { mail.header.has($0) }
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let text = Charset.decode(mail.bytes[...], label: nil)
    if let number = OutlookErrorNumber.first(in: text) {
      return DeliveryReport(format: name, recipients: [outlookRecipient(number, text: text)])
    }
    if let fields = deliveryStatusFields(in: text) {
      var report = DeliveryReport(format: name)
      report.reportingMTA = fields.message.value("reporting-mta").map(RFC3464.stripType)
      report.recipients = fields.recipients.compactMap(RFC3464.recipient(from:))
      if !report.recipients.isEmpty { return report }
    }
    let recipients = diagnosticRecipients(in: text)
    return recipients.isEmpty ? nil : DeliveryReport(format: name, recipients: recipients)
  }

  // MARK: - Outlook

  /// One recipient (no address: Outlook's errors concern the account, not a recipient) with
  /// what the number means; codes the pasted text itself gives win over the table's.
  static func outlookRecipient(_ number: String, text: String) -> RecipientReport {
    let meaning = OutlookErrorNumber.meaning(of: number)
    let folded = text.foldingWhitespace
    // Only the number (perhaps with a word such as "error"): show what it means instead.
    let diagnostic = folded.utf8.count <= number.utf8.count + 12
      ? number + ": " + (meaning?.text ?? "an Outlook error")
      : String(folded.prefix(1000))
    var r = RecipientReport(recipient: "", action: .failed, diagnostic: diagnostic, diagnosticType: "x-outlook")
    r.status = SMTPCodes.enhancedStatus(in: folded) ?? meaning?.status
    r.replyCode = SMTPCodes.replyCode(in: folded) ?? meaning?.replyCode
    r.command = meaning?.command
    return r
  }

  // MARK: - Delivery-status fields

  /// The fields of a pasted delivery-status block, when the text has a `Final-Recipient` or
  /// `Original-Recipient` line.
  static func deliveryStatusFields(in text: String) -> DSNFields? {
    // Lines found and tested on the bytes: the text is a whole pasted message, which can be
    // long (the message bytes are normalised to LF, so a line break is one byte).
    let fields = recipientFields  // read once, not at every line
    let found = TextLines.split(text).contains { $0.utf8.hasPrefixIgnoringCase(anyOf: fields) }
    return found ? DSNFields(text: text) : nil
  }

  /// The fields that make pasted text a delivery-status block.
  private static let recipientFields: PrefixSet = ["final-recipient:", "original-recipient:"]

  // MARK: - Free text

  /// One recipient per address that a reply from a server concerns, found the way bounce
  /// bodies lay them out: the address comes first (`<a@example.jp>:`, a line of its own, `RCPT
  /// To:<…>`), the server's answer after it. An answer with no address before it belongs to
  /// an empty recipient, kept only when no address was found at all. A line
  /// `<a@example.jp>: words` with no code at all (Postfix's own findings, such as a domain not
  /// found) counts too, unless a coded answer for the address follows.
  static func diagnosticRecipients(in text: String) -> [RecipientReport] {
    var recipients: [RecipientReport] = []
    var byAddress: [String: Int] = [:]
    var anonymous: RecipientReport? = nil
    var contextAddress: String? = nil
    let lines = TextLines.split(text)

    /// The text from `start` in line `i` plus the lines below indented deeper (the folds of
    /// one answer), and the index of the first line after them.
    func answer(at i: Int, from start: Substring.Index) -> (String, Int) {
      var diagnostic = String(lines[i][start...])
      let indent = indentation(of: lines[i])
      var j = i + 1
      while j < lines.count, !isBlank(lines[j]), indentation(of: lines[j]) > indent, codeStart(in: lines[j]) == nil {
        diagnostic += " " + lines[j]
        j += 1
      }
      return (diagnostic.foldingWhitespace, j)
    }

    func add(_ report: RecipientReport) {
      let key = report.recipient.lowercased()
      if let k = byAddress[key] {
        // The first coded answer for an address is the one that decided its fate; a later
        // one only fills in what it lacked (a transcript often repeats it).
        let coded = recipients[k].status != nil || recipients[k].replyCode != nil
        recipients[k] = coded ? ReportMerger.complete(recipients[k], with: report) : ReportMerger.complete(report, with: recipients[k])
      } else if recipients.count < maxRecipients {
        byAddress[key] = recipients.count
        recipients.append(report)
      }
    }

    var i = 0
    while i < lines.count {
      let line = lines[i]
      if isBlank(line) {
        contextAddress = nil  // a paragraph ends; its address does not carry over
        i += 1
        continue
      }
      guard let start = codeStart(in: line) else {
        if let (address, textStart) = addressLead(line) {
          contextAddress = address
          let (diagnostic, next) = answer(at: i, from: textStart)
          add(RecipientReport(recipient: address, action: .failed, diagnostic: diagnostic))
          i = next
          continue
        }
        if let address = Addresses.first(in: line), Addresses.isMailbox(address) { contextAddress = address }
        i += 1
        continue
      }
      if let address = addressBefore(start, in: line) { contextAddress = address }
      let (diagnostic, next) = answer(at: i, from: start)
      i = next
      var report = RecipientReport(recipient: "", action: .failed, diagnostic: diagnostic, diagnosticType: "smtp")
      report.status = SMTPCodes.enhancedStatus(in: diagnostic)
      report.replyCode = SMTPCodes.replyCode(in: diagnostic)
      // A success (`250 2.1.0 Sender ok` in a transcript) is not what the text is about.
      if report.status?.utf8.first == UInt8(ascii: "2") || report.replyCode.map({ $0 / 100 == 2 }) == true { continue }
      if let address = contextAddress ?? recipientNamed(in: diagnostic) {
        report.recipient = address
        add(report)
      } else if anonymous == nil {
        anonymous = report
      }
    }
    if recipients.isEmpty, let anonymous { return [anonymous] }
    return recipients
  }

  /// `<a@example.jp>: words`: the address and where the words begin; nil for any other line,
  /// or when nothing follows the colon.
  static func addressLead(_ line: Substring) -> (String, Substring.Index)? {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    guard trimmed.utf8.first == UInt8(ascii: "<"), let close = trimmed.utf8.firstIndex(of: UInt8(ascii: ">")) else { return nil }
    let after = trimmed[trimmed.index(after: close)...]
    guard after.utf8.first == UInt8(ascii: ":") else { return nil }
    let words = after.dropFirst().drop { $0 == " " || $0 == "\t" }
    let address = Addresses.clean(trimmed[...close])
    guard !words.isEmpty, Addresses.isMailbox(address) else { return nil }
    return (address, words.startIndex)
  }

  /// Where the server's answer begins in `line`, when the line reads as one: a reply code at
  /// its start (after `<<<` and the like) or after `said:`, `reason:` or `responded:`; a reply
  /// code followed by an enhanced status code anywhere (`… '550 5.1.1 …`); an enhanced status
  /// code at the start, or in qmail's `#5.1.1`. Nil for ordinary text, where a stray number
  /// such as 4.5.6 must not make a bounce.
  static func codeStart(in line: Substring) -> Substring.Index? {
    let rest = line.drop { $0 == " " || $0 == "\t" || $0 == "(" || $0 == "<" || $0 == ">" }
    if SMTPCodes.leadingReplyCode(in: String(rest.prefix(8))) != nil || startsWithStatus(rest) { return rest.startIndex }
    for marker in ["said:", "reason:", "responded:"] {
      if let range = line.range(ofASCII: marker) {
        let after = line[range.upperBound...].drop { $0 == " " || $0 == "\t" }
        if SMTPCodes.leadingReplyCode(in: String(after.prefix(8))) != nil { return after.startIndex }
      }
    }
    // A reply code and an enhanced status code side by side, anywhere in the line.
    let pair: Int? = line.withUTF8Bytes { bytes in
      var k = 0
      while k + 8 < bytes.count {
        let c = bytes[k]
        if SMTPCodes.isClassDigit(c), k == 0 || !ASCII.isAlnum(bytes[k - 1]) && bytes[k - 1] != ASCII.dot,
          ASCII.isDigit(bytes[k + 1]), ASCII.isDigit(bytes[k + 2]), bytes[k + 3] == ASCII.space || bytes[k + 3] == ASCII.hyphen,
          bytes[k + 4] == c, bytes[k + 5] == ASCII.dot, ASCII.isDigit(bytes[k + 6])
        {
          return k
        }
        k += 1
      }
      return nil
    }
    if let pair { return line.utf8.index(line.startIndex, offsetBy: pair) }
    // qmail's `(#5.1.1)`: the whole line is the answer.
    if let hash = line.utf8.firstIndex(of: ASCII.hash), startsWithStatus(line[line.index(after: hash)...]) { return rest.startIndex }
    return nil
  }

  /// True when `text` begins with an enhanced status code (`5.1.1 `).
  static func startsWithStatus(_ text: Substring) -> Bool {
    guard let first = text.first, first == "2" || first == "4" || first == "5" else { return false }
    guard let status = SMTPCodes.enhancedStatus(in: String(text.prefix(12))) else { return false }
    return text.hasPrefix(status)
  }

  /// The address written before `end` in `line` (Postfix's `<a@example.jp>: host … said:`).
  static func addressBefore(_ end: Substring.Index, in line: Substring) -> String? {
    guard end > line.startIndex, let address = Addresses.first(in: line[..<end]), Addresses.isMailbox(address) else { return nil }
    return address
  }

  /// The address an answer names as its recipient; nil when the only address it names is the
  /// sender's (`Sender address rejected`).
  static func recipientNamed(in diagnostic: String) -> String? {
    guard let address = Addresses.first(in: diagnostic), Addresses.isMailbox(address) else { return nil }
    let lower = diagnostic.asciiLowercased
    if lower.containsBytes("sender"), !lower.containsBytes("recipient") { return nil }
    return address
  }

  /// True when the line holds only white space (any script's): decided on the bytes when they
  /// are ASCII, as nearly all are.
  static func isBlank(_ line: Substring) -> Bool {
    let ascii: Bool? = line.withUTF8Bytes { bytes in
      for b in bytes {
        if b >= 0x80 { return nil }
        // ASCII white space as `Character.isWhitespace` has it: tab, LF, VT, FF, CR, space.
        guard b == ASCII.space || (0x09...0x0D).contains(b) else { return false }
      }
      return true
    }
    return ascii ?? line.allSatisfy(\.isWhitespace)
  }

  static func indentation(of line: Substring) -> Int {
    var count = 0
    for ch in line {
      if ch == " " { count += 1 } else if ch == "\t" { count += 8 } else { break }
    }
    return count
  }
}

extension Substring {
  /// The first range of an ASCII `needle`, compared without case.
  func range(ofASCII needle: String) -> Range<Substring.Index>? {
    guard let found = CaselessSearch.offset(of: needle, in: self) else { return nil }
    let lower = utf8.index(startIndex, offsetBy: found)
    return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
  }
}
