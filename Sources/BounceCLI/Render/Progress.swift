#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress line on standard error for long scans: messages, bytes and rate, redrawn at most
/// a few times a second, and erased at the end.
final class ProgressMeter {
  private let enabled: Bool
  private let start: Double
  private var lastDraw: Double = 0
  private var drawn = false
  private var messages = 0
  private var bytes = 0

  init(enabled: Bool) {
    self.enabled = enabled
    self.start = ProgressMeter.now()
  }

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  func update(messages: Int, bytes: Int) {
    guard enabled else { return }
    self.messages = messages
    self.bytes = bytes
    let t = ProgressMeter.now()
    // Short scans finish before the first draw: no line at all.
    guard t - start >= 0.5, t - lastDraw >= 0.25 else { return }
    lastDraw = t
    draw(elapsed: t - start)
  }

  func finish() {
    guard enabled, drawn else { return }
    writeAll(2, Array("\r\u{1B}[K".utf8))
  }

  private func draw(elapsed: Double) {
    let rate = elapsed > 0 ? Double(messages) / elapsed : 0
    let mb = Double(bytes) / 1_048_576
    let line = "\r\u{1B}[K\(messages) messages, \(format(mb)) MB, \(Int(rate)) msg/s"
    writeAll(2, Array(line.utf8))
    drawn = true
  }

  private func format(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}

/// The number of cores available, without Foundation's ProcessInfo.
enum ProcessInfoLite {
  static var activeProcessorCount: Int {
    let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    return n > 0 ? n : 1
  }
}
