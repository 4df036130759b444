import BounceKit

/// The human-readable explanation of one analysed message: per recipient the verdict in one
/// line, then what happened, whose move it is, whether resending helps, the steps (with each
/// mail program's own), and the facts the verdict rests on.
struct TextRenderer {
  let labels: Labels
  let color: Bool
  var verbose = false
  /// The mail programs whose steps are shown; every one when nil.
  var clients: Set<MailClient>? = nil
  /// The terminal's width, to wrap long lines under their column; nil leaves lines whole (for
  /// pipes and files).
  var wrapWidth: Int? = nil

  private func bold(_ s: String) -> String { color ? "\u{1B}[1m" + s + "\u{1B}[0m" : s }
  private func tint(_ s: String, hard: Bool) -> String {
    color ? (hard ? "\u{1B}[31m" : "\u{1B}[33m") + s + "\u{1B}[0m" : s
  }

  /// The explanation. Every string that came from the message goes through
  /// ``SafeText/terminal(_:keepNewlines:)``; so do values a format unit or rule may have
  /// copied from it (status, command, format, rule).
  func render(_ result: BounceResult) -> String {
    guard result.isBounce else { return labels.notBounce + "\n" }
    var out = ""
    for (i, r) in result.recipients.enumerated() {
      if i > 0 { out += "\n" }
      out += render(r, in: result)
    }
    if let subject = result.original?.subject, !subject.isEmpty {
      out += "\n" + labels.originalMessage + ": " + labels.subject + " \u{201C}" + SafeText.terminal(subject) + "\u{201D}\n"
    }
    return out
  }

  /// One recipient: the verdict line, then an aligned table of advice and facts.
  func render(_ r: RecipientResult, in result: BounceResult) -> String {
    let language = labels.language
    var advice: Advice
    if let given = r.advice, given.language == language { advice = given } else { advice = r.advice(in: language) }
    if let clients { advice = advice.only(clients) }
    let out = bold(SafeText.terminal(subject(of: r))) + " — " + tint(SafeText.terminal(advice.title), hard: r.hardBounce) + "\n"

    var rows: [(String, [String])] = []
    rows.append((labels.whatHappened, [advice.summary]))
    rows.append((labels.whoseMove, [advice.actor.text(in: language)]))
    rows.append((labels.resend, [advice.retry.text(in: language)]))
    rows.append((labels.whatToDo, numbered(advice.steps)))
    for client in advice.clients {
      rows.append((client.name, client.steps.count == 1 ? client.steps : numbered(client.steps)))
    }
    var facts: [(String, [String])] = []
    if r.diagnosticType == "x-outlook", let number = OutlookErrorNumber.first(in: r.diagnostic) {
      // The number's meaning in the reader's language; the pasted text itself, if there was more.
      let meaning = OutlookErrorNumber.meaning(of: number).map { " — " + $0.text(in: language) } ?? ""
      facts.append((labels.outlookSaid, [number + meaning]))
      if !r.diagnostic.hasPrefix(number + ":") { facts.append((labels.pastedText, [r.diagnostic])) }
    } else if !r.diagnostic.isEmpty {
      facts.append((labels.serverSaid, [r.diagnostic]))
    }
    if let status = r.status {
      let meaning = EnhancedStatus.meaning(of: status, in: language).map { " — " + $0 } ?? ""
      facts.append((labels.status, [status + meaning]))
    }
    if let code = r.replyCode { facts.append((labels.replyCode, [String(code)])) }
    if let host = r.remoteMTA { facts.append((labels.remoteServer, [host])) }
    if let command = r.command { facts.append((labels.command, [command])) }
    facts.append((labels.reason, [r.reason.rawValue]))
    facts.append((labels.result, [labels.action(r.action) + " / " + labels.hardness(r.hardBounce)]))
    if verbose {
      if advice.topic != r.reason.rawValue { facts.append((labels.adviceTopic, [advice.topic])) }
      if let mta = result.report?.reportingMTA { facts.append((labels.reportedBy, [mta])) }
      if let format = result.report?.format { facts.append((labels.format, [format])) }
      facts.append((labels.rule, [r.rule]))
      if !r.evidence.isEmpty { facts.append((labels.evidence, [r.evidence])) }
    }

    let width = (rows + facts).map { displayWidth($0.0) }.max() ?? 0
    let indent = String(repeating: " ", count: width + 4)
    let room = wrapWidth.map { $0 - width - 4 }
    func table(_ rows: [(String, [String])]) -> String {
      var text = ""
      for (label, lines) in rows {
        for (k, line) in lines.enumerated() {
          let head = k == 0 ? "  " + label + String(repeating: " ", count: width - displayWidth(label)) + "  " : indent
          // A numbered step's wrapped lines hang under its text, not under its number.
          let hang = Self.numberPrefixWidth(line)
          for (n, piece) in Wrap.lines(SafeText.terminal(line), width: room.map { $0 - hang }).enumerated() {
            text += (n == 0 ? head : indent + String(repeating: " ", count: hang)) + piece + "\n"
          }
        }
      }
      return text
    }
    return out + table(rows) + "\n" + table(facts)
  }

  /// Who or what the verdict line is about: the address; for a bare error without one, the
  /// Outlook number or the codes.
  func subject(of r: RecipientResult) -> String {
    if !r.recipient.isEmpty { return r.recipient }
    if r.diagnosticType == "x-outlook", let number = OutlookErrorNumber.first(in: r.diagnostic) { return number }
    let codes = [r.replyCode.map(String.init), r.status].compactMap { $0 }
    return codes.isEmpty ? labels.noAddress : codes.joined(separator: " ")
  }

  /// The width of a leading `12. `, or 0.
  static func numberPrefixWidth(_ line: String) -> Int {
    var digits = 0
    for ch in line {
      if ch.isASCII, ch.isNumber { digits += 1; continue }
      return digits > 0 && ch == "." && line.dropFirst(digits + 1).first == " " ? digits + 2 : 0
    }
    return 0
  }

  private func numbered(_ steps: [String]) -> [String] {
    steps.enumerated().map { "\($0.offset + 1). \($0.element)" }
  }
}

/// Columns a string takes in a terminal: East Asian wide characters take two.
func displayWidth(_ s: String) -> Int {
  var width = 0
  for scalar in s.unicodeScalars {
    let v = scalar.value
    let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    width += wide ? 2 : 1
  }
  return width
}
