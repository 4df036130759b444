import ArgumentParser
import BounceKit

/// The `bounce` command: explains one bounce, or scans many.
public struct BounceCommand: ParsableCommand {
  /// Command configuration: `explain` is the default subcommand.
  public static let configuration = CommandConfiguration(
    commandName: "bounce",
    abstract: "Explain bounce mail: what failed, why, and what to change.",
    discussion: """
      Pipe a bounce into `bounce` (or name the file) to read it in plain words. Use \
      `bounce scan` for folders, Maildirs and mbox files.

      Exit status: 0 when a bounce was diagnosed, 1 when the input held no bounce, 2 on a \
      usage or read error.
      """,
    version: "0.1.0",
    subcommands: [ExplainCommand.self, ScanCommand.self],
    defaultSubcommand: ExplainCommand.self
  )

  /// Creates the command (used by the argument parser).
  public init() {}
}

/// Options shared by every subcommand.
struct CommonOptions: ParsableArguments {
  @Option(name: .long, help: "Language of the output: ja or en (default: from LANG/LC_ALL).")
  var lang: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A rules file to use besides the bundled rules; its rules add to or replace bundled ones by id.",
      valueName: "file"))
  var rules: String?

  /// The analyzer with the bundled rules plus the `--rules` file, if any. An unreadable or
  /// invalid rules file is a usage error: one sentence on standard error, exit status 2.
  func analyzer() throws -> BounceAnalyzer {
    guard let rules else { return BounceAnalyzer() }
    do {
      return try BounceAnalyzer(addingRulesFromFile: rules)
    } catch {
      printError(error.description)
      throw ExitCode(2)
    }
  }

  /// The language asked for, or the locale's.
  func language() throws -> TextLanguage {
    if let lang {
      switch lang.lowercased() {
      case "ja", "jp", "japanese", "ja_jp", "ja-jp": return .japanese
      case "en", "english", "en_us", "en-us", "en_gb": return .english
      default: throw ValidationError("--lang must be ja or en, not '\(lang)'.")
      }
    }
    return Locale.environmentLanguage()
  }
}
