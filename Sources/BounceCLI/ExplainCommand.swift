import ArgumentParser
import BounceKit

/// `bounce explain [FILE]`: reads one message and explains it.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain one bounce read from a file or standard input."
  )

  @OptionGroup var common: CommonOptions

  @Flag(name: .long, help: "Print the result as JSON.")
  var json = false

  @Flag(name: .shortAndLong, help: "Also show the rule and the evidence behind each verdict.")
  var verbose = false

  @Argument(help: "The message file (default: standard input). An mbox file gives every message in it.")
  var file: String?

  func run() throws {
    let language = try common.language()
    let analyzer = try common.analyzer()
    var results: [BounceResult] = []
    let path = file ?? "-"
    for item in MessageInput(paths: [path]) {
      switch item {
      case .message(let message): results.append(analyzer.analyze(message))
      case .failure(let failure):
        printError(failure.source == "-" ? "standard input: \(failure.reason)" : failure.description)
        throw ExitCode(2)
      }
    }
    let out = Output.standardOutput()
    if json {
      out.write(try JSONOutput.encode(results.count == 1 ? .one(results[0]) : .many(results)))
      out.write("\n")
    } else {
      let renderer = TextRenderer(labels: Labels(language: language), color: Terminal.useColor, verbose: verbose)
      for (i, result) in results.enumerated() {
        if i > 0 { out.write("\n") }
        out.write(renderer.render(result))
      }
    }
    out.flush()
    if !results.contains(where: \.isBounce) { throw ExitCode(1) }
  }
}
