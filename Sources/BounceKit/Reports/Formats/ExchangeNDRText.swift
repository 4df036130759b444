/// The human-readable part of the non-delivery reports written by Exchange 2007 and later and by
/// Exchange Online (Office 365), shared by ``Exchange2007`` and ``Office365``.
///
/// The text is localised (English, Japanese, French, Italian, …), but its "diagnostic
/// information for administrators" section keeps one layout in every language: a line holding
/// only the recipient's address, then the server's answer (`Remote Server returned '550 5.1.1 …'`,
/// `#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##`, or dated lines `… - Server at host
/// (192.0.2.1) returned '…'`, latest first). The reader keys on that layout, not on the
/// localised headings. The list at the top (`Name<mailto:address>`) is the fallback when the
/// section is missing.
enum ExchangeNDRText {
  /// The recipients the text names, with the facts of the administrators' section; empty when
  /// the text is not such a report.
  static func recipients(in mail: ParsedMail) -> [RecipientReport] {
    // The returned original header starts the end: its folded lines may hold bare addresses.
    // The names are found on the lines as they are (trailing whitespace does not change how a
    // line starts), and only the lines before them are trimmed.
    let all = mail.bodyLines
    let lines = all[..<(ReportText.firstLine(in: all, where: isOriginalHeaderLine) ?? all.count)].map(ReportText.trimmedEnd)
    let receivingServer = lines.lazy.compactMap(receivingServerName).first

    var found: [RecipientReport] = []
    var i = 0
    while i < lines.count {
      let t = ReportText.trimmed(lines[i])
      guard !t.containsByte(ASCII.space), !t.containsByte(ASCII.lessThan), t.containsByte(ASCII.at), Addresses.isPlausible(Addresses.clean(t)) else {
        i += 1
        continue
      }
      var block: [Substring] = []
      var j = i + 1
      while j < lines.count, !ReportText.isBlank(lines[j]) {
        block.append(ReportText.trimmed(lines[j]))
        j += 1
      }
      if !block.isEmpty, let r = recipient(Addresses.clean(t), block: block, receivingServer: receivingServer) {
        found.append(r)
      }
      i = max(j, i + 1)
    }
    if found.isEmpty, let r = newStyleRecipient(lines) { found.append(r) }
    if found.isEmpty {
      for line in lines {
        guard let mailto = ReportText.after("<mailto:", in: line) else { continue }
        let address = Addresses.clean(mailto.prefix { $0 != ">" })
        guard Addresses.isPlausible(address), !found.contains(where: { $0.recipient.lowercased() == address.lowercased() }) else { continue }
        found.append(RecipientReport(recipient: address, action: .failed))
      }
    }
    return found
  }

  /// One recipient from the lines under its address in the administrators' section; nil when
  /// they hold no answer (the address was part of something else).
  static func recipient(_ address: String, block: [Substring], receivingServer: String?) -> RecipientReport? {
    var answer: String? = nil
    var host: String? = nil
    for line in block {
      if let quoted = ReportText.after("returned '", in: line) {
        // Dated attempts come latest first; the first one is the final word.
        if answer == nil {
          answer = String(quoted.hasByteSuffix("'") ? droppingLastQuote(quoted) : quoted)
          if let server = ReportText.after("server at ", in: line) { host = ReportText.host(at: server) }
        }
      } else if line.hasBytePrefix("#") {
        if answer == nil { answer = hashAnswer(line) }
      } else if host == nil, answer == nil, let name = ReportText.host(at: line), name == String(line) {
        host = name  // a line naming the server that answered, before its answer
      }
    }
    guard let answer else { return nil }
    var r = ReportText.recipient(address, diagnostic: answer)
    r.remoteMTA = host ?? receivingServer
    return r
  }

