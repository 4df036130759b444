/// Reads the headers of the returned original message.
enum OriginalMessageReader {
  /// The original message's From, To, Subject, Message-ID and Date; nil when the bounce
  /// returns nothing of it.
  static func read(_ mail: ParsedMail) -> OriginalMessage? {
    guard let header = mail.originalHeader else { return nil }
    let original = OriginalMessage(
      from: header["from"].flatMap { Addresses.first(in: $0) },
      to: header["to"]?.foldingWhitespace,
      subject: header["subject"]?.foldingWhitespace,
      messageID: header["message-id"].map(bareMessageID),
      date: header["date"]?.foldingWhitespace
    )
    return original.isEmpty ? nil : original
  }

  /// `value.foldingWhitespace.trimmingCharacters(in: "<> ")` in one pass: whitespace and
  /// angle brackets are trimmed from the raw bytes together (a folded run of whitespace at
  /// either end is a space the brackets' trim would take too), then the rest is folded.
  static func bareMessageID(_ value: String) -> String {
    value.withUTF8Bytes { bytes in
      var lo = 0
      var hi = bytes.count
      @inline(__always) func trimmed(_ b: UInt8) -> Bool { ASCII.isWhitespace(b) || b == ASCII.lessThan || b == ASCII.greaterThan }
      while lo < hi, trimmed(bytes[lo]) { lo += 1 }
      while hi > lo, trimmed(bytes[hi - 1]) { hi -= 1 }
      return String(foldedCopyOf: UnsafeBufferPointer(rebasing: bytes[lo..<hi]))
    }
  }
}
