/// Reads messages from files, folders (plain, Maildir, nested) and Unix mbox files, and from
/// standard input (`-`), as a stream: one message in memory at a time.
///
/// A file whose first line is a `From ` envelope line is read as an mbox; any other file is one
/// message. Folders are walked depth first in name order; symbolic-link loops, dot files, the
/// `tmp/` folder of a Maildir and Maildir bookkeeping files are skipped. Everything that cannot
/// be read becomes an ``InputItem/failure(_:)`` item and the walk goes on.
///
/// ```swift
/// for item in MessageInput(paths: ["~/Maildir"]) {
///   if case .message(let message) = item { … }
/// }
/// ```
public struct MessageInput: Sequence, Sendable {
  /// The paths to read, in order.
  public var paths: [String]
  /// Memory limits.
  public var limits: InputLimits

  /// Reads `paths` in order; `-` is standard input.
  public init(paths: [String], limits: InputLimits = InputLimits()) {
    self.paths = paths
    self.limits = limits
  }

  /// Starts reading.
  public func makeIterator() -> Iterator { Iterator(paths: paths, limits: limits) }

  /// Walks the inputs; not thread-safe, one consumer at a time.
  public struct Iterator: IteratorProtocol {
    private enum Task {
      case path(String, explicit: Bool)
    }
    private var tasks: [Task]
    private let limits: InputLimits
    private var visitedDirectories: Set<[UInt64]> = []
    private var mbox: MboxFileReader?
    private var queued: [InputItem] = []

    init(paths: [String], limits: InputLimits) {
      self.tasks = paths.reversed().map { .path($0, explicit: true) }
      self.limits = limits
    }

    /// The next message or failure; nil when every input has been read.
    public mutating func next() -> InputItem? {
      while true {
        if !queued.isEmpty { return queued.removeFirst() }
        if mbox != nil {
          // Advanced in place: a copy taken out and put back would share the reader's buffers
          // with the original, and the next change to them would copy them whole.
          if let item = mbox!.next() { return item }
          mbox = nil
          continue
        }
        guard let task = tasks.popLast() else { return nil }
        switch task {
        case .path(let path, let explicit):
          start(path: path, explicit: explicit)
        }
      }
    }

    private mutating func start(path: String, explicit: Bool) {
      if path == "-" {
        open(stream: FileStream(standardInputWithBlockSize: limits.blockSize), source: "-")
        return
      }
      let status: FileStatus
      do {
        status = try FileStatus(path: path)
      } catch {
        queued.append(.failure(InputFailure(source: path, reason: error.reason)))
        return
      }
      switch status.kind {
      case .directory:
        let key = [status.device, status.inode]
        guard !visitedDirectories.contains(key) else {
          if explicit { return }
          queued.append(.failure(InputFailure(source: path, reason: "folder already read (symbolic-link loop)")))
          return
        }
        visitedDirectories.insert(key)
        let names: [String]
        do {
          names = try listDirectory(path)
        } catch {
          queued.append(.failure(InputFailure(source: path, reason: error.reason)))
          return
        }
        let isMaildir = names.contains("cur") && names.contains("new")
        let base = path.hasByteSuffix("/") ? path : path + "/"
        for name in names.reversed() where !Self.skipped(name, inMaildir: isMaildir) {
          tasks.append(.path(base + name, explicit: false))
        }
      case .file:
        // Dot files inside a Maildir are bookkeeping, not mail.
        if !explicit, path.split(separator: "/").last?.hasBytePrefix(".") == true { return }
        do {
          open(stream: try FileStream(path: path, blockSize: limits.blockSize), source: path)
        } catch {
          queued.append(.failure(InputFailure(source: path, reason: error.reason)))
        }
      case .other:
        if explicit {
          // A named pipe or device given on purpose is read like a file.
          do {
            open(stream: try FileStream(path: path, blockSize: limits.blockSize), source: path)
          } catch {
            queued.append(.failure(InputFailure(source: path, reason: error.reason)))
          }
        }
      }
    }

    private mutating func open(stream: FileStream, source: String) {
      var reader = MboxFileReader(stream: stream, source: source, limits: limits)
      if let item = reader.next() {
        queued.append(item)
        mbox = reader
      } else {
        queued.append(.failure(InputFailure(source: source, index: 0, reason: "empty file: no message in it")))
      }
    }

