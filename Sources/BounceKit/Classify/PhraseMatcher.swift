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
    // Build a trie with per-state dictionaries first, then freeze it into sorted arrays.
    var children: [[UInt8: Int32]] = [[:]]
    var out: [Int32] = [-1]
    var extraOutputs: [Int: [Int32]] = [:]
    for (index, pattern) in patterns.enumerated() {
      var state: Int32 = 0
      for byte in pattern.needle {
        if let next = children[Int(state)][byte] {
          state = next
        } else {
          children.append([:])
          out.append(-1)
          let next = Int32(children.count - 1)
          children[Int(state)][byte] = next
          state = next
        }
      }
      if out[Int(state)] < 0 { out[Int(state)] = Int32(index) } else { extraOutputs[Int(state), default: []].append(Int32(index)) }
    }
    let stateCount = children.count
    edgeStart.reserveCapacity(stateCount + 1)
    for state in 0..<stateCount {
      edgeStart.append(Int32(edgeBytes.count))
      for (byte, target) in children[state].sorted(by: { $0.key < $1.key }) {
        edgeBytes.append(byte)
        edgeTargets.append(target)
      }
    }
    edgeStart.append(Int32(edgeBytes.count))
    output = out
    duplicates = [[Int32]](repeating: [], count: stateCount)
    for (state, more) in extraOutputs { duplicates[state] = more }
    failure = [Int32](repeating: 0, count: stateCount)
    outputLink = [Int32](repeating: -1, count: stateCount)
    for (byte, target) in children[0] { rootNext[Int(byte)] = target }
    // Breadth-first: a state's failure is the longest proper suffix that is also in the trie.
    var queue: [Int32] = []
    queue.reserveCapacity(stateCount)
    for (_, target) in children[0] { queue.append(target) }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      for (byte, target) in children[Int(state)] {
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
