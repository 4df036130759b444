/// One message as the report readers see it: its MIME tree plus the values most readers ask
/// for, each computed once on first use.
///
/// Not thread-safe and not meant to be: one `ParsedMail` lives inside one analysis.
final class ParsedMail {
  /// The message's bytes (LF line endings).
  let bytes: [UInt8]
  /// The root of the MIME tree.
  let root: MIMEPart
  /// The limits the message is read within; readers that loop over the message's contents
  /// follow them too and report with ``note(_:)``.
  let limits: DecodeLimits
  /// Every limit reached so far, by the parser or by a reader.
  private(set) var limitsReached: Set<DecodeLimits.Limit>
  /// True when a limit was reached.
  var limited: Bool { !limitsReached.isEmpty }

  init(bytes: [UInt8], limits: DecodeLimits = .standard) {
    self.bytes = bytes
    self.limits = limits
    var parser = MIMEParser(limits: limits)
    self.root = parser.parse(bytes[...])
    self.limitsReached = parser.limitsReached
  }

  /// A view of an already-parsed tree, such as an embedded message.
  init(root: MIMEPart, bytes: [UInt8], limits: DecodeLimits = .standard) {
    self.bytes = bytes
    self.root = root
    self.limits = limits
    self.limitsReached = []
  }

  /// Records that a limit was reached while reading the message: it becomes a warning in the
  /// result.
  func note(_ limit: DecodeLimits.Limit) {
    limitsReached.insert(limit)
  }

  /// Records every limit in `limits`.
  func note(_ limits: Set<DecodeLimits.Limit>) {
    limitsReached.formUnion(limits)
  }

  /// The top-level header.
  var header: MessageHeader { root.header }

  /// The decoded Subject ("" when absent).
  lazy var subject: String = header["subject"]?.foldingWhitespace ?? ""

  /// `subject` in lower case, once: what recognisers compare.
  lazy var lowerSubject: String = subject.lowercased()

  /// The Message-ID field, ASCII lower case ("" when absent).
  lazy var lowerMessageID: String = header.field("message-id")?.asciiLowercasedText ?? ""

  /// The decoded text of every Received field, in order: several recognisers look for their
  /// MTA's name there.
  lazy var receivedTexts: [String] = header.texts("received")

  /// The Content-Type field unfolded, as written ("" when absent): several recognisers look
  /// for their product's mark in its boundary.
  lazy var rawContentType: String = header.field("content-type").map { String(decoding: $0.unfoldedSlice, as: UTF8.self) } ?? ""

  /// The decoded X-Mailer field ("" when absent).
  lazy var mailer: String = header["x-mailer"] ?? ""

  /// The decoded From field ("" when absent).
  lazy var from: String = header["from"] ?? ""

  /// The address in From, lower case ("" when absent).
  lazy var fromAddress: String = Addresses.first(in: from)?.lowercased() ?? ""

  /// The domain of `fromAddress` ("" when there is none): many recognisers compare it.
  lazy var fromDomain: String = Addresses.domain(of: fromAddress)

  /// The `message/delivery-status` (or `global-delivery-status`) parts, outside any
  /// embedded message.
  lazy var deliveryStatusParts: [MIMEPart] = parts { part in
    // Names compared by length and bytes (`isName`): every part of every message is asked.
    let t = part.mimeType
    return t.isName("message/delivery-status") || t.isName("message/global-delivery-status")
      || t.isName("text/delivery-status") || t.isName("message/x-delivery-status")
  }

  /// What the standard DSN parts say (nil when there are none or they name no recipient),
  /// read once: the report reader merges it, and format units ask whether it is there.
  lazy var standardReport: DeliveryReport? = RFC3464.recognizes(self) ? RFC3464.read(self) : nil

  /// The `message/feedback-report` parts.
  lazy var feedbackParts: [MIMEPart] = parts { $0.mimeType.isName("message/feedback-report") }

  /// The returned original message, if the bounce carries one: the header of a
  /// `message/rfc822` (or `global`) part, or the body of a `text/rfc822-headers` part.
  lazy var originalHeader: MessageHeader? = {
    var found: MessageHeader? = nil
    root.walkOutsideEmbedded { part in
      guard found == nil else { return }
      let t = part.mimeType
      if t.isName("message/rfc822") || t.isName("message/global") || t.isName("message/partial") {
        if !part.children.isEmpty { found = part.children[0].header }
      } else if t.isName("text/rfc822-headers") || t.isName("message/rfc822-headers") || t.isName("text/rfc822-header") {
        let header = MessageHeader.parse(part.decodedBody, limits: limits).0
        note(header.limitsReached)
        found = header
      }
    }
    return found
  }()

  /// The text a person would read: every `text/plain` part outside embedded messages and
  /// reports, joined; a `text/html` part converted to text when there is no plain one; the
  /// body itself for a message that is not multipart.
  lazy var bodyText: String = {
    // A multipart whose delimiters never appear is read as the text it is.
    let unsplit = root.contentType.type == "multipart" && root.children.isEmpty
    if unsplit || root.contentType.type != "multipart" && root.contentType.type != "message" {
      return root.contentType.subtype == "html" ? HTMLText.plainText(root.text) : root.text
    }
    // A multipart whose boundary never appears (some PMDF and Sun Messaging Server reports
    // declare one and then write plain text): the body is the text.
    if root.contentType.type == "multipart", root.children.isEmpty { return root.text }
    var plain: [String] = []
    var html: [MIMEPart] = []
    root.walkOutsideEmbedded { part in
      guard part.children.isEmpty, part.contentType.type == "text" else { return }
      switch part.contentType.subtype {
      case "plain", "": plain.append(part.text)
      case "html": html.append(part)
      default: break
      }
    }
    if plain.count == 1 { return plain[0] }
    if !plain.isEmpty { return plain.joined(separator: "\n") }
    // HTML parts are decoded only when there is no plain text to read instead.
    return html.map { HTMLText.plainText($0.text) }.joined(separator: "\n")
  }()

  /// `bodyText` split into lines (no line breaks), shared by the format units that read it
  /// line by line.
  lazy var bodyLines: [Substring] = TextLines.split(bodyText)

  /// `bodyLines` without trailing spaces, tabs and CRs.
  lazy var trimmedBodyLines: [Substring] = bodyLines.map(ReportText.trimmedEnd)

  /// `bodyLines` up to the separator that announces the returned original message.
  lazy var reportLines: [Substring] = BounceText.reportLines(bodyLines)

  /// Parts matching `predicate`, depth first, not looking inside embedded messages.
  func parts(where predicate: (MIMEPart) -> Bool) -> [MIMEPart] {
    var found: [MIMEPart] = []
    root.walkOutsideEmbedded { if predicate($0) { found.append($0) } }
    return found
  }
}

extension MIMEPart {
  /// Visits this part and its descendants, but not the insides of embedded messages.
  func walkOutsideEmbedded(_ body: (MIMEPart) -> Void) {
    body(self)
    guard contentType.type != "message" else { return }
    // Borrowed in place: `for child in children` (or an array subscript, around the opaque
    // `body`) copies every child's fields, one retain and release each.
    children.withUnsafeBufferPointer { parts in
      for i in parts.indices { parts[i].walkOutsideEmbedded(body) }
    }
  }
}
