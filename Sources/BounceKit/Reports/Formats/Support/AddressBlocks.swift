/// The most common plain-text bounce layout: a line holding only a recipient's address
/// (`user@example.jp`, `<user@example.jp>:`, `"user@example.jp":`), followed by the lines that
/// explain what happened to it.
///
/// ```
/// <user@example.jp>:
/// Remote host said: 550 5.1.1 <user@example.jp>... User Unknown
/// ```
struct AddressBlock {
  /// The recipient the block is about.
  var address: String
  /// The lines after the address line, up to the next address line (or blank line).
  var lines: [Substring]

  /// The block's lines as one diagnostic string.
  var text: String { BounceText.joined(lines) }

  /// The blocks in `lines`. With `endAtBlank`, a blank line closes a block (text after it
  /// belongs to no recipient); otherwise a block runs to the next address line. Blocks with the
  /// same address (a letter written in two languages) are kept once, the first.
  static func read(_ lines: some Sequence<Substring>, endAtBlank: Bool, maxBlocks: Int = 1000) -> [AddressBlock] {
    var blocks: [AddressBlock] = []
    var seen = Set<String>()
    var current: AddressBlock? = nil
    var skipping = false
    func close() {
      if let c = current, seen.insert(ReportMerger.caseKey(c.address)).inserted, blocks.count < maxBlocks { blocks.append(c) }
      current = nil
    }
    for line in lines {
      if let address = BounceText.loneAddress(line) {
        close()
        current = AddressBlock(address: address, lines: [])
        skipping = false
        continue
      }
      if BounceText.trimmed(line).isEmpty {
        // Blank lines right after the address line do not end the block yet.
        if endAtBlank, let c = current, !c.lines.isEmpty {
          close()
          skipping = true
        }
        continue
      }
      if !skipping { current?.lines.append(line) }
    }
    close()
    return blocks
  }
}
