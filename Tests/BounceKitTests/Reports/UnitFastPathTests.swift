import Foundation
import Testing

@testable import BounceKit

/// The byte-level fast paths of the Reports stage against the slower forms they replace, on
/// tricky inputs: CRLF and other whitespace, non-ASCII text, empty values, lengths around the
/// sixteen-byte blocks, and values the fast path must hand back to the slow one.
@Suite("Reports fast paths")
struct UnitFastPathTests {
  /// Inputs with every kind of whitespace run, brackets, type prefixes and non-ASCII text.
  static let samples: [String] = {
    var out = [
      "", " ", "\t", "\r\n", "a", " a ", "a  b", "a\tb", "a\r\nb", "a \r\n b", "  leading", "trailing  ",
      "rfc822; user@example.jp", "rfc822;user@example.jp", "RFC822 ; <user@example.jp>", " rfc822 ;  user@example.jp ",
      "rfc822; user@example.jp\r\n", "rfc822;\tuser@example.jp", "x-unix; |/usr/bin/program", "@relay.example:user@host",
      "<@relay:user@host>", "user@host", "\"user name\"@example.jp", "mailto:user@example.jp", "<mailto:user@example.jp>",
      "utf-8; ユーザー@例え.jp", "ütf; user@example.jp", "日本語; user@example.jp", "rfc822; 宛先 <user@example.jp>",
      "smtp; 550 5.1.1 <user@example.jp>... User unknown", "SMTP;550  5.1.1  User   unknown", "dns; mx.example.jp",
      "typewithmorethantwentybytes; user@example.jp", "in valid; user@example.jp", "; user@example.jp", "rfc822;",
      "no address here", "user@", "@", "a@b", "/var/mail/user@host", "user@exa mple.jp", "user@example.jp (comment)",
      "<user@example.jp>, <other@example.jp>", "\u{0B}user@example.jp", "user\u{0C}@example.jp", "é\u{301}; user@example.jp",
    ]
    // Values around the 16- and 17-byte blocks, with the fold at every position.
    for n in [15, 16, 17, 31, 32, 33, 48] {
      let base = String(repeating: "x", count: n)
      out.append(base)
      for k in [0, 1, n / 2, n - 2, n - 1] where k >= 0 && k < n {
        var bytes = Array(base.utf8)
        bytes[k] = ASCII.space
        out.append(String(decoding: bytes, as: UTF8.self))
        if k + 1 < n { bytes[k + 1] = ASCII.space }
        out.append(String(decoding: bytes, as: UTF8.self))
        bytes[k] = ASCII.tab
        out.append(String(decoding: bytes, as: UTF8.self))
        bytes[k] = 0xC3
        out.append(String(decoding: bytes, as: UTF8.self))
      }
      out.append("rfc822; " + base + "@example.jp")
      out.append("rfc822; " + base + "  @example.jp")
    }
    return out
  }()

  @Test func foldedCopyIsTheFoldedText() {
    for s in Self.samples {
      var copy = s
      let slow = copy.withUTF8 { String(foldingWhitespaceIn: $0) }
      let fast = copy.withUTF8 { String(foldedCopyOf: $0) }
      #expect(fast == slow, "\(s.debugDescription)")
      #expect(Array(fast.utf8) == Array(slow.utf8))
    }
  }

  @Test func addressReadInPlaceIsTheAddressOfTheStrippedText() {
    for s in Self.samples {
      let bare = RFC3464.stripType(s)
      let cleaned = Addresses.clean(bare)
      let slow = Addresses.first(in: bare) ?? (cleaned.isEmpty ? nil : cleaned)
      #expect(RFC3464.address(s) == slow, "\(s.debugDescription)")
      // Where the bytes serve as they are, they are the stripped text.
      s.withUTF8Bytes { bytes in
        if let range = RFC3464.plainText(of: bytes) {
          #expect(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) == bare, "\(s.debugDescription)")
        }
      }
    }
  }

  @Test func splitTypeKeepsItsNames() {
    #expect(RFC3464.splitType("SMTP; 550 x") == ("smtp", "550 x"))
    #expect(RFC3464.splitType("Rfc822;a@b") == ("rfc822", "a@b"))
    #expect(RFC3464.splitType("X-Unix; 255") == ("x-unix", "255"))
    #expect(RFC3464.splitType("DNS ; mx") == ("dns", "mx"))
    #expect(RFC3464.splitType("X-Postfix; host  said") == ("x-postfix", "host said"))
    #expect(RFC3464.splitType("in valid; x") == (nil, "in valid; x"))
  }

