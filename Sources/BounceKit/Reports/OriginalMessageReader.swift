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
      messageID: header["message-id"].map { $0.foldingWhitespace.trimmingCharacters(in: "<> ") },
      date: header["date"]?.foldingWhitespace
    )
    return original.isEmpty ? nil : original
  }
}
