/// Finds every phrase of every rule in a text in one pass: an Aho–Corasick automaton over
/// ASCII-lower-cased UTF-8 bytes (other bytes, such as Japanese, compared as they are).
///
/// Time is linear in the text plus the number of matches; no backtracking, no regular
/// expressions. Only the first bytes of a text are read (``DecodeLimits/maxScannedTextBytes``,
/// 64 KiB by default): server answers are short, and the cap keeps a hostile message from
/// costing more.
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

  /// Builds the automaton. Patterns are used by index; equal needles may repeat.
  init(patterns: [Phrase]) {
    self.patterns = patterns
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

  private func report(
    _ pattern: Int, endingAt last: Int, in text: UnsafeBufferPointer<UInt8>, limit: Int, _ found: (Match) -> Void
  ) {
    let phrase = patterns[pattern]
    let start = last + 1 - phrase.needle.count
    guard start >= 0 else { return }
    if !phrase.openStart, let first = phrase.needle.first, ASCII.isAlnum(first), start > 0, ASCII.isAlnum(text[start - 1]) {
      return
    }
    if !phrase.openEnd, let final = phrase.needle.last, ASCII.isAlnum(final), last + 1 < limit, ASCII.isAlnum(text[last + 1]) {
      return
    }
    found(Match(pattern: pattern, start: start, end: last + 1))
  }
}
