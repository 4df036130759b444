import Dispatch
import Synchronization

/// Runs a function over every item of a ``MessageInput`` on several cores and hands the outputs
/// back on the calling thread, in input order (or as they finish, when `ordered` is false).
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
  /// The number of worker threads.
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

  /// Calls `process` on every item (on worker threads) and `consume` on each output (on the
  /// calling thread), then returns.
  public func run<Output: Sendable>(
    _ input: MessageInput,
    process: @escaping @Sendable (InputItem) -> Output,
    consume: (Output) -> Void
  ) {
    if jobs == 1 {
      for item in input { consume(process(item)) }
      return
    }
    let pipeline = Pipeline<Output>(capacity: jobs * 4)
    let group = DispatchGroup()
    let workers = jobs
    // The byte budget, in units of 1 MiB: the reader takes an item's units before queueing it,
    // the consumer gives them back once the item's output is consumed.
    let unit = 1 << 20
    let budget = max(1, maxInFlightBytes / unit)
    let bytesFree = DispatchSemaphore(value: budget)
    DispatchQueue.global().async(group: group) {
      var sequence = 0
      for item in input {
        pipeline.slots.wait()
        let units = Self.units(of: item, unit: unit, budget: budget)
        for _ in 0..<units { bytesFree.wait() }
        pipeline.enqueue(sequence, item, units: units)
        sequence += 1
      }
      for _ in 0..<workers { pipeline.enqueueEnd() }
      pipeline.finishReading(total: sequence)
    }
    for _ in 0..<workers {
      DispatchQueue.global().async(group: group) {
        while let (sequence, item, units) = pipeline.dequeue() {
          pipeline.deliver(sequence, process(item), units: units)
        }
      }
    }
    var next = 0
    var pending: [Int: (Output, Int)] = [:]
    func release(_ units: Int) {
      for _ in 0..<units { bytesFree.signal() }
      pipeline.slots.signal()
    }
    while true {
      pipeline.resultsReady.wait()
      let (batch, total) = pipeline.takeResults()
      for (sequence, output, units) in batch {
        if ordered {
          pending[sequence] = (output, units)
        } else {
          consume(output)
          next += 1
          release(units)
        }
      }
      if ordered {
        while let (output, units) = pending.removeValue(forKey: next) {
          consume(output)
          next += 1
          release(units)
        }
      }
      if let total, next == total { break }
    }
    group.wait()
  }

  /// The budget units an item holds while in flight: its size in whole units (at least one),
  /// never more than the whole budget.
  static func units(of item: InputItem, unit: Int, budget: Int) -> Int {
    guard case .message(let message) = item else { return 1 }
    return min(budget, max(1, (message.bytes.count + unit - 1) / unit))
  }
}

/// The queues between the reader, the workers and the consumer.
private final class Pipeline<Output: Sendable>: Sendable {
  private struct State {
    var work: [(Int, InputItem, Int)?] = []
    var workHead = 0
    var results: [(Int, Output, Int)] = []
    var total: Int? = nil
  }

  /// Free places for items read ahead; the reader waits on it, the consumer signals it.
  let slots: DispatchSemaphore
  /// Signalled once per item (or end marker) queued for the workers.
  private let workReady = DispatchSemaphore(value: 0)
  /// Signalled once per output and once when reading ends.
  let resultsReady = DispatchSemaphore(value: 0)
  private let state = Mutex(State())

  init(capacity: Int) {
    slots = DispatchSemaphore(value: capacity)
  }

  func enqueue(_ sequence: Int, _ item: InputItem, units: Int) {
    state.withLock { $0.work.append((sequence, item, units)) }
    workReady.signal()
  }

  func enqueueEnd() {
    state.withLock { $0.work.append(nil) }
    workReady.signal()
  }

  /// The next item for a worker; nil when the reader has finished.
  func dequeue() -> (Int, InputItem, Int)? {
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

  func deliver(_ sequence: Int, _ output: Output, units: Int) {
    state.withLock { $0.results.append((sequence, output, units)) }
    resultsReady.signal()
  }

  func finishReading(total: Int) {
    state.withLock { $0.total = total }
    resultsReady.signal()
  }

  /// Every output delivered so far, and the number of items once reading has ended.
  func takeResults() -> ([(Int, Output, Int)], Int?) {
    state.withLock { s in
      let batch = s.results
      s.results.removeAll(keepingCapacity: true)
      return (batch, s.total)
    }
  }
}
