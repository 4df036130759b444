/// Content-Transfer-Encoding decoders (RFC 2045), tolerant of what real mail contains.
enum TransferEncoding {
  /// Decodes `bytes` according to the encoding label (`base64`, `quoted-printable`, anything
  /// else is identity: 7bit, 8bit, binary and unknown labels).
  static func decode(_ bytes: ArraySlice<UInt8>, encoding: String) -> [UInt8] {
    Array(decodeSlice(bytes, encoding: encoding))
  }

  /// Like ``decode(_:encoding:)`` but returns the input itself, uncopied, for identity
  /// encodings.
  static func decodeSlice(_ bytes: ArraySlice<UInt8>, encoding: String) -> ArraySlice<UInt8> {
    switch encoding {
    case "base64": return base64(bytes)[...]
    case "quoted-printable": return quotedPrintable(bytes)[...]
    default: return bytes
    }
  }

  private static let base64Table: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
      table[Int(c)] = UInt8(i)
    }
    // URL-safe alphabet too: some broken encoders use it.
    table[Int(UInt8(ascii: "-"))] = 62
    table[Int(UInt8(ascii: "_"))] = 63
    return table
  }()

  /// Base64: characters outside the alphabet are skipped; `=` ends a quantum; a dangling
  /// partial quantum keeps the whole bytes it holds.
  static func base64(_ bytes: some Collection<UInt8>) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 3 / 4)
    var acc: UInt32 = 0
    var n = 0
    let table = base64Table
    for c in bytes {
      let v = table[Int(c)]
      if v == 0xFF {
        if c == ASCII.equals {
          // Padding: flush what the quantum holds and start afresh.
          if n == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
          if n == 3 {
            out.append(UInt8(truncatingIfNeeded: acc >> 10))
            out.append(UInt8(truncatingIfNeeded: acc >> 2))
          }
          acc = 0
          n = 0
        }
        continue
      }
      acc = (acc << 6) | UInt32(v)
      n += 1
      if n == 4 {
        out.append(UInt8(truncatingIfNeeded: acc >> 16))
        out.append(UInt8(truncatingIfNeeded: acc >> 8))
        out.append(UInt8(truncatingIfNeeded: acc))
        acc = 0
        n = 0
      }
    }
    if n == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
    if n == 3 {
      out.append(UInt8(truncatingIfNeeded: acc >> 10))
      out.append(UInt8(truncatingIfNeeded: acc >> 2))
    }
    return out
  }

  @inline(__always) static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x41...0x46: return c - 0x41 + 10
    case 0x61...0x66: return c - 0x61 + 10
    default: return nil
    }
  }

  /// Quoted-printable: `=XX` decoded, soft line breaks removed, trailing whitespace before a
  /// line break dropped, malformed `=` sequences kept as they are.
  static func quotedPrintable(_ bytes: ArraySlice<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
    // Decoded text is never longer than its encoding: written straight into the result.
    bytes.withUnsafeBufferPointer { input in
      [UInt8](unsafeUninitializedCapacity: input.count) { out, written in
        written = quotedPrintable(input, into: out, underscoreIsSpace: underscoreIsSpace)
      }
    }
  }

  /// Decodes `bytes` into `out` (at least as long); returns the number of bytes written.
  private static func quotedPrintable(
    _ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, underscoreIsSpace: Bool
  ) -> Int {
    var k = 0
    func copy(_ range: Range<Int>) {
      // One move per run. `k` never passes the input position, so the run fits in `out`.
      guard !range.isEmpty, let from = bytes.baseAddress, let to = out.baseAddress else { return }
      precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count && k + range.count <= out.count)
      UnsafeMutableRawPointer(to + k).copyMemory(from: from + range.lowerBound, byteCount: range.count)
      k += range.count
    }
    // Steps wrap instead of checking for overflow: `k <= i <= end`, far from the limits.
    var i = 0
    let end = bytes.count
    while i < end {
      let c = bytes[i]
      if c == ASCII.equals {
        // Soft break: '=' followed by optional whitespace and a line break.
        var j = i &+ 1
        while j < end, ASCII.isSpace(bytes[j]) || bytes[j] == ASCII.cr { j &+= 1 }
        if j == end {
          i = end
          continue
        }
        if bytes[j] == ASCII.lf {
          i = j &+ 1
          continue
        }
        if i &+ 2 < end, let hi = hexValue(bytes[i &+ 1]), let lo = hexValue(bytes[i &+ 2]) {
          out[k] = hi << 4 | lo
          k &+= 1
          i &+= 3
          continue
        }
        out[k] = c
        k &+= 1
        i &+= 1
      } else if c == ASCII.underscore && underscoreIsSpace {
        out[k] = ASCII.space
        k += 1
        i += 1
      } else if !underscoreIsSpace {
        // Bodies: the text up to the next `=` or line break is copied at once, except the
        // whitespace at the end of a line (or of the input), padding added in transport.
        let j = ByteScan.firstOf(ASCII.equals, ASCII.lf, in: bytes, from: i)
        var kept = j
        if j == end || bytes[j] == ASCII.lf {
          while kept > i, ASCII.isSpace(bytes[kept - 1]) { kept -= 1 }
        }
        copy(i..<kept)
        if j < end, bytes[j] == ASCII.lf {
          out[k] = ASCII.lf
          k += 1
          i = j + 1
        } else {
          i = j
        }
      } else {
        // A run of plain bytes is copied at once.
        var j = i + 1
        while j < end {
          let b = bytes[j]
          if b == ASCII.equals || b == ASCII.underscore { break }
          j += 1
        }
        copy(i..<j)
        i = j
      }
    }
    return k
  }
}
