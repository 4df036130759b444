/// A problem in a rules file: which file, which line, and what is wrong, in one sentence.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file name (or a label such as `<string>`).
  public var file: String
  /// The 1-based line, or 0 when the problem concerns the whole file.
  public var line: Int
  /// What is wrong, as a clause without a final full stop.
  public var message: String

  /// Creates an error.
  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `rules file FILE, line N: MESSAGE.`
  public var description: String {
    line > 0 ? "rules file \(file), line \(line): \(message)." : "rules file \(file): \(message)."
  }
}
