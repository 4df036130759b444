/// A minimal HTML-to-text conversion for bounces that come only as HTML: tags dropped, block
/// tags turned into line breaks, style and script blocks skipped, the common entities decoded.
/// One linear pass over the bytes.
enum HTMLText {
  /// What a tag does to the text.
  private enum TagKind { case block, style, script, other }

  /// Tags by length and their first eight bytes packed (``packed(_:from:count:)``); only
  /// `blockquote` is longer, and is compared whole.
  private static let tags: [(count: Int, word: UInt64, kind: TagKind)] = {
    let block = ["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "table", "blockquote", "pre", "hr"]
    let all = block.map { ($0, TagKind.block) } + [("style", .style), ("script", .script)]
    return all.map { name, kind in
      let bytes = Array(name.utf8)
      let word = bytes.withUnsafeBufferPointer { packed($0, from: 0, count: bytes.count) }
      return (bytes.count, word, kind)
    }
  }()

  /// The first eight (at most) bytes of `bytes[from..<from + count]`, lower-cased, packed in a word.
  @inline(__always) private static func packed(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, count: Int) -> UInt64 {
    var word: UInt64 = 0
    for k in 0..<min(count, 8) { word |= UInt64(ASCII.lower(bytes[from + k])) << (8 * UInt64(k)) }
    return word
  }

  /// The kind of the tag named `bytes[from..<to]` (letters and digits, any case).
  private static func tagKind(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> TagKind {
    let count = to - from
    guard count >= 1, count <= 10 else { return .other }
    let word = packed(bytes, from: from, count: count)
    for tag in tags where tag.count == count && tag.word == word {
      // Only `blockquote` is longer than the packed word.
      if count > 8 && !(ASCII.lower(bytes[from + 8]) == 0x74 && ASCII.lower(bytes[from + 9]) == 0x65) { return .other }
      return tag.kind
    }
    return .other
  }

  /// The text of `html`: one pass, plain runs found sixteen bytes at a time and copied at
  /// once, tag names compared without building a string.
  static func plainText(_ html: String) -> String {
    var html = html
    return html.withUTF8 { bytes in
      var out = [UInt8]()
      out.reserveCapacity(bytes.count)
      var skipping: TagKind? = nil
      var i = 0
      let n = bytes.count
      while i < n {
        let b = bytes[i]
        if b == ASCII.lessThan {
          let j = ByteScan.firstOrEnd(ASCII.greaterThan, in: bytes, from: i + 1)
          guard j < n else { break }
          var k = i + 1
          let closing = k < j && bytes[k] == 0x2F
          if closing { k += 1 }
          let nameStart = k
          while k < j, ASCII.isAlnum(bytes[k]) { k += 1 }
          let kind = tagKind(bytes, from: nameStart, to: k)
          if let skipped = skipping {
            if closing && kind == skipped { skipping = nil }
          } else if !closing && (kind == .style || kind == .script) {
            skipping = kind
          } else if kind == .block {
            out.append(ASCII.lf)
          }
          i = j + 1
          continue
        }
        if skipping != nil {
          // Inside style or script only a tag matters.
          i = ByteScan.firstOrEnd(ASCII.lessThan, in: bytes, from: i + 1)
          continue
        }
        if b == 0x26 {
          var j = i + 1
          while j < n, j - i <= 10, bytes[j] != ASCII.semicolon { j += 1 }
          if j < n, bytes[j] == ASCII.semicolon,
            let scalar = decodeEntity(String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self))
          {
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            i = j + 1
            continue
          }
          out.append(b)
          i += 1
          continue
        }
        // Text up to the next tag or entity, at once.
        let j = ByteScan.firstOf(ASCII.lessThan, 0x26, in: bytes, from: i)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
        i = j
      }
      return String(decoding: out, as: UTF8.self)
    }
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
