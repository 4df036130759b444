import Dispatch
import Synchronization

/// Runs a function over every item of a ``MessageInput`` on several cores and hands the outputs
/// back on the calling thread, in input order (or as they finish, when `ordered` is false). The
/// calling thread decodes too: `jobs` threads decode in all.
///
/// Memory stays bounded: at most a few items per worker, and at most ``maxInFlightBytes`` of
/// message bytes, are read ahead of the consumer. With one job everything runs on the calling
/// thread, with no threads at all.
///
/// ```swift
/// let scanner = ParallelScanner(jobs: 4)
/// scanner.run(MessageInput(paths: paths), process: { item in analyse(item) }, consume: { print($0) })
/// ```
public struct ParallelScanner: Sendable {
  /// The number of threads that decode: the calling thread and `jobs - 1` workers.
  public var jobs: Int
  /// Whether outputs are handed back in input order.
  public var ordered: Bool
  /// Most message bytes read ahead and not yet consumed (64 MiB by default): an mbox of
  /// messages at the 16 MiB limit is not read faster than it is decoded. A single larger
  /// message is still read, alone.
  public var maxInFlightBytes: Int = 64 << 20

  /// Creates a scanner; `jobs` below 1 counts as 1.
  public init(jobs: Int, ordered: Bool = true) {
    self.jobs = max(1, jobs)
    self.ordered = ordered
  }

  /// Calls `process` on every item (on the calling thread and the workers) and `consume` on
  /// each output (on the calling thread), then returns.
  public func run<Output: Sendable>(
    _ input: MessageInput,
    process: @escaping @Sendable (InputItem) -> Output,
    consume: (Output) -> Void
  ) {
    if jobs == 1 {
      for item in input { consume(process(item)) }
      return
    }
    // The calling thread reads, decodes a share of the batches itself and consumes; `jobs - 1`
    // workers only decode. A thread of its own for reading (the design before) made one more
    // thread than cores: it took its turns from the workers, and every batch woke it up, which
    // on a virtual machine costs more than the batch's reading. Items travel in batches, so that
    // threads wake once per batch, not per message.
    let workers = jobs - 1
    let pipeline = Pipeline<Output>()
    let group = DispatchGroup()
    for _ in 0..<workers {
      DispatchQueue.global().async(group: group) {
        while let (sequence, batch, units) = pipeline.dequeue() {
          pipeline.deliver(sequence, batch.map(process), units: units)
        }
      }
    }
    // At most `capacity` batches are in flight (queued, being decoded or waiting to be
    // consumed), `queueTarget` of them queued for the workers, and `budget` units of 64 KiB of
    // message bytes; an item that would go over the byte budget waits until the items before it
    // are consumed. Batches hold up to 64 messages.
    let capacity = jobs * 3
    let queueTarget = workers * 2
    let unit = 64 << 10
    let budget = max(1, maxInFlightBytes / unit)
    let batchItems = 64
    let batchBytes = 1 << 20
    var items = input.makeIterator()
    var held: InputItem? = nil
    var exhausted = false
    var sequence = 0
    var next = 0
    var inFlight = 0
    var inFlightUnits = 0
    var queued = 0
    var pending: [Int: ([Output], Int)] = [:]
    func finish(_ outputs: [Output], _ units: Int) {
      for output in outputs { consume(output) }
      next += 1
      inFlight -= 1
      inFlightUnits -= units
    }
    func arrived(_ sequence: Int, _ outputs: [Output], _ units: Int) {
      if ordered {
        pending[sequence] = (outputs, units)
      } else {
        finish(outputs, units)
      }
    }
    /// The next batch, counted in flight; nil when nothing is left or the budget holds it back.
    func readBatch() -> (sequence: Int, items: [InputItem], units: Int)? {
      guard !exhausted, inFlight < capacity else { return nil }
      var batch: [InputItem] = []
      var bytes = 0
      var units = 0
      while batch.count < batchItems, bytes < batchBytes {
        guard let item = held ?? items.next() else {
          exhausted = true
          break
        }
        let itemUnits = Self.units(of: item, unit: unit, budget: budget)
        // Nothing in flight: a first item always fits.
        if inFlight > 0 || !batch.isEmpty, inFlightUnits + units + itemUnits > budget {
          held = item
          break
        }
        held = nil
        batch.append(item)
        bytes += Self.bytes(of: item)
        units += itemUnits
      }
      guard !batch.isEmpty else { return nil }
      defer { sequence += 1 }
      inFlight += 1
      inFlightUnits += units
      return (sequence, batch, units)
    }
    while true {
      var busy = false
      // Keep the workers fed first, then decode one batch here.
      while queued < queueTarget, let (s, batch, units) = readBatch() {
        pipeline.enqueue(s, batch, units: units)
        queued += 1
        busy = true
      }
      if let (s, batch, units) = readBatch() {
        arrived(s, batch.map(process), units)
        busy = true
      }
      // With nothing to read or decode here, wait for a worker.
      if !busy {
        guard inFlight > 0 else { break }
        pipeline.resultsReady.wait()
      }
      for (s, outputs, units) in pipeline.takeResults() {
        queued -= 1
        arrived(s, outputs, units)
      }
      while ordered, let (outputs, units) = pending.removeValue(forKey: next) { finish(outputs, units) }
    }
    for _ in 0..<workers { pipeline.enqueueEnd() }
    group.wait()
  }

  /// The message bytes an item carries (0 for a failure).
  static func bytes(of item: InputItem) -> Int {
    guard case .message(let message) = item else { return 0 }
    return message.bytes.count
  }

  /// The budget units an item holds while in flight: its size in whole units (at least one,
  /// also for a failure), never more than the whole budget.
  static func units(of item: InputItem, unit: Int, budget: Int) -> Int {
    min(budget, max(1, (bytes(of: item) + unit - 1) / unit))
  }
}

/// The queues between the reader, the workers and the consumer.
private final class Pipeline<Output: Sendable>: Sendable {
  private struct State {
    var work: [(Int, [InputItem], Int)?] = []
    var workHead = 0
    var results: [(Int, [Output], Int)] = []
  }

  /// Signalled once per batch (or end marker) queued for the workers.
  private let workReady = DispatchSemaphore(value: 0)
  /// Signalled once per batch of outputs.
  let resultsReady = DispatchSemaphore(value: 0)
  private let state = Mutex(State())

  func enqueue(_ sequence: Int, _ batch: [InputItem], units: Int) {
    state.withLock { $0.work.append((sequence, batch, units)) }
    workReady.signal()
  }

  func enqueueEnd() {
    state.withLock { $0.work.append(nil) }
    workReady.signal()
  }

  /// The next batch for a worker; nil when reading has finished.
  func dequeue() -> (Int, [InputItem], Int)? {
    workReady.wait()
    return state.withLock { s in
      let entry = s.work[s.workHead]
      s.work[s.workHead] = nil
      s.workHead += 1
      if s.workHead > 1024, s.workHead * 2 > s.work.count {
        s.work.removeFirst(s.workHead)
        s.workHead = 0
      }
      return entry
    }
  }

  func deliver(_ sequence: Int, _ outputs: [Output], units: Int) {
    state.withLock { $0.results.append((sequence, outputs, units)) }
    resultsReady.signal()
  }

  /// Every output delivered so far.
  func takeResults() -> [(Int, [Output], Int)] {
    state.withLock { s in
      let batch = s.results
      s.results.removeAll(keepingCapacity: true)
      return batch
    }
  }
}
