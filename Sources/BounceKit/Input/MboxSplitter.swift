/// Splits a stream into messages, one block at a time: a Unix mbox, or a message file that
/// holds more than one message.
///
/// A message starts at the very beginning of the stream (with or without a `From ` line) and
/// at every later `From ` line that looks like an envelope line (`From sender date`, with a
/// clock time) and either follows a blank line or is directly followed by a header field (a
/// bounce pasted under a separator line in a notice). In a stream that began with a `From ` line (an mbox),
/// lines of the form `>From `, `>>From `… lose one `>` (mboxrd quoting). Memory is bounded by
/// one message: bytes past `maxMessageBytes` are dropped and the message is marked truncated.
struct MboxSplitter {
  private var current: [UInt8] = []
  private var partialLine: [UInt8] = []
  private var started = false
  private var truncated = false
  private var atStreamStart = true
  private var pendingTrailingBlank = false
  private var previousLineBlank = true
  /// An envelope-looking line that did not follow a blank line, held until the next line shows
  /// whether a message starts there.
  private var heldEnvelope: [UInt8]? = nil
  /// True once the stream is known to be an mbox (it began with a `From ` line).
  private(set) var isMbox = false
  let maxMessageBytes: Int

  init(maxMessageBytes: Int) {
    self.maxMessageBytes = maxMessageBytes
  }

