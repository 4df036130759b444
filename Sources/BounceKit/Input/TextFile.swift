/// Reads a small whole file, such as a user's rules file: the one place besides the message
/// readers where the library opens a file.
enum TextFile {
  /// The bytes of `path`; throws when it cannot be opened or read, or is larger than `limit`.
  static func read(_ path: String, limit: Int) throws(InputFailure) -> [UInt8] {
    let status = try FileStatus(path: path)
    guard status.kind == .file else {
      throw InputFailure(source: path, reason: status.kind == .directory ? "is a folder" : "is not a regular file")
    }
    let stream = try FileStream(path: path, blockSize: 64 << 10)
    var bytes: [UInt8] = []
    var tooLarge = false
    do {
      while try stream.readBlock({ block in
        if bytes.count + block.count > limit { tooLarge = true } else { bytes.append(contentsOf: block) }
      }), !tooLarge {}
    } catch {
      throw InputFailure(source: path, reason: error.reason)
    }
    if tooLarge { throw InputFailure(source: path, reason: "is larger than \(limit >> 20) MiB") }
    return bytes
  }
}
