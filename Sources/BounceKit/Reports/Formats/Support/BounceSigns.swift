/// Cheap signs, from the header alone, that a message comes from a mail system and reports a
/// delivery problem. Shared by the units that must tell bounces from other mail.
enum BounceSigns {
  /// The sender is a mail system (`MAILER-DAEMON`, `postmaster`, "Mail Delivery System"…).
  static func isMailSystem(_ mail: ParsedMail) -> Bool {
    let local = localPart(mail.fromAddress)
    if mailSystemLocalParts.contains(local) { return true }
    let from = mail.from
    return BounceText.containsAny(from, ["mailer-daemon", "mail delivery", "mail administrator", "mail system"])
  }

  /// True when the From address is a `mailer-daemon…` or `postmaster…` account: the senders
  /// of the unnamed MTAs' notices.
  static func isFromDaemonOrPostmaster(_ mail: ParsedMail) -> Bool {
    mail.fromAddress.hasBytePrefix("mailer-daemon") || mail.fromAddress.hasBytePrefix("postmaster")
  }

  /// A strong mail-system sender: a daemon, not a person who may be reading postmaster mail.
  static func isDaemon(_ mail: ParsedMail) -> Bool {
    let local = localPart(mail.fromAddress)
    if daemonLocalParts.contains(local) { return true }
    return BounceText.containsAny(mail.from, ["mailer-daemon", "mail delivery sub", "mail delivery sys"])
  }

  /// `address.split(separator: "@").first.map(String.init) ?? address`: on the bytes for
  /// ASCII (where a byte is a character), by characters for the rest (an `@` followed by a
  /// combining mark is not a separator there).
  static func localPart(_ address: String) -> String {
    let ascii: String?? = address.withUTF8Bytes { b in
      var lo = 0
      for c in b where c >= 0x80 { return .none }
      while lo < b.count, b[lo] == ASCII.at { lo += 1 }
      guard lo < b.count else { return .some(nil) }
      var hi = lo
      while hi < b.count, b[hi] != ASCII.at { hi += 1 }
      return .some(String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self))
    }
    switch ascii {
    case .none: return address.split(separator: "@").first.map(String.init) ?? address
    case .some(nil): return address
    case .some(let local?): return local
    }
  }

  static let daemonLocalParts: Set<String> = [
    "mailer-daemon", "mailer_daemon", "mailerdaemon", "mail-daemon", "maildaemon", "mailer.daemon", "mdaemon",
  ]

  static let mailSystemLocalParts: Set<String> = daemonLocalParts.union([
    "postmaster", "post_master", "poostmaster", "mailadmin", "mail-admin", "smtp", "mta", "bounce", "bounces",
  ])

  /// A subject that announces a delivery problem (English and Japanese), not a reply to or a
  /// forward of one.
  static func isBounceSubject(_ subject: String) -> Bool {
    let s = Substring(subject).drop(while: { $0 == " " })
    if BounceText.hasPrefix(s, "re:") || BounceText.hasPrefix(s, "fw:") || BounceText.hasPrefix(s, "fwd:") || BounceText.hasPrefix(s, "aw:")
      || BounceText.hasPrefix(s, "wg:") || BounceText.hasPrefix(s, "tr:")
    {
      return false
    }
    if BounceText.containsAny(s, englishSubjects) { return true }
    return japaneseSubjects.contains { s.containsBytes($0) }
  }

  static let englishSubjects: [StaticString] = [
    "undeliverable", "undelivered", "undeliverd", "returned mail", "return mail", "returned to sender", "delivery status notification",
    "delivery failure", "delivery failed", "delivery has failed", "failure notice", "failure delivery", "mail delivery failed",
    "could not be delivered", "couldn't be delivered", "non-delivery", "nondelivery", "non delivery", "not delivered",
    "nondeliverable", "non-deliverable", "mail system error", "delivery problem", "delivery notification", "delayed mail",
    "delivery delayed", "warning: could not send", "mail failure", "delivery report", "message not delivered", "bounced mail",
    "permanent error", "rejected:", "mail error", "bounce notification", "bounced",
  ]

  static let japaneseSubjects: [StaticString] = [
    "配送エラー", "配信エラー", "配送失敗", "配信失敗", "配信不能", "配送不能", "不達", "送信できません", "届きません", "エラーメール",
    "送信エラー", "返送",
  ]
}