  @Test func mailboxTestOnBytes() {
    func slow(_ address: String) -> Bool {
      let u = address.utf8
      guard let at = u.lastIndex(of: ASCII.at), u.first != ASCII.at else { return false }
      let local = u[..<at]
      let domain = u[u.index(after: at)...]
      return !local.isEmpty && !domain.isEmpty && local.first != 0x2F && !domain.contains(ASCII.space)
    }
    for s in Self.samples + ["a@b@c", "@a@b", "a@", "a @b", "a@b c", "/a@b", "ü@b", "a@ü"] {
      #expect(Addresses.isMailbox(s) == slow(s), "\(s.debugDescription)")
    }
  }

  @Test func leadingReplyCodeWithoutACopy() {
    func slow(_ text: String) -> Int? {
      let bytes = Array(text.utf8.prefix(8))
      var i = 0
      while i < bytes.count, ASCII.isSpace(bytes[i]) { i += 1 }
      guard i + 2 < bytes.count else { return nil }
      let c = bytes[i]
      guard SMTPCodes.isClassDigit(c), bytes[i + 1] &- 0x30 <= 5, ASCII.isDigit(bytes[i + 2]) else { return nil }
      if i + 3 < bytes.count, ASCII.isDigit(bytes[i + 3]) || bytes[i + 3] == ASCII.dot { return nil }
      let code = Int(c - 0x30) * 100 + Int(bytes[i + 1] - 0x30) * 10 + Int(bytes[i + 2] - 0x30)
      return SMTPCodes.knownReplyCodes.contains(code) ? code : nil
    }
    let texts = ["550 5.1.1", "  550 x", "\t451", "550", "55", "", "5500", "550.", "     550", "      550", "550ü", "ü550",
                 "426 x", "554-x", "221", "199", "600", "250 ok", "550\r\n"]
    for t in texts + Self.samples {
      #expect(SMTPCodes.leadingReplyCode(in: t) == slow(t), "\(t.debugDescription)")
      #expect(MTAText.leadingReplyCode(t[...]) == slow(t), "\(t.debugDescription)")
    }
  }

  @Test func knownReplyCodesByMask() {
    for code in -1...1000 {
      #expect(SMTPCodes.isKnownReplyCode(code) == SMTPCodes.knownReplyCodes.contains(code), "\(code)")
    }
  }

  @Test func foldedLinesAreTheFoldedJoin() {
    let pieces = Self.samples + ["", " ", "\t", "  x  ", "ü", "\r", "a\r\n"]
    var groups: [[Substring]] = [[], [""], [" "], ["", ""], [" ", "a"], ["a", " "], ["a", "", "b"], ["  a", "b  ", "  c  "]]
    for (i, p) in pieces.enumerated() {
      groups.append([p[...]])
      groups.append([p[...], pieces[(i + 1) % pieces.count][...]])
      groups.append([pieces[(i + 7) % pieces.count][...], p[...], pieces[(i + 3) % pieces.count][...]])
    }
    for lines in groups {
      var joined = Array(lines.joined(separator: " ").utf8)
      let slow = joined.withUnsafeMutableBufferPointer { String(foldingWhitespaceIn: UnsafeBufferPointer($0)) }
      #expect(MTAText.folded(lines) == slow, "\(lines)")
      #expect(MTAText.folded(lines[...]) == slow, "\(lines)")
    }
  }

  @Test func caseKeyIsTheLowerCasedAddress() {
    for s in Self.samples + ["User@Example.JP", "ÜSER@example.jp", "İ@x", "a@b", "ABC", "Straße@X", "\u{212A}@x"] {
      #expect(ReportMerger.caseKey(s) == s.lowercased(), "\(s.debugDescription)")
    }
  }

