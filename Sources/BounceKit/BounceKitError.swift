/// Errors BounceKit throws: only for input that cannot be read at all. A message that is not
/// a bounce is a result (``BounceResult/Kind/notBounce``), not an error.
public enum BounceKitError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A file or folder could not be read.
  case unreadable(InputFailure)
  /// The input held no message.
  case empty(source: String)

  /// One sentence saying what went wrong.
  public var description: String {
    switch self {
    case .unreadable(let failure): return "cannot read \(failure.source): \(failure.reason)"
    case .empty(let source): return "\(source) holds no message"
    }
  }
}
