/// Turns CRLF and bare CR line endings into LF, so that every later stage sees one kind.
///
/// Works on a stream of blocks: a CR at the end of one block and an LF at the start of the
/// next are recognised as one CRLF.
public struct LineEndingNormalizer: Sendable {
  private var pendingCR = false

  /// Creates a normaliser at the start of a stream.
  public init() {}

  /// Appends the normalised form of `block` to `output`.
  public mutating func normalize(_ block: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
    var start = 0
    var i = 0
    let n = block.count
    if pendingCR {
      pendingCR = false
      output.append(ASCII.lf)
      if n > 0, block[0] == ASCII.lf { start = 1; i = 1 }
    }
    while i < n {
      i = ByteScan.firstOrEnd(ASCII.cr, in: block, from: i)
      if i < n {
        output.append(contentsOf: UnsafeBufferPointer(rebasing: block[start..<i]))
        if i + 1 < n {
          output.append(ASCII.lf)
          i += block[i + 1] == ASCII.lf ? 2 : 1
          start = i
          continue
        }
        pendingCR = true
        start = n
        i = n
        break
      }
    }
    if start < n { output.append(contentsOf: UnsafeBufferPointer(rebasing: block[start..<n])) }
  }

  /// True when ``normalize(_:into:)`` would write `block` unchanged (no CR in it, none
  /// pending from the block before), so that it can be used where it is.
  public func passesThrough(_ block: UnsafeBufferPointer<UInt8>) -> Bool {
    !pendingCR && ByteScan.first(ASCII.cr, in: block) == nil
  }

  /// Ends the stream, writing a final LF for a CR left at the very end.
  public mutating func finish(into output: inout [UInt8]) {
    if pendingCR { output.append(ASCII.lf) }
    pendingCR = false
  }

  /// Normalises a whole buffer at once; returns the input itself when it holds no CR.
  public static func normalized(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.contains(ASCII.cr) else { return bytes }
    var out = [UInt8]()
    out.reserveCapacity(bytes.count)
    var normalizer = LineEndingNormalizer()
    bytes.withUnsafeBufferPointer { normalizer.normalize($0, into: &out) }
    normalizer.finish(into: &out)
    return out
  }
}