  /// The newer Exchange Online layout (one recipient per report): "Original Message Details"
  /// with `Recipient Address: …`, and "Error Details" with `Reported error: 550 5.1.10 …` and,
  /// for remote rejections, `Remote server: …`.
  static func newStyleRecipient(_ lines: [Substring]) -> RecipientReport? {
    var address: String? = nil
    var answer: String? = nil
    var remote: String? = nil
    for line in lines {
      let t = ReportText.trimmed(line)
      if address == nil, ReportText.hasPrefix(t, "recipient address:") {
        address = ReportText.address(in: t.dropFirst("recipient address:".count))
      } else if answer == nil, ReportText.hasPrefix(t, "reported error:") {
        answer = String(ReportText.trimmed(t.dropFirst("reported error:".count)))
      } else if remote == nil, ReportText.hasPrefix(t, "remote server:") {
        remote = ReportText.host(at: t.dropFirst("remote server:".count))
      }
    }
    guard let address, let answer else { return nil }
    var r = ReportText.recipient(address, diagnostic: answer)
    r.remoteMTA = remote
    return r
  }

  /// `#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##rfc822;…` → the text between the marks.
  static func hashAnswer(_ line: Substring) -> String {
    // ASCII lines (most) are cut on the bytes; in other text a mark may join a `#`.
    let cut: Range<Int>? = line.withUTF8Bytes { b in
      guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
      var end = 1
      while end < b.count, !(b[end] == ASCII.hash && end + 1 < b.count && b[end + 1] == ASCII.hash) { end += 1 }
      return min(1, b.count)..<min(end, b.count)
    }
    if let cut {
      let u = line.utf8
      let start = u.index(u.startIndex, offsetBy: cut.lowerBound)
      return String(ReportText.trimmed(line[start..<u.index(start, offsetBy: cut.count)]))
    }
    var body = line.dropFirst()
    var i = body.startIndex
    while i < body.endIndex {
      let next = body.index(after: i)
      if body[i] == "#", next < body.endIndex, body[next] == "#" {
        body = body[..<i]
        break
      }
      i = next
    }
    return String(ReportText.trimmed(body))
  }

  /// `text` without its closing `'` (its last byte), cut on the bytes unless a non-ASCII byte
  /// before it may make one character of the two.
  static func droppingLastQuote(_ text: Substring) -> Substring {
    let u = text.utf8
    let quote = u.index(before: u.endIndex)
    if quote == u.startIndex || u[u.index(before: quote)] < 0x80 { return text[..<quote] }
    return text.dropLast()
  }

  /// `Receiving server: mx.example.jp (192.0.2.1)` → `mx.example.jp`. The label is localised,
  /// so any `…: host (address)` line whose label mentions a receiving server is taken.
  static func receivingServerName(_ line: Substring) -> String? {
    // The labels are 16 bytes or more; a longer line's bytes are reached once for all three.
    guard line.utf8.count >= 16,
      line.withUTF8Bytes({ b in receivingServerLabels.contains { CaselessSearch.search(UnsafeBufferPointer(start: $0.utf8Start, count: $0.utf8CodeUnitCount), in: b) != nil } }),
      let colon = line.utf8.firstIndex(of: UInt8(ascii: ":"))
    else { return nil }
    return ReportText.host(at: line[line.index(after: colon)...])
  }

  private static let receivingServerLabels: [StaticString] = ["receiving server", "serveur de réception", "受信サーバー"]

  /// The first header lines of the returned original message.
  static func isOriginalHeaderLine(_ line: Substring) -> Bool {
    // Turned away on the first byte, which each of the names has its own of.
    guard let first = line.utf8.first, first == UInt8(ascii: "R") || first == UInt8(ascii: "M") || first == UInt8(ascii: "D") || first == UInt8(ascii: "A")
    else { return false }
    return line.hasBytePrefix("Received:") || line.hasBytePrefix("Return-Path:") || line.hasBytePrefix("Message-ID:")
      || line.hasBytePrefix("DKIM-Signature:") || line.hasBytePrefix("ARC-Seal:")
  }
}
