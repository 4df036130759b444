import BounceKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading the user's locale from the environment, the POSIX way.
enum Locale {
  /// Japanese when LC_ALL, LC_MESSAGES or LANG (the first one set) starts with `ja`.
  static func environmentLanguage() -> TextLanguage {
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty {
        return value.lowercased().hasPrefix("ja") ? .japanese : .english
      }
    }
    return .english
  }
}

/// Environment and terminal facts the renderers need.
enum Terminal {
  /// True when the file descriptor is a terminal.
  static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

  /// The width of the terminal on standard output, for wrapping; nil when it is not a
  /// terminal (pipes and files get whole lines).
  static var width: Int? {
    guard isTerminal(1) else { return nil }
    var size = winsize()
    if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let columns = getenv("COLUMNS").map({ String(cString: $0) }), let n = Int(columns), n > 0 { return n }
    return 80
  }

  /// True when colour should be used on standard output.
  static var useColor: Bool {
    if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
    if let term = getenv("TERM").map({ String(cString: $0) }), term == "dumb" { return false }
    return isTerminal(1)
  }
}
