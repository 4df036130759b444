#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file descriptor read in blocks. Closes the descriptor when it goes away (except stdin).
final class FileStream {
  private let fd: Int32
  private let ownsDescriptor: Bool
  private var buffer: [UInt8]

  /// Opens `path` for reading; throws an ``InputFailure`` with the system's reason.
  init(path: String, blockSize: Int) throws(InputFailure) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw InputFailure(source: path, reason: FileStream.describe(errno: errno))
    }
    self.fd = fd
    self.ownsDescriptor = true
    self.buffer = [UInt8](repeating: 0, count: max(blockSize, 4096))
  }

  /// Wraps standard input.
  init(standardInputWithBlockSize blockSize: Int) {
    self.fd = 0
    self.ownsDescriptor = false
    self.buffer = [UInt8](repeating: 0, count: max(blockSize, 4096))
  }

  deinit {
    if ownsDescriptor { close(fd) }
  }

  /// Reads the next block and passes it to `body`; returns false at end of file.
  /// Throws on a read error.
  func readBlock(_ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(InputFailure) -> Bool {
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw InputFailure(source: "", reason: FileStream.describe(errno: errno))
      }
      if count == 0 { return false }
      buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
      return true
    }
  }

  /// A readable sentence for an errno value.
  static func describe(errno code: Int32) -> String {
    switch code {
    case ENOENT: return "no such file or folder"
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "is a folder"
    case ELOOP: return "too many levels of symbolic links"
    case ENAMETOOLONG: return "file name too long"
    default:
      if let text = strerror(code) { return String(cString: text).lowercased() }
      return "error \(code)"
    }
  }
}

/// What `stat` says about a path, reduced to what the walker needs.
struct FileStatus {
  enum Kind { case file, directory, other }
  var kind: Kind
  var device: UInt64
  var inode: UInt64

  /// Follows symbolic links; throws with the system's reason.
  init(path: String) throws(InputFailure) {
    var st = stat()
    guard stat(path, &st) == 0 else {
      throw InputFailure(source: path, reason: FileStream.describe(errno: errno))
    }
    let type = st.st_mode & S_IFMT
    kind = type == S_IFDIR ? .directory : type == S_IFREG ? .file : .other
    device = UInt64(st.st_dev)
    inode = UInt64(st.st_ino)
  }
}

/// Lists a folder's entries (without `.` and `..`), sorted by name for a stable order.
func listDirectory(_ path: String) throws(InputFailure) -> [String] {
  guard let dir = opendir(path) else {
    throw InputFailure(source: path, reason: FileStream.describe(errno: errno))
  }
  defer { closedir(dir) }
  var names: [String] = []
  while let entry = readdir(dir) {
    let name = withUnsafePointer(to: entry.pointee.d_name) {
      $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
    }
    if name == "." || name == ".." { continue }
    names.append(name)
  }
  names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  return names
}
