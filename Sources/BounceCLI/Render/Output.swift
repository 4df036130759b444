#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A buffered writer to standard output or standard error, as UTF-8.
final class Output {
  private var buffer: [UInt8] = []
  private let fd: Int32
  private let flushAt: Int

  init(fd: Int32, flushAt: Int = 1 << 16) {
    self.fd = fd
    self.flushAt = flushAt
    buffer.reserveCapacity(flushAt + 1024)
  }

  /// Standard output.
  static func standardOutput() -> Output { Output(fd: 1) }

  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= flushAt { flush() }
  }

  func write(bytes: [UInt8]) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= flushAt { flush() }
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    writeAll(fd, buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  deinit { flush() }
}

/// Writes one line to standard error. The message may quote file names found in folders,
/// which can hold any byte but `/` and NUL: it is made safe for a terminal first.
func printError(_ message: String) {
  writeAll(2, Array(errorLine(message).utf8))
}

/// The line ``printError(_:)`` writes.
func errorLine(_ message: String) -> String {
  "bounce: " + SafeText.terminal(message) + "\n"
}

/// Writes every byte to a file descriptor, retrying short writes; gives up quietly when the
/// reader has gone (a closed pipe).
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
  bytes.withUnsafeBufferPointer { buffer in
    var offset = 0
    while offset < buffer.count {
      let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += n
    }
  }
}