  @Test func dsnFieldNamesAreLowerCased() {
    let names = ["Action", "STATUS", "Remote-MTA", "Arrival-Date", "Reporting-MTA", "Final-Recipient", "Diagnostic-Code",
                 "X-Postfix-Sender", "Will-Retry-Until", "Last-Attempt-Date", "Received-From-MTA", "Original-Recipient",
                 "X-Postfix-Queue-ID", "X-Actual-Recipient", "X-Other", "Actio", "Statuss", "A_b-1"]
    for n in names {
      let got = n.withUTF8Bytes { DSNFields.fieldName($0) }
      #expect(got == n.lowercased(), "\(n)")
    }
    let fields = DSNFields(text: "Reporting-MTA: dns; mx\r\nX-Postfix-Sender: rfc822; a@b\r\n\r\nFinal-Recipient: rfc822; c@d\r\nAction: failed\r\nStatus: 5.1.1\r\n  (folded)\r\n")
    #expect(fields.message.map(\.name) == ["reporting-mta", "x-postfix-sender"])
    #expect(fields.recipients.first?.map(\.value) == ["rfc822; c@d", "failed", "5.1.1 (folded)"])
  }

  @Test func deliveryStatusPartReadInPlaceAsItsText() {
    func message(_ charset: String?, _ encoding: String?, _ body: String, crlf: Bool) -> [UInt8] {
      var head = "From: MAILER-DAEMON@example.jp\nSubject: Undelivered\nMIME-Version: 1.0\n"
      head += "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\ntext\n--b\n"
      head += "Content-Type: message/delivery-status" + (charset.map { "; charset=\($0)" } ?? "") + "\n"
      if let encoding { head += "Content-Transfer-Encoding: \(encoding)\n" }
      head += "\n"
      var text = head + body + "\n--b--\n"
      if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
      return Array(text.utf8)
    }
    let bodies = [
      "Reporting-MTA: dns; mx.example.jp\n\nFinal-Recipient: rfc822; a@example.jp\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1\n  unknown user\n",
      "Final-Recipient: rfc822; a@example.jp\rAction: failed\rStatus: 5.1.1\r",
      "Final-Recipient: rfc822; a@example.jp\r\r\nAction: failed\n",
      "Final-Recipient: rfc822; ü@example.jp\nAction: failed\nDiagnostic-Code: smtp; 550 宛先なし\n",
      "Final-Recipient: rfc822; a@example.jp\nDiagnostic-Code: smtp; 550 \u{1B}$B$\"\u{1B}(B\nAction: failed\n",
      "Final-Recipient: rfc822; a+AGE-@example.jp\nAction: failed\n",
      "Final-Recipient: rfc822; a@example.jp\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 " + String(repeating: "x ", count: 40) + "\r",
      "", "\n", "\r\n",
    ]
    let labels: [String?] = [nil, "us-ascii", "utf-8", "UTF-7", "iso-2022-jp", "iso-8859-1", "\"Shift_JIS\"", "hz-gb-2312"]
    for body in bodies {
      for label in labels {
        for crlf in [false, true] {
          for encoding in [nil, "7bit"] as [String?] {
            let mail = ParsedMail(bytes: message(label, encoding, body, crlf: crlf))
            for part in mail.deliveryStatusParts {
              let fast = DSNFields(part: part)
              let slow = DSNFields(text: part.text)
              #expect(fast.message == slow.message && fast.recipients == slow.recipients && fast.limitsReached == slow.limitsReached,
                      "\(body.debugDescription) \(label ?? "-") crlf \(crlf)")
            }
          }
        }
      }
    }
    // The check itself: what must go through the text.
    #expect(DSNFields.readsAsItsText(ArraySlice(Array("a\r\nb\n".utf8)), label: nil))
    #expect(!DSNFields.readsAsItsText(ArraySlice(Array("a\rb".utf8)), label: nil))
    #expect(!DSNFields.readsAsItsText(ArraySlice(Array("a\r".utf8)), label: nil))
    #expect(!DSNFields.readsAsItsText(ArraySlice(Array((String(repeating: "a", count: 20) + "\r\r\n").utf8)), label: nil))
    #expect(!DSNFields.readsAsItsText(ArraySlice(Array("ü".utf8)), label: "utf-8"))
    #expect(!DSNFields.readsAsItsText(ArraySlice(Array("a".utf8)), label: "utf-7"))
    #expect(!DSNFields.readsAsItsText(ArraySlice(Array("a\u{1B}b".utf8)), label: nil))
  }

  @Test func cleanedAddressesFindTheirBracketsByMemchr() {
    // The brackets as the slices found them before.
    func slow(_ raw: String) -> String {
      Array(raw.utf8).withUnsafeBufferPointer { bytes in
        var lo = 0
        var hi = bytes.count
        var lastQuoteAt = -1
        if bytes.count > 1 {
          for i in 1..<bytes.count where bytes[i] == ASCII.at && bytes[i - 1] == ASCII.quote { lastQuoteAt = i - 1 }
        }
        func isStripped(_ b: UInt8) -> Bool { "<>\"'` \t:;,.()[]{}".utf8.contains(b) }
        while lo < hi, isStripped(bytes[lo]) {
          if bytes[lo] == ASCII.quote, lastQuoteAt > lo { break }
          lo += 1
        }
        while hi > lo, isStripped(bytes[hi - 1]) { hi -= 1 }
        if bytes[lo..<hi].hasPrefixIgnoringCase("mailto:") { lo += 7 }
        if let lt = bytes[lo..<hi].firstIndex(of: ASCII.lessThan) { lo = lt + 1 }
        if let gt = bytes[lo..<hi].firstIndex(of: ASCII.greaterThan) { hi = gt }
        if bytes[lo..<hi].hasPrefixIgnoringCase("mailto:") { lo += 7 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
      }
    }
    let raws = ["<a@b>", "a@b<mailto:a@b>", "x<y", "x>y", "<>", "><", "a<b>c<d>", "mailto:<a@b>", "\"q\"@b", "<\"q\"@b>",
                "ü<ä@b>ö", "<a@b", "a@b>", "<<a@b>>", "MAILTO:A@B", "(a@b)", ""]
    for raw in raws + Self.samples {
      #expect(Addresses.clean(raw) == slow(raw), "\(raw.debugDescription)")
    }
  }

  @Test func plausibleAddressesOnBytes() {
    func slow(_ address: String) -> Bool {
      let u = address.utf8
      guard u.count <= 320, let at = u.firstIndex(of: ASCII.at), at != u.startIndex else { return false }
      let domain = address[u.index(after: at)...]
      let d = domain.utf8
      guard !d.isEmpty, !d.contains(ASCII.at) else { return false }
      guard d.contains(ASCII.dot) || d.first == 0x5B || domain == "localhost" else { return false }
      return !d.contains(where: { $0 == 0x2F || $0 == ASCII.equals || $0 == ASCII.backslash })
    }
    let more = ["a@localhost", "a@localhost.", "a@Localhost", "a@[1.2.3.4]", "a@b/c.d", "a@b=c.d", "a@b\\c.d", "@b.c", "a@", "a@@b.c",
                "ü@例え.jp", "a@b.c", String(repeating: "a", count: 320) + "@b.c", "a@localhost\u{301}"]
    for s in Self.samples + more {
      #expect(Addresses.isPlausible(s) == slow(s), "\(s.debugDescription)")
    }
  }

  @Test func domainsOnBytes() {
    func slow(_ address: String) -> String {
      let u = address.utf8
      guard let at = address.lastByteIndex(of: ASCII.at) else { return "" }
      let domain = u[u.index(after: at)...]
      return domain.allSatisfy({ $0 < 0x80 }) ? String(asciiLowercasing: domain) : address[u.index(after: at)...].lowercased()
    }
    for s in Self.samples + ["a@B.C", "a@b@C.D", "a@", "@", "a@ÜBER.de", "A@例え.JP", "a@\u{212A}.com", "noat"] {
      #expect(Addresses.domain(of: s) == slow(s), "\(s.debugDescription)")
    }
  }

  @Test func localPartsOnBytes() {
    for s in Self.samples + ["mailer-daemon@x", "@x", "@@", "@", "", "a@@b", "@a@b", "a", "ü@x", "a@\u{301}b", "a\r\n@b", "MAILER-DAEMON"] {
      #expect(BounceSigns.localPart(s) == (s.split(separator: "@").first.map(String.init) ?? s), "\(s.debugDescription)")
    }
  }

  @Test func bareMessageIDIsFoldedAndTrimmed() {
    let ids = ["<a@b>", " <a@b> ", "<a@b>\r\n", "\t<a b>", "<a  b>", "< a@b >", "<<a@b>>", "<>", "", " ", "a@b",
               "<a@b> (comment)", "<ü@例>", "<a@b>\t<", "a\t>", "<\r\n x>", "<" + String(repeating: "x", count: 40) + ">"]
    for id in ids + Self.samples {
      #expect(OriginalMessageReader.bareMessageID(id) == id.foldingWhitespace.trimmingCharacters(in: "<> "), "\(id.debugDescription)")
    }
  }
}
