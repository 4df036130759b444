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
    // Every thread that decodes also reads: it takes the next batch from the shared input under
    // a lock, so the messages are read on the core that decodes them and freed by the thread
    // that made them. The calling thread decodes too, and consumes. (A reading thread of its
    // own made one more thread than cores and handed every message from core to core: `--jobs 2`
    // spent 10–20% more CPU time than `--jobs 1` that way.)
    let scan = SharedScan<Output>(input, jobs: jobs, maxInFlightBytes: maxInFlightBytes)
    let group = DispatchGroup()
    for _ in 1..<jobs {
      DispatchQueue.global().async(group: group) {
        while true {
          switch scan.take(waiting: true) {
          case .batch(let sequence, let batch, let units):
            scan.deliver(sequence, batch.map(process), units: units)
          case .wait: scan.roomReady.wait()
          case .end: return
          }
        }
      }
    }
    var next = 0
    var pending: [Int: ([Output], Int)] = [:]
    var finished: [Int] = []
    func arrived(_ sequence: Int, _ outputs: [Output], _ units: Int) {
      if ordered {
        pending[sequence] = (outputs, units)
      } else {
        for output in outputs { consume(output) }
        finished.append(units)
      }
    }
    while true {
      switch scan.take(waiting: false) {
      case .batch(let sequence, let batch, let units):
        arrived(sequence, batch.map(process), units)
      case .wait:
        // Nothing to read until outputs are consumed: a worker holds the next one.
        if !ordered || pending[next] == nil { scan.resultsReady.wait() }
      case .end(let inFlight):
        guard inFlight > 0 else {
          group.wait()
          return
        }
        if !ordered || pending[next] == nil { scan.resultsReady.wait() }
      }
      for (sequence, outputs, units) in scan.takeResults() { arrived(sequence, outputs, units) }
      while ordered, let (outputs, units) = pending.removeValue(forKey: next) {
        for output in outputs { consume(output) }
        finished.append(units)
        next += 1
      }
      if !finished.isEmpty {
        scan.release(finished)
        finished.removeAll(keepingCapacity: true)
      }
    }
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

/// What the threads of a parallel scan share: the input, read a batch at a time under a lock
/// by whichever thread needs work, the count of batches and bytes in flight, and the outputs
/// on their way to the calling thread.
private final class SharedScan<Output: Sendable>: Sendable {
  enum Take {
    /// A batch to decode: its place in the input, its items and its budget units.
    case batch(Int, [InputItem], Int)
    /// Nothing can be read until outputs are consumed.
    case wait
    /// Nothing is left to read; `inFlight` batches are not consumed yet.
    case end(inFlight: Int)
  }

  private struct State {
    var items: MessageInput.Iterator
    var held: InputItem? = nil
    var exhausted = false
    var sequence = 0
    var inFlight = 0
    var inFlightUnits = 0
    /// Workers waiting on `roomReady`.
    var waiting = 0
    var results: [(Int, [Output], Int)] = []
  }

  private let state: Mutex<State>
  /// Signalled once per batch of outputs delivered by a worker.
  let resultsReady = DispatchSemaphore(value: 0)
  /// Signalled for waiting workers once outputs are consumed.
  let roomReady = DispatchSemaphore(value: 0)
  /// At most `capacity` batches in flight (read and not yet consumed), and `budget` units of
  /// 64 KiB of message bytes: an item that would go over the byte budget waits until the items
  /// before it are consumed. Batches hold up to 24 messages or 1 MiB: every thread takes its
  /// own, so a batch costs no wake-up, and small ones leave less for one thread alone at the
  /// end (batches of 64 made `--jobs 2` 5–9% slower).
  private let capacity: Int
  private let budget: Int
  private static var unit: Int { 64 << 10 }
  private static var batchItems: Int { 24 }
  private static var batchBytes: Int { 1 << 20 }

  init(_ input: MessageInput, jobs: Int, maxInFlightBytes: Int) {
    state = Mutex(State(items: input.makeIterator()))
    capacity = jobs * 3
    budget = max(1, maxInFlightBytes / Self.unit)
  }

  /// The next batch, counted in flight. A worker that is told to wait is counted among those
  /// ``release(_:)`` wakes (`waiting`); the calling thread waits for outputs instead.
  func take(waiting: Bool) -> Take {
    state.withLock { s in
      if s.exhausted, s.held == nil { return .end(inFlight: s.inFlight) }
      guard s.inFlight < capacity else {
        if waiting { s.waiting += 1 }
        return .wait
      }
      var batch: [InputItem] = []
      var bytes = 0
      var units = 0
      while batch.count < Self.batchItems, bytes < Self.batchBytes {
        guard let item = s.held ?? s.items.next() else {
          s.exhausted = true
          break
        }
        let itemUnits = ParallelScanner.units(of: item, unit: Self.unit, budget: budget)
        // Nothing in flight: a first item always fits.
        if s.inFlight > 0 || !batch.isEmpty, s.inFlightUnits + units + itemUnits > budget {
          s.held = item
          break
        }
        s.held = nil
        batch.append(item)
        bytes += ParallelScanner.bytes(of: item)
        units += itemUnits
      }
      guard !batch.isEmpty else {
        if s.exhausted, s.held == nil { return .end(inFlight: s.inFlight) }
        if waiting { s.waiting += 1 }
        return .wait
      }
      s.inFlight += 1
      s.inFlightUnits += units
      defer { s.sequence += 1 }
      return .batch(s.sequence, batch, units)
    }
  }

  func deliver(_ sequence: Int, _ outputs: [Output], units: Int) {
    state.withLock { $0.results.append((sequence, outputs, units)) }
    resultsReady.signal()
  }

  /// Every output delivered so far.
  func takeResults() -> [(Int, [Output], Int)] {
    state.withLock { s in
      guard !s.results.isEmpty else { return [] }
      let batch = s.results
      s.results.removeAll(keepingCapacity: true)
      return batch
    }
  }

  /// Ends consumed batches (of these budget units) and wakes the workers waiting for room.
  func release(_ finished: [Int]) {
    let woken = state.withLock { s in
      s.inFlight -= finished.count
      s.inFlightUnits -= finished.reduce(0, +)
      defer { s.waiting = 0 }
      return s.waiting
    }
    for _ in 0..<woken { roomReady.signal() }
  }
}
