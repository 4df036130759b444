/// Making text that came from a message safe to print: no control characters, no terminal
/// escape sequences (a bounce can carry them to rewrite a terminal's title or screen).
enum SafeText {
  /// `text` with C0 and C1 control characters, DEL and escape sequences removed; tabs and line
  /// breaks become spaces unless `keepNewlines`.
  static func terminal(_ text: String, keepNewlines: Bool = false) -> String {
    var out = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    while let s = scalars.next() {
      switch s.value {
      case 0x1B:
        // ESC: drop the whole sequence (CSI … final byte, OSC … BEL/ST, or one character).
        guard let next = scalars.next() else { break }
        if next == "[" {
          while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
        } else if next == "]" || next == "P" || next == "_" || next == "^" {
          var previous: Unicode.Scalar = " "
          while let c = scalars.next() {
            if c.value == 0x07 || (previous.value == 0x1B && c == "\\") || c.value == 0x9C { break }
            previous = c
          }
        }
      case 0x0A, 0x09:
        out.append(keepNewlines && s.value == 0x0A ? s : " ")
      case 0x9B:
        while let c = scalars.next(), !(0x40...0x7E).contains(c.value) {}
      case 0x9D:
        while let c = scalars.next(), c.value != 0x07, c.value != 0x9C {}
      case 0x00...0x1F, 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
        // Controls, and bidirectional overrides that can disguise text.
        continue
      default:
        out.append(s)
      }
    }
    return String(out)
  }

  /// A CSV cell: control characters removed (a tab or CR becomes a space or goes), quoted when
  /// needed, and neutralised against formula injection: a cell whose first character other
  /// than spaces is `=`, `+`, `-` or `@` (or their full-width forms, which some spreadsheets
  /// also read as operators) gets a leading `'`, so that it is shown as text.
  static func csvCell(_ text: String) -> String {
    var value = terminal(text)
    if let first = value.unicodeScalars.first(where: { $0 != " " && $0 != "\u{3000}" }),
      "=+-@\u{FF1D}\u{FF0B}\u{FF0D}\u{FF20}".unicodeScalars.contains(first)
    {
      value = "'" + value
    }
    // Decided and escaped on the bytes, as CSV readers read: a comma or a quote followed by a
    // combining mark is one Character to Swift, but still a comma or a quote in the file.
    let bytes = value.utf8
    guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x27 }) || bytes.first == 0x20 else { return value }
    var out: [UInt8] = [0x22]
    out.reserveCapacity(bytes.count + 8)
    for b in bytes {
      if b == 0x22 { out.append(0x22) }
      out.append(b)
    }
    out.append(0x22)
    return String(decoding: out, as: UTF8.self)
  }
}