  /// Feeds normalised (LF-only) bytes; calls `emit` for every message completed.
  mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, emit: ([UInt8], Bool) -> Void) {
    var lineStart = 0
    let n = bytes.count
    // Consecutive ordinary lines (not blank, not starting with `F` or `>`, nothing held back)
    // are appended as one run: the same bytes, and the same cut at the size limit, as one
    // append per line.
    var runStart = -1
    var scanAhead = true
    func flushRun(upTo end: Int) {
      guard runStart >= 0 else { return }
      append(UnsafeBufferPointer(rebasing: bytes[runStart..<end]), blank: false)
      runStart = -1
    }
    while lineStart < n {
      // The ordinary lines up to the next one that starts with `F` or `>`, or is blank, in one
      // scan: all of them complete lines of the run (the last one's break is found).
      // Once no such line is left in the block the scan is not tried again (that would read
      // the block's tail once per line).
      if scanAhead, partialLine.isEmpty, heldEnvelope == nil, !pendingTrailingBlank {
        let first = bytes[lineStart]
        if first != 0x46, first != ASCII.greaterThan, first != ASCII.lf {
          let lf = LineStartScan.nextBreak(before: 0x46, ASCII.greaterThan, ASCII.lf, in: bytes, from: lineStart)
          if lf < n {
            if runStart < 0 {
              runStart = lineStart
              atStreamStart = false
              previousLineBlank = false
            }
            lineStart = lf + 1
            continue
          }
          scanAhead = false
        }
      }
      let end = ByteScan.firstOrEnd(ASCII.lf, in: bytes, from: lineStart)
      if end == n {
        flushRun(upTo: lineStart)
        appendPartial(UnsafeBufferPointer(rebasing: bytes[lineStart..<n]))
        return
      }
      let first = bytes[lineStart]
      // A line that starts with `F` or `>` but is no `From ` line (quoted or not), such as
      // `Final-Recipient:`, is appended as it is too: it joins the run.
      if end > lineStart, partialLine.isEmpty, heldEnvelope == nil, !pendingTrailingBlank,
        (first != 0x46 && first != ASCII.greaterThan) || Self.isPlain(bytes, from: lineStart, to: end)
      {
        if runStart < 0 {
          runStart = lineStart
          atStreamStart = false
          previousLineBlank = false
        }
        lineStart = end + 1
        continue
      }
      // A blank line directly followed, in this block, by an ordinary line joins the run with
      // it: the blank line is held back only until the next line shows that no message
      // starts there, and then goes in before it.
      if end == lineStart, end + 1 < n, partialLine.isEmpty, heldEnvelope == nil, !pendingTrailingBlank {
        let nextEnd = ByteScan.firstOrEnd(ASCII.lf, in: bytes, from: end + 1)
        let nextFirst = bytes[end + 1]
        if nextEnd < n, nextEnd > end + 1,
          (nextFirst != 0x46 && nextFirst != ASCII.greaterThan) || Self.isPlain(bytes, from: end + 1, to: nextEnd)
        {
          if runStart < 0 {
            runStart = lineStart
            atStreamStart = false
          }
          previousLineBlank = false
          lineStart = nextEnd + 1
          continue
        }
      }
      flushRun(upTo: lineStart)
      let line = UnsafeBufferPointer(rebasing: bytes[lineStart...end])
      if partialLine.isEmpty {
        handleLine(line, emit: emit)
      } else {
        appendPartial(line)
        let whole = partialLine
        partialLine.removeAll(keepingCapacity: true)
        whole.withUnsafeBufferPointer { handleLine($0, emit: emit) }
      }
      lineStart = end + 1
    }
    flushRun(upTo: n)
  }

  /// Ends the stream and emits the last message, if any.
  mutating func finish(emit: ([UInt8], Bool) -> Void) {
    if !partialLine.isEmpty {
      var whole = partialLine
      partialLine = []
      whole.append(ASCII.lf)
      whole.withUnsafeBufferPointer { handleLine($0, emit: emit) }
    }
    if let held = heldEnvelope {
      heldEnvelope = nil
      held.withUnsafeBufferPointer { appendLine($0) }
    }
    // In an mbox the last blank line is the separator; in a message file it is content.
    if pendingTrailingBlank && !isMbox {
      append(UnsafeBufferPointer(start: nil, count: 0), blank: true)
      pendingTrailingBlank = false
    }
    if started || !current.isEmpty {
      emit(current, truncated)
    }
    current = []
    started = false
  }

  private mutating func appendPartial(_ bytes: UnsafeBufferPointer<UInt8>) {
    // A line longer than a whole message is cut; the message is marked truncated.
    let room = maxMessageBytes - partialLine.count
    if room >= bytes.count {
      partialLine.append(contentsOf: bytes)
    } else {
      if room > 0 { partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<room])) }
      truncated = true
    }
  }

  private mutating func handleLine(_ line: UnsafeBufferPointer<UInt8>, emit: ([UInt8], Bool) -> Void) {
    if let held = heldEnvelope {
      heldEnvelope = nil
      if Self.looksLikeHeaderField(line) {
        startMessage(emit: emit)
      } else {
        held.withUnsafeBufferPointer { appendLine($0) }
        previousLineBlank = false
      }
    }
    let isFromLine = line.count >= 5 && line[0] == 0x46 && line[1] == 0x72 && line[2] == 0x6F
      && line[3] == 0x6D && line[4] == ASCII.space
    if isFromLine && (atStreamStart || previousLineBlank && Self.looksLikeEnvelope(line)) {
      if atStreamStart { isMbox = true }
      startMessage(emit: emit)
      return
    }
    if isFromLine && Self.looksLikeEnvelope(line) {
      heldEnvelope = Array(line)
      return
    }
    appendLine(line)
  }

  private mutating func startMessage(emit: ([UInt8], Bool) -> Void) {
    if started || !current.isEmpty {
      emit(current, truncated)
    }
    current = []
    // Room for a typical message at once: growing from nothing copies it several times.
    current.reserveCapacity(min(maxMessageBytes, Self.initialCapacity))
    truncated = false
    started = true
    atStreamStart = false
    pendingTrailingBlank = false
    previousLineBlank = false
  }

  private mutating func appendLine(_ line: UnsafeBufferPointer<UInt8>) {
    atStreamStart = false
    previousLineBlank = line.count == 1
    // The blank line that separates messages belongs to no message: hold it back until the
    // next line shows whether another message begins.
    if pendingTrailingBlank {
      append(UnsafeBufferPointer(start: nil, count: 0), blank: true)
      pendingTrailingBlank = false
    }
    if line.count == 1 {
      pendingTrailingBlank = true
      return
    }
    var body = line
    if isMbox && line[0] == ASCII.greaterThan {
      var i = 0
      while i < line.count, line[i] == ASCII.greaterThan { i += 1 }
      if line.count - i >= 5 && line[i] == 0x46 && line[i + 1] == 0x72 && line[i + 2] == 0x6F
        && line[i + 3] == 0x6D && line[i + 4] == ASCII.space
      {
        body = UnsafeBufferPointer(rebasing: line[1...])
      }
    }
    append(body, blank: false)
  }

  private mutating func append(_ line: UnsafeBufferPointer<UInt8>, blank: Bool) {
    let count = blank ? 1 : line.count
    let room = maxMessageBytes - current.count
    if count > room {
      // Keep what fits, so that the message read is a true prefix with no gap in it.
      truncated = true
      if !blank, room > 0 { current.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<room])) }
      return
    }
    if blank { current.append(ASCII.lf) } else { current.append(contentsOf: line) }
  }

  /// Bytes reserved for each message of an mbox when it starts.
  static var initialCapacity: Int { 16 << 10 }

  /// True when the non-blank line from `start` to its LF at `end` is appended as it is
  /// whatever the state: after any `>`, it does not go on with `From ` (so it is neither an
  /// envelope nor a quoted one).
  static func isPlain(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
    var i = start
    while i < end, b[i] == ASCII.greaterThan { i += 1 }
    return end - i < 5 || b[i] != 0x46 || b[i + 1] != 0x72 || b[i + 2] != 0x6F || b[i + 3] != 0x6D
      || b[i + 4] != ASCII.space
  }

  /// `Name: value` with a field name of letters, digits and hyphens.
  static func looksLikeHeaderField(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i < line.count, ASCII.isAlnum(line[i]) || line[i] == ASCII.hyphen { i += 1 }
    return i > 0 && i < line.count && line[i] == ASCII.colon
  }

  /// `From sender Thu Jan  1 00:00:00 2026`: an envelope line carries a clock time.
  static func looksLikeEnvelope(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    guard line.count >= 10 else { return false }
    var i = 5
    while i + 4 < line.count {
      if line[i + 2] == ASCII.colon, ASCII.isDigit(line[i]), ASCII.isDigit(line[i + 1]),
        ASCII.isDigit(line[i + 3]), ASCII.isDigit(line[i + 4])
      {
        return true
      }
      i += 1
    }
    return false
  }
}
