/// A bounce that a person forwarded inline (`Subject: Fwd: Returned mail…`, "Begin forwarded
/// message:", "---------- Forwarded message ---------"), often quoted with `> `. The forwarded
/// copy is unquoted and read as the message it was, by the same units.
///
/// Bounces forwarded as attachments (`message/rfc822`) are read by ``ReportReader`` itself.
enum ForwardedBounce: BounceFormat {
  static let name = "Forwarded"

  static func recognizes(_ mail: ParsedMail) -> Bool {
    let s = Substring(mail.subject).drop(while: { $0 == " " })
    guard BounceText.hasPrefix(s, "fwd:") || BounceText.hasPrefix(s, "fw:") || BounceText.hasPrefix(s, "tr:")
      || BounceText.hasPrefix(s, "wg:") || s.hasPrefix("転送:")
    else { return false }
    return mail.deliveryStatusParts.isEmpty
  }

  static func read(_ mail: ParsedMail) -> DeliveryReport? {
    let lines = mail.bodyLines
    // The forwarded copy starts at its `From:` line naming a mail system.
    guard let start = lines.firstIndex(where: { line in
      let t = unquoted(line)
      return t.utf8.hasPrefixIgnoringCase("from:") && BounceText.containsAny(t, ["mailer-daemon", "postmaster", "mail delivery", "mail administrator"])
    }) else { return nil }
    var text: [Substring] = []
    for line in lines[start...] { text.append(unquoted(line)) }
    let inner = ParsedMail(bytes: Array(text.joined(separator: "\n").utf8))
    // One level only: a forward of a forward is not unwrapped again.
    guard !recognizes(inner) else { return nil }
    return ReportReader.readTopLevel(inner)
  }

  /// The line without one level of `>` quoting.
  static func unquoted(_ line: Substring) -> Substring {
    guard line.utf8.first == UInt8(ascii: ">") else { return line }
    let rest = line.dropFirst()
    return rest.utf8.first == UInt8(ascii: " ") ? rest.dropFirst() : rest
  }
}
