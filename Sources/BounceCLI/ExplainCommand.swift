import ArgumentParser
import BounceKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `bounce explain [FILE | TEXT]`: reads one message (or a pasted error) and explains it.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain one bounce read from a file or standard input.",
    discussion: """
      The input may be a whole bounce message, or text pasted from one: an SMTP error line \
      ("550 5.1.1 <a@example.jp>: … User unknown"), the body of a bounce, or an Outlook error \
      number such as 0x800CCC0F, with or without its text. Such text can also be given \
      directly as the argument when no file has that name.
      """
  )

  @OptionGroup var common: CommonOptions

  @Flag(name: .long, help: "Print the result as JSON, with the advice under each recipient's `advice`.")
  var json = false

  @Flag(name: .shortAndLong, help: "Also show the rule, the evidence and the advice topic behind each verdict.")
  var verbose = false

  @Option(name: .long, help: "Show the steps for one mail program: outlook, thunderbird, apple-mail, iphone, gmail, or all (default: all).")
  var client: String?

  @Argument(help: "The message file (default: standard input), or a pasted error as text. An mbox file gives every message in it.")
  var file: String?

  func validate() throws {
    if let client, MailClient.named(client) == nil {
      throw ValidationError("--client must be outlook, thunderbird, apple-mail, iphone, gmail or all, not '\(client)'.")
    }
  }

  func run() throws {
    let language = try common.language()
    var results: [BounceResult] = []
    let analyzer = try common.analyzer().advising(in: language)
    if let file, let text = Self.pastedText(file) {
      results = [analyzer.analyze(message: Array(text.utf8))]
    } else {
      let path = file ?? "-"
      for item in MessageInput(paths: [path]) {
        switch item {
        case .message(let message): results.append(analyzer.analyze(message))
        case .failure(let failure):
          printError(failure.source == "-" ? "standard input: \(failure.reason)" : failure.description)
          throw ExitCode(2)
        }
      }
    }
    let out = Output.standardOutput()
    out.write(try render(results, language: language, color: Terminal.useColor, wrapWidth: Terminal.width))
    out.flush()
    if !results.contains(where: \.isBounce) { throw ExitCode(1) }
  }

  /// The whole output for `results`, as text or JSON as the options ask.
  func render(_ results: [BounceResult], language: TextLanguage, color: Bool, wrapWidth: Int? = nil) throws -> String {
    let clients = client.flatMap(MailClient.named)
    if json {
      var shown = results
      for i in shown.indices {
        for k in shown[i].recipients.indices {
          var advice = shown[i].recipients[k].advice ?? shown[i].recipients[k].advice(in: language)
          if let clients { advice = advice.only(clients) }
          shown[i].recipients[k].advice = advice
        }
      }
      return try JSONOutput.encode(shown.count == 1 ? .one(shown[0]) : .many(shown)) + "\n"
    }
    let renderer = TextRenderer(
      labels: Labels(language: language), color: color, verbose: verbose, clients: clients, wrapWidth: wrapWidth)
    var text = ""
    for (i, result) in results.enumerated() {
      if i > 0 { text += "\n" }
      text += renderer.render(result)
    }
    return text
  }

  /// Explains `bytes` as the command would with `arguments` (options only), colourless: the
  /// output the golden tests compare.
  static func output(for bytes: [UInt8], arguments: [String]) throws -> String {
    let command = try parse(arguments)
    let language = try command.common.language()
    let result = try command.common.analyzer().advising(in: language).analyze(message: bytes)
    return try command.render([result], language: language, color: false)
  }

  /// The argument itself as text to explain, when it names no file but reads as a pasted
  /// error: an Outlook number, or words with a reply or status code in them.
  static func pastedText(_ argument: String) -> String? {
    guard argument != "-", access(argument, F_OK) != 0 else { return nil }
    if OutlookErrorNumber.first(in: argument) != nil { return argument }
    if argument.contains(" "), SMTPCodes.leadingReplyCode(in: argument) != nil || SMTPCodes.enhancedStatus(in: argument) != nil {
      return argument
    }
    return nil
  }
}
