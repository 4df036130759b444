/// Finds every phrase of every rule in a text: patterns are ASCII-lower-cased UTF-8 bytes
/// (other bytes, such as Japanese, compared as they are), found in the text read the same way.
///
/// The usual scan looks up each position's first three bytes in a small table of the needles'
/// first three bytes (a few kilobytes, which stay in cache) and compares only the needles that
/// start so: at most ``maxBucket`` of them, so the time is linear in the text. An Aho–Corasick
/// automaton over the same needles serves rule sets where more needles share their first bytes
/// (a user's file could hold hundreds). The automaton was the only scan until the table
/// replaced it: its searched edges and failure chain mispredict branches at every byte, and it
/// took nearly twice the time for the same matches.
///
/// No backtracking, no regular expressions. Only the first bytes of a text are read
/// (``DecodeLimits/maxScannedTextBytes``, 64 KiB by default): server answers are short, and the
/// cap keeps a hostile message from costing more.
struct PhraseMatcher: Sendable {
  /// One occurrence of a pattern: the pattern's index and the byte range in the text.
  struct Match: Equatable {
    var pattern: Int
    var start: Int
    var end: Int
  }

  private let patterns: [Phrase]
  /// Sparse goto function: the edges of state `s` are `edgeBytes/edgeTargets[edgeStart[s]..<edgeStart[s+1]]`,
  /// sorted by byte.
  private var edgeStart: [Int32] = []
  private var edgeBytes: [UInt8] = []
  private var edgeTargets: [Int32] = []
  /// Dense transitions from the root, where most scanning happens.
  private var rootNext = [Int32](repeating: 0, count: 256)
  private var failure: [Int32] = []
  /// The pattern that ends at a state, or -1.
  private var output: [Int32] = []
  /// The nearest state on the failure chain that has an output, or -1.
  private var outputLink: [Int32] = []

  /// The number of patterns.
  var count: Int { patterns.count }

  /// The filter table: patterns grouped by a hash of their needle's first three bytes, as
  /// `bucketPatterns[bucketStart[h]..<bucketStart[h + 1]]`. Empty when a group is too large
  /// (see ``maxBucket``). A position is looked up in its group only when it passes the gate:
  /// `bucketUsed` has bit `h` set for the groups of three-byte needles, `gate4` a bit for a
  /// 16-bit hash of the first four bytes of each longer needle. Many positions of a text open
  /// with three bytes some needle shares (`the`, `not`, `use`…), far fewer with four.
  private var bucketStart: [Int32] = []
  private var bucketPatterns: [Int32] = []
  private var bucketUsed: [UInt64] = []
  private var gate4: [UInt64] = []
  private static let bucketBits = 12
  /// Every needle in one array, pattern `p`'s at `needleStart[p]..<needleStart[p + 1]`, and what
  /// ``report`` checks of each pattern: read in place, where a `Phrase` would be copied (and its
  /// arrays retained) for every candidate.
  private var needleBytes: [UInt8] = []
  private var needleStart: [Int32] = []
  /// Per pattern: whether a letter or digit before (bit 0) or after (bit 1) the match rejects it.
  private var boundaries: [UInt8] = []
  /// Per pattern: the needle's first eight bytes (all of a shorter needle) as a little-endian
  /// word, and the mask that keeps that many bytes of a text's word: one comparison turns away
  /// the candidates of a group (`user unknown` and `user not found` share their first five).
  private var heads: [UInt64] = []
  private var headMasks: [UInt64] = []
  /// True when no needle that opens with an ASCII letter or digit is open at its start: then
  /// no match starts between two letters or digits, and the filter scan skips those positions.
  private var wordStartsOnly = true
  /// The most needles one group may hold for the filter to be used: a position that opens
  /// with their three bytes compares each of them.
  static let maxBucket = 64

  /// Builds the matcher. Patterns are used by index; equal needles may repeat.
  init(patterns: [Phrase]) {
    self.init(patterns: patterns, filter: true)
  }

  /// Builds the filter table unless `filter` is false (tests compare the two scans), and the
  /// automaton when there is no filter table.
  init(patterns: [Phrase], filter: Bool) {
    self.patterns = patterns
    buildPatternTables()
    if filter { buildFilter() }
    // The automaton only when the filter cannot serve these needles: building it is most of
    // the matcher's start-up cost, paid by every run.
    if bucketStart.isEmpty { buildAutomaton() }
  }