    /// A Maildir's `tmp/` and bookkeeping files hold no finished messages; dot entries are
    /// skipped except the `.Folder` sub-folders of a Maildir++ (see ``start(path:explicit:)``).
    static func skipped(_ name: String, inMaildir: Bool) -> Bool {
      if name.hasBytePrefix(".") { return !inMaildir }
      if inMaildir && name == "tmp" { return true }
      switch name {
      case "dovecot-uidlist", "dovecot-keywords", "maildirsize", "maildirfolder",
        "courierimapuiddb", "courierimapkeywords", "subscriptions":
        return true
      default:
        return name.hasBytePrefix("dovecot.index") || name.hasBytePrefix("dovecot-uidvalidity")
      }
    }
  }
}

/// Reads one file or stream as a sequence of messages (see ``MboxSplitter``): one message for
/// an ordinary file, every message for an mbox.
struct MboxFileReader {
  private let stream: FileStream
  private let source: String
  private var normalizer = LineEndingNormalizer()
  private var splitter: MboxSplitter
  private var ready: [(bytes: [UInt8], truncated: Bool)] = []
  private var readyIndex = 0
  private var index = 0
  private var finished = false

  init(stream: FileStream, source: String, limits: InputLimits) {
    self.stream = stream
    self.source = source
    self.splitter = MboxSplitter(maxMessageBytes: limits.maxMessageBytes)
  }

  mutating func next() -> InputItem? {
    while true {
      if readyIndex < ready.count {
        let (bytes, truncated) = ready[readyIndex]
        ready[readyIndex].bytes = []
        readyIndex += 1
        if readyIndex == ready.count {
          ready.removeAll(keepingCapacity: true)
          readyIndex = 0
        }
        defer { index += 1 }
        return .message(InputMessage(source: source, index: index, bytes: bytes, truncated: truncated))
      }
      if finished { return nil }
      var normalized: [UInt8] = []
      let more: Bool
      do {
        more = try stream.readBlock { block in
          // A block with no CR (nearly all) is split where it lies, not copied first.
          if normalizer.passesThrough(block) {
            splitter.feed(block) { ready.append(($0, $1)) }
          } else {
            normalizer.normalize(block, into: &normalized)
          }
        }
      } catch {
        finished = true
        return .failure(InputFailure(source: source, index: index, reason: error.reason))
      }
      if !more { normalizer.finish(into: &normalized) }
      normalized.withUnsafeBufferPointer { buffer in
        splitter.feed(buffer) { ready.append(($0, $1)) }
      }
      if !more {
        finished = true
        splitter.finish { ready.append(($0, $1)) }
      }
    }
  }
}

extension MessageInput {
  /// Splits bytes already in memory into messages exactly as a file holding them is read: line
  /// endings normalised, an mbox split into its messages, each message cut at
  /// `limits.maxMessageBytes`, the bytes fed in blocks of `limits.blockSize`. Empty input gives
  /// the same failure item as an empty file.
  public static func items(in bytes: [UInt8], source: String = "-", limits: InputLimits = InputLimits()) -> [InputItem] {
    var normalizer = LineEndingNormalizer()
    var splitter = MboxSplitter(maxMessageBytes: limits.maxMessageBytes)
    var items: [InputItem] = []
    func emit(_ message: [UInt8], _ truncated: Bool) {
      items.append(.message(InputMessage(source: source, index: items.count, bytes: message, truncated: truncated)))
    }
    let blockSize = Swift.max(1, limits.blockSize)
    var normalized: [UInt8] = []
    bytes.withUnsafeBufferPointer { buffer in
      var start = 0
      while start < buffer.count {
        let end = Swift.min(buffer.count, start + blockSize)
        normalized.removeAll(keepingCapacity: true)
        normalizer.normalize(UnsafeBufferPointer(rebasing: buffer[start..<end]), into: &normalized)
        normalized.withUnsafeBufferPointer { splitter.feed($0, emit: emit) }
        start = end
      }
    }
    normalized.removeAll(keepingCapacity: true)
    normalizer.finish(into: &normalized)
    normalized.withUnsafeBufferPointer { splitter.feed($0, emit: emit) }
    splitter.finish(emit: emit)
    if items.isEmpty {
      items.append(.failure(InputFailure(source: source, index: 0, reason: "empty file: no message in it")))
    }
    return items
  }
}
