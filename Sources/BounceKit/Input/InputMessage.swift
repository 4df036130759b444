/// One message as read from an input, before any decoding.
public struct InputMessage: Sendable, Equatable {
  /// Where the message came from: the path given or found, or `-` for standard input.
  public var source: String
  /// The 0-based position of the message in its source (always 0 for a one-message file).
  public var index: Int
  /// The raw bytes, with line endings already normalised to LF.
  public var bytes: [UInt8]
  /// True when the message was longer than the input limit and was cut short.
  public var truncated: Bool

  /// Creates an input message.
  public init(source: String, index: Int, bytes: [UInt8], truncated: Bool = false) {
    self.source = source
    self.index = index
    self.bytes = bytes
    self.truncated = truncated
  }
}

/// A failure to read part of an input: a file that cannot be opened, a folder that cannot be
/// listed, an empty file. Batch readers report these as items so that nothing is lost silently.
public struct InputFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path that could not be read.
  public var source: String
  /// The position of the message in its source, when the failure concerns one message.
  public var index: Int?
  /// One sentence saying what went wrong.
  public var reason: String

  /// Creates a failure record.
  public init(source: String, index: Int? = nil, reason: String) {
    self.source = source
    self.index = index
    self.reason = reason
  }

  /// `source: reason`.
  public var description: String { "\(source): \(reason)" }
}

/// An item produced by a ``MessageInput``: a message, or a failure to read one.
public enum InputItem: Sendable, Equatable {
  /// A message was read.
  case message(InputMessage)
  /// Something could not be read; the walk goes on.
  case failure(InputFailure)
}

/// Limits that keep the input stage's memory bounded whatever it is given.
public struct InputLimits: Sendable, Equatable {
  /// Bytes kept of one message; the rest is skipped and the message marked truncated.
  public var maxMessageBytes: Int
  /// Size of the blocks read from files.
  public var blockSize: Int

  /// 16 MiB per message (``DecodeLimits/maxMessageBytes``), 64 KiB blocks.
  public init(maxMessageBytes: Int = DecodeLimits.standard.maxMessageBytes, blockSize: Int = 64 << 10) {
    self.maxMessageBytes = maxMessageBytes
    self.blockSize = blockSize
  }
}
