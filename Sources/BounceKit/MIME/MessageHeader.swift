/// One header field: its name in lower case and its raw value bytes (folding kept).
struct HeaderField: Sendable, Equatable {
  /// The field name, ASCII lower-cased (`content-type`).
  var name: String
  /// The raw value after the colon, leading whitespace removed, line folds still in it.
  var rawValue: ArraySlice<UInt8>

  /// The value unfolded and with RFC 2047 encoded words decoded.
  var text: String { EncodedWords.decode(Self.unfold(rawValue)) }

  /// The value unfolded, without encoded-word decoding (for structured fields).
  var unfoldedBytes: [UInt8] { Self.unfold(rawValue) }

  /// Removes line breaks (a fold is a line break followed by whitespace) and trailing space.
  static func unfold(_ raw: ArraySlice<UInt8>) -> [UInt8] {
    raw.withUnsafeBufferPointer { input in
      [UInt8](unsafeUninitializedCapacity: input.count) { out, written in
        var k = 0
        for b in input where b != ASCII.lf && b != ASCII.cr {
          out[k] = b == ASCII.tab ? ASCII.space : b
          k += 1
        }
        while k > 0, ASCII.isSpace(out[k - 1]) { k -= 1 }
        written = k
      }
    }
  }
}

/// The header block of a message or MIME part: fields in order, repeated fields kept, names
/// compared without regard to case.
struct MessageHeader: Sendable, Equatable {
  /// Every field in the order it appears.
  var fields: [HeaderField] = []
  /// The header limits reached while parsing (``DecodeLimits/Limit/headerFields``,
  /// ``DecodeLimits/Limit/headerFieldBytes``).
  var limitsReached: Set<DecodeLimits.Limit> = []
  /// True when the block was cut at the header limits.
  var truncated: Bool { !limitsReached.isEmpty }

  /// Maximum number of fields kept per header block by default.
  static var maxFields: Int { DecodeLimits.standard.maxHeaderFields }

  /// The first field named `name` (lower case), raw.
  func field(_ name: String) -> HeaderField? {
    let count = name.utf8.count
    return fields.first { $0.name.utf8.count == count && $0.name == name }
  }

  /// The decoded text of the first field named `name` (lower case).
  subscript(_ name: String) -> String? {
    field(name)?.text
  }

  /// Every field named `name` (lower case), in order.
  func all(_ name: String) -> [HeaderField] {
    let count = name.utf8.count
    return fields.filter { $0.name.utf8.count == count && $0.name == name }
  }

  /// True when a field named `name` (lower case) is present.
  func has(_ name: String) -> Bool { field(name) != nil }

  /// Parses the header block at the start of `bytes` (LF line endings).
  ///
  /// Returns the header and the index where the body begins (after the blank line). Lenient:
  /// a line that is neither a field nor a fold ends the header there, so text with no header
  /// at all (a pasted error message) is all body. At most `limits.maxHeaderFields` fields are
  /// kept, each value cut at `limits.maxHeaderFieldBytes`; the rest of the block is still
  /// skipped, so the body starts where it should.
  static func parse(_ bytes: ArraySlice<UInt8>, limits: DecodeLimits = .standard) -> (MessageHeader, bodyStart: Int) {
    var header = MessageHeader()
    // Growing from empty would copy the array four times before a typical header is read.
    header.fields.reserveCapacity(16)
    var i = bytes.startIndex
    let end = bytes.endIndex
    var fieldStart = -1
    var valueStart = -1
    var name = ""
    var lastLineEnd = i

    func finishField(upTo endIndex: Int) {
      guard fieldStart >= 0 else { return }
      var vs = valueStart
      while vs < endIndex, ASCII.isSpace(bytes[vs]) { vs += 1 }
      var ve = endIndex
      while ve > vs, ASCII.isWhitespace(bytes[ve - 1]) { ve -= 1 }
      if ve - vs > limits.maxHeaderFieldBytes {
        ve = vs + max(0, limits.maxHeaderFieldBytes)
        header.limitsReached.insert(.headerFieldBytes)
      }
      if header.fields.count < limits.maxHeaderFields {
        header.fields.append(HeaderField(name: name, rawValue: bytes[vs..<ve]))
      } else {
        header.limitsReached.insert(.headerFields)
      }
      fieldStart = -1
    }

    while i < end {
      let lineEnd = bytes.firstLineBreak(from: i)
      let next = lineEnd < end ? lineEnd + 1 : end
      let lineIsBlank = lineEnd == i || (lineEnd == i + 1 && bytes[i] == ASCII.cr)
      if lineIsBlank {
        finishField(upTo: lastLineEnd)
        return (header, next)
      }
      if ASCII.isSpace(bytes[i]) {
        // A fold continues the current field.
        if fieldStart >= 0 {
          lastLineEnd = lineEnd
          i = next
          continue
        }
        finishField(upTo: lastLineEnd)
        return (header, i)
      }
      // A field name: printable ASCII up to the colon, spaces allowed before it.
      var colon = i
      var valid = true
      while colon < lineEnd, bytes[colon] != ASCII.colon {
        let b = bytes[colon]
        if b < 0x21 || b > 0x7E {
          if !ASCII.isSpace(b) { valid = false; break }
        }
        colon += 1
      }
      if valid, colon < lineEnd, colon > i {
        var nameEnd = colon
        while nameEnd > i, ASCII.isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
        let nameBytes = bytes[i..<nameEnd]
        if !nameBytes.contains(where: ASCII.isSpace) {
          finishField(upTo: lastLineEnd)
          fieldStart = i
          valueStart = colon + 1
          name = FieldNames.lowercased(nameBytes)
          lastLineEnd = lineEnd
          i = next
          continue
        }
      }
      // Not a field: the body starts here (a message with no blank line after its header).
      finishField(upTo: lastLineEnd)
      return (header, i)
    }
    finishField(upTo: lastLineEnd)
    return (header, end)
  }
}