  /// Builds the Aho–Corasick automaton over the needles.
  private mutating func buildAutomaton() {
    // Build the trie from the needles in sorted order: each needle shares a prefix with the
    // one before it, and a state's edges are created in byte order, so the sparse goto arrays
    // come out sorted with no per-state dictionaries (start-up cost, paid by every run).
    let order = patterns.indices.sorted { a, b in
      let x = patterns[a].needle
      let y = patterns[b].needle
      return x.lexicographicallyPrecedes(y) || (x == y && a < b)
    }
    var out: [Int32] = [-1]
    var extraOutputs: [Int: [Int32]] = [:]
    // Edges in creation order: (from, byte, to).
    var edgeFrom: [Int32] = []
    var edgeByte: [UInt8] = []
    var edgeTo: [Int32] = []
    var path: [Int32] = [0]  // path[d]: the state after the first d bytes of the previous needle
    var previous: [UInt8] = []
    for index in order {
      let needle = patterns[index].needle
      var shared = 0
      while shared < needle.count, shared < previous.count, needle[shared] == previous[shared] { shared += 1 }
      path.removeSubrange((shared + 1)...)
      var state = path[shared]
      for byte in needle[shared...] {
        out.append(-1)
        let next = Int32(out.count - 1)
        edgeFrom.append(state)
        edgeByte.append(byte)
        edgeTo.append(next)
        state = next
        path.append(state)
      }
      if out[Int(state)] < 0 { out[Int(state)] = Int32(index) } else { extraOutputs[Int(state), default: []].append(Int32(index)) }
      previous = needle
    }
    let stateCount = out.count
    // Group the edges by their state (a counting sort keeps each state's edges in byte order).
    var starts = [Int32](repeating: 0, count: stateCount + 1)
    for from in edgeFrom { starts[Int(from) + 1] += 1 }
    for state in 0..<stateCount { starts[state + 1] += starts[state] }
    edgeStart = starts
    edgeBytes = [UInt8](repeating: 0, count: edgeByte.count)
    edgeTargets = [Int32](repeating: 0, count: edgeTo.count)
    var fill = starts
    for e in edgeFrom.indices {
      let slot = Int(fill[Int(edgeFrom[e])])
      fill[Int(edgeFrom[e])] += 1
      edgeBytes[slot] = edgeByte[e]
      edgeTargets[slot] = edgeTo[e]
    }
    output = out
    duplicates = [[Int32]](repeating: [], count: stateCount)
    for (state, more) in extraOutputs { duplicates[state] = more }
    failure = [Int32](repeating: 0, count: stateCount)
    outputLink = [Int32](repeating: -1, count: stateCount)
    for e in Int(edgeStart[0])..<Int(edgeStart[1]) { rootNext[Int(edgeBytes[e])] = edgeTargets[e] }
    // Breadth-first: a state's failure is the longest proper suffix that is also in the trie.
    var queue: [Int32] = []
    queue.reserveCapacity(stateCount)
    for e in Int(edgeStart[0])..<Int(edgeStart[1]) { queue.append(edgeTargets[e]) }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      for e in Int(edgeStart[Int(state)])..<Int(edgeStart[Int(state) + 1]) {
        let byte = edgeBytes[e]
        let target = edgeTargets[e]
        var f = failure[Int(state)]
        while f != 0, goto(f, byte) == nil { f = failure[Int(f)] }
        let fallback = f == 0 ? rootNext[Int(byte)] : (goto(f, byte) ?? 0)
        failure[Int(target)] = fallback == target ? 0 : fallback
        let link = failure[Int(target)]
        outputLink[Int(target)] = output[Int(link)] >= 0 ? link : outputLink[Int(link)]
        queue.append(target)
      }
    }
  }

  /// What both scans read of each pattern, in flat arrays.
  private mutating func buildPatternTables() {
    needleStart = [0]
    for phrase in patterns {
      needleBytes.append(contentsOf: phrase.needle)
      needleStart.append(Int32(needleBytes.count))
      var rule: UInt8 = 0
      if !phrase.openStart, let first = phrase.needle.first, ASCII.isAlnum(first) { rule |= 1 }
      if !phrase.openEnd, let last = phrase.needle.last, ASCII.isAlnum(last) { rule |= 2 }
      boundaries.append(rule)
      if phrase.openStart, let first = phrase.needle.first, ASCII.isAlnum(first) { wordStartsOnly = false }
      let head = phrase.needle.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
      heads.append(head)
      headMasks.append(phrase.needle.count >= 8 ? ~0 : (1 << UInt64(8 * phrase.needle.count)) - 1)
    }
    // Seven zero bytes after the last needle, so that a word can be read at any needle byte.
    needleBytes.append(contentsOf: repeatElement(0, count: 7))
  }

  /// The key of three folded bytes.
  @inline(__always) private static func bucket(_ key: UInt32) -> Int {
    Int((key &* 0x9E37_79B1) >> UInt32(32 - bucketBits))
  }

  /// The gate's hash of four folded bytes.
  @inline(__always) private static func hash4(_ key: UInt32) -> Int {
    Int((key &* 0x9E37_79B1) >> 16)
  }

  /// Groups the patterns by the first three bytes of their needle (every needle has three).
  private mutating func buildFilter() {
    let buckets = 1 << Self.bucketBits
    var counts = [Int32](repeating: 0, count: buckets + 1)
    var keys: [Int] = []
    keys.reserveCapacity(patterns.count)
    for phrase in patterns {
      let n = phrase.needle
      guard n.count >= 3 else { return }
      let key = Self.bucket(UInt32(n[0]) | UInt32(n[1]) << 8 | UInt32(n[2]) << 16)
      keys.append(key)
      counts[key + 1] += 1
      guard counts[key + 1] <= Self.maxBucket else { return }
    }
    for b in 0..<buckets { counts[b + 1] += counts[b] }
    var fill = counts
    var grouped = [Int32](repeating: 0, count: patterns.count)
    // In pattern order within a group.
    for (p, key) in keys.enumerated() {
      grouped[Int(fill[key])] = Int32(p)
      fill[key] += 1
    }
    var used = [UInt64](repeating: 0, count: buckets / 64)
    var gate = [UInt64](repeating: 0, count: (1 << 16) / 64)
    for (p, key) in keys.enumerated() {
      let n = patterns[p].needle
      if n.count == 3 {
        used[key >> 6] |= 1 << UInt64(key & 63)
      } else {
        let h = Self.hash4(UInt32(n[0]) | UInt32(n[1]) << 8 | UInt32(n[2]) << 16 | UInt32(n[3]) << 24)
        gate[h >> 6] |= 1 << UInt64(h & 63)
      }
    }
    bucketStart = counts
    bucketPatterns = grouped
    bucketUsed = used
    gate4 = gate
  }

  /// Patterns whose needle equals an earlier pattern's, by the state they end at (an array,
  /// not a dictionary: it is read at every match).
  private var duplicates: [[Int32]] = []

  private func goto(_ state: Int32, _ byte: UInt8) -> Int32? {
    if state == 0 {
      let next = rootNext[Int(byte)]
      return next == 0 ? nil : next
    }
    var low = Int(edgeStart[Int(state)])
    var high = Int(edgeStart[Int(state) + 1])
    while low < high {
      let mid = (low + high) / 2
      let b = edgeBytes[mid]
      if b == byte { return edgeTargets[mid] }
      if b < byte { low = mid + 1 } else { high = mid }
    }
    return nil
  }

  /// Calls `found` for every whole-word occurrence of every pattern in the first `limit`
  /// bytes of `text`, in order of their end.
  func scan(_ text: UnsafeBufferPointer<UInt8>, limit: Int, _ found: (Match) -> Void) {
    let n = max(0, min(text.count, limit))
    if !bucketStart.isEmpty {
      filterScan(text, count: n, found)
      return
    }
    var state: Int32 = 0
    for i in 0..<n {
      var byte = ASCII.lower(text[i])
      if byte == ASCII.tab || byte == ASCII.lf || byte == ASCII.cr { byte = ASCII.space }
      while true {
        if let next = goto(state, byte) { state = next; break }
        if state == 0 { break }
        state = failure[Int(state)]
      }
      var s = output[Int(state)] >= 0 ? state : outputLink[Int(state)]
      while s > 0 {
        report(Int(output[Int(s)]), endingAt: i, in: text, limit: n, found)
        for p in duplicates[Int(s)] { report(Int(p), endingAt: i, in: text, limit: n, found) }
        s = outputLink[Int(s)]
      }
    }
  }

  /// The scan through the filter table. Matches are found by their start and then put in the
  /// order the automaton reports them: by end, the longer first, then by pattern.
  ///
  /// When every needle that opens with a letter or digit is closed at its start (all bundled
  /// phrases are), no match starts between two letters or digits, and those positions (most
  /// of a text) are not looked up; nor are spaces, where no needle starts.
  private func filterScan(_ text: UnsafeBufferPointer<UInt8>, count n: Int, _ found: (Match) -> Void) {
    guard n >= 3 else { return }
    // The folded text at offset 1, after a space (the byte before the first position), then
    // zero bytes: a word can be read at every position, sixteen bytes at every block. (In
    // memory of its own: Swift's array initializers that would do this are not specialized,
    // and look their storage type up at run time for every text.)
    let folded = UnsafeMutablePointer<UInt8>.allocate(capacity: n + 24)
    defer { folded.deallocate() }
    folded[0] = ASCII.space
    Self.fold(text, count: n, into: folded + 1)
    (folded + n + 1).initialize(repeating: 0, count: 23)
    // Every table read through a pointer, in a loop that captures nothing: read through the
    // matcher inside a closure, each access went through a copy of it.
    var matches = bucketStart.withUnsafeBufferPointer { starts in
      bucketPatterns.withUnsafeBufferPointer { grouped in
        bucketUsed.withUnsafeBufferPointer { used in
          gate4.withUnsafeBufferPointer { gate in
            needleBytes.withUnsafeBufferPointer { needles in
              needleStart.withUnsafeBufferPointer { needleStarts in
                heads.withUnsafeBufferPointer { heads in
                  headMasks.withUnsafeBufferPointer { masks in
                    boundaries.withUnsafeBufferPointer { bounds in
                      Self.filterMatches(
                        FilterView(
                          bucketStart: starts, bucketPatterns: grouped, bucketUsed: used, gate4: gate, needleBytes: needles,
                          needleStart: needleStarts, heads: heads, headMasks: masks, boundaries: bounds),
                        folded: UnsafeRawPointer(folded) + 1, text: text, count: n, wordStartsOnly: wordStartsOnly)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if matches.count > 1 {
      matches.sort { ($0.end, $0.start, $0.pattern) < ($1.end, $1.start, $1.pattern) }
    }
    for match in matches { found(match) }
  }

  /// The filter tables, read through pointers.
  private struct FilterView {
    var bucketStart: UnsafeBufferPointer<Int32>
    var bucketPatterns: UnsafeBufferPointer<Int32>
    var bucketUsed: UnsafeBufferPointer<UInt64>
    var gate4: UnsafeBufferPointer<UInt64>
    var needleBytes: UnsafeBufferPointer<UInt8>
    var needleStart: UnsafeBufferPointer<Int32>
    var heads: UnsafeBufferPointer<UInt64>
    var headMasks: UnsafeBufferPointer<UInt64>
    var boundaries: UnsafeBufferPointer<UInt8>
  }

  /// The whole-word matches that start in the `n` bytes of the folded text (with a readable
  /// byte before it and 23 after), in order of their start.
  private static func filterMatches(
    _ t: FilterView, folded raw: UnsafeRawPointer, text: UnsafeBufferPointer<UInt8>, count n: Int, wordStartsOnly: Bool
  ) -> [Match] {
    var matches: [Match] = []
    // Room for the usual few at once (growing from nothing reallocates three or four times).
    matches.reserveCapacity(16)
    let folded = raw.assumingMemoryBound(to: UInt8.self)
    for i in 0...(n - 3) {
      // No needle starts with a space (phrases are folded), nor, when `wordStartsOnly`, between
      // two letters or digits (the byte before the first position is a space).
      let here = folded[i]
      if here == ASCII.space || wordStartsOnly && ASCII.isAlnum(here) && ASCII.isAlnum(folded[i - 1]) { continue }
      look(t, at: i, folded: raw, text: text, count: n, into: &matches)
    }
    return matches
  }

  /// Adds the whole-word matches that start at `i` of the folded text.
  @inline(__always) private static func look(
    _ t: FilterView, at i: Int, folded raw: UnsafeRawPointer, text: UnsafeBufferPointer<UInt8>, count n: Int,
    into matches: inout [Match]
  ) {
    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
    // The padding zeros read past the end never complete a needle (`end <= n` below).
    let g = hash4(UInt32(truncatingIfNeeded: word))
    let b = bucket(UInt32(truncatingIfNeeded: word) & 0x00FF_FFFF)
    guard t.gate4[g >> 6] & (1 << UInt64(g & 63)) != 0 || t.bucketUsed[b >> 6] & (1 << UInt64(b & 63)) != 0 else { return }
    for k in Int(t.bucketStart[b])..<Int(t.bucketStart[b + 1]) {
      let p = Int(t.bucketPatterns[k])
      guard word & t.headMasks[p] == t.heads[p] else { continue }
      let from = Int(t.needleStart[p])
      let length = Int(t.needleStart[p + 1]) - from
      let end = i + length
      guard end <= n, length <= 8 || same(t.needleBytes, from: from + 8, count: length - 8, raw, at: i + 8) else { continue }
      // A letter or digit touching the match on a side where the phrase is closed rejects it.
      let rule = t.boundaries[p]
      if rule & 1 != 0, i > 0, ASCII.isAlnum(text[i - 1]) { continue }
      if rule & 2 != 0, end < n, ASCII.isAlnum(text[end]) { continue }
      matches.append(Match(pattern: p, start: i, end: end))
    }
  }

  /// True when the `count` needle bytes at `from` are at `offset` in the folded text, compared
  /// eight at a time (both buffers have seven zero bytes after their last byte, and the text
  /// holds the whole needle from `offset`).
  @inline(__always) private static func same(
    _ needles: UnsafeBufferPointer<UInt8>, from: Int, count: Int, _ text: UnsafeRawPointer, at offset: Int
  ) -> Bool {
    precondition(from + count + 7 <= needles.count)
    let needle = UnsafeRawPointer(needles.baseAddress!)
    var j = 0
    while j < count {
      let left = count - j
      let mask: UInt64 = left >= 8 ? ~0 : (1 << UInt64(8 * left)) - 1
      let a = UInt64(littleEndian: needle.loadUnaligned(fromByteOffset: from + j, as: UInt64.self))
      let b = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: offset + j, as: UInt64.self))
      if (a ^ b) & mask != 0 { return false }
      j += 8
    }
    return true
  }

  /// Writes the first `n` bytes of `text` as ``folded(_:)`` gives them, sixteen at a time.
  private static func fold(_ text: UnsafeBufferPointer<UInt8>, count n: Int, into out: UnsafeMutablePointer<UInt8>) {
    var i = 0
    if let base = text.baseAddress {
      let raw = UnsafeRawPointer(base)
      let a = SIMD16<UInt8>(repeating: 0x41)
      let letters = SIMD16<UInt8>(repeating: 26)
      let caseBit = SIMD16<UInt8>(repeating: 0x20)
      let space = SIMD16<UInt8>(repeating: ASCII.space)
      while i + 16 <= n {
        var v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
        v.replace(with: v | caseBit, where: (v &- a) .< letters)
        v.replace(with: space, where: (v .== SIMD16(repeating: ASCII.tab)) .| (v .== SIMD16(repeating: ASCII.lf)) .| (v .== SIMD16(repeating: ASCII.cr)))
        UnsafeMutableRawPointer(out).storeBytes(of: v, toByteOffset: i, as: SIMD16<UInt8>.self)
        i += 16
      }
    }
    while i < n {
      out[i] = folded(text[i])
      i += 1
    }
  }

  /// A text byte as the needles are written: ASCII lower case, tab, CR and LF read as a space.
  @inline(__always) private static func folded(_ raw: UInt8) -> UInt8 {
    let byte = ASCII.lower(raw)
    return byte == ASCII.tab || byte == ASCII.lf || byte == ASCII.cr ? ASCII.space : byte
  }

  private func report(
    _ pattern: Int, endingAt last: Int, in text: UnsafeBufferPointer<UInt8>, limit: Int, _ found: (Match) -> Void
  ) {
    let start = last + 1 - Int(needleStart[pattern + 1] - needleStart[pattern])
    guard start >= 0, isWholeWord(pattern, start: start, end: last + 1, in: text, limit: limit) else { return }
    found(Match(pattern: pattern, start: start, end: last + 1))
  }

  /// True unless a letter or digit touches the match on a side where the phrase is closed.
  @inline(__always) private func isWholeWord(
    _ pattern: Int, start: Int, end: Int, in text: UnsafeBufferPointer<UInt8>, limit: Int
  ) -> Bool {
    let rule = boundaries[pattern]
    if rule & 1 != 0, start > 0, ASCII.isAlnum(text[start - 1]) { return false }
    if rule & 2 != 0, end < limit, ASCII.isAlnum(text[end]) { return false }
    return true
  }
}
