/// A minimal HTML-to-text conversion for bounces that come only as HTML: tags dropped, block
/// tags turned into line breaks, style and script blocks skipped, the common entities decoded.
/// One linear pass over the bytes.
enum HTMLText {
  private static let blockTags: Set<String> = [
    "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "table", "blockquote", "pre", "hr",
  ]

  static func plainText(_ html: String) -> String {
    let bytes = Array(html.utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    var skipping: String? = nil
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b == ASCII.lessThan {
        var j = i + 1
        while j < n, bytes[j] != ASCII.greaterThan { j += 1 }
        guard j < n else { break }
        var k = i + 1
        let closing = k < j && bytes[k] == 0x2F
        if closing { k += 1 }
        let nameStart = k
        while k < j, ASCII.isAlnum(bytes[k]) { k += 1 }
        let name = String(decoding: bytes[nameStart..<k].map(ASCII.lower), as: UTF8.self)
        if let skipped = skipping {
          if closing && name == skipped { skipping = nil }
        } else if !closing && (name == "style" || name == "script") {
          skipping = name
        } else if blockTags.contains(name) {
          out.append(ASCII.lf)
        }
        i = j + 1
        continue
      }
      if skipping != nil {
        i += 1
        continue
      }
      if b == 0x26 {
        var j = i + 1
        while j < n, j - i <= 10, bytes[j] != ASCII.semicolon { j += 1 }
        if j < n, bytes[j] == ASCII.semicolon,
          let scalar = decodeEntity(String(decoding: bytes[(i + 1)..<j], as: UTF8.self))
        {
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
          i = j + 1
          continue
        }
      }
      out.append(b)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func decodeEntity(_ e: String) -> Unicode.Scalar? {
    switch e {
    case "lt": return "<"
    case "gt": return ">"
    case "amp": return "&"
    case "quot": return "\""
    case "apos": return "'"
    case "nbsp": return " "
    default:
      if e.hasBytePrefix("#x") || e.hasBytePrefix("#X") { return UInt32(e.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
      if e.hasBytePrefix("#") { return UInt32(e.dropFirst()).flatMap(Unicode.Scalar.init) }
      return nil
    }
  }
}
