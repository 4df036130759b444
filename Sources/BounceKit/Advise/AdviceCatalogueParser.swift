/// Reads the advice data files into an ``AdviceCatalogue``, collecting every mistake with its
/// file and line instead of stopping at the first.
///
/// The grammar, shared by all the files:
///
/// ```
/// # a comment
/// [reason userunknown]          an entry: reason, topic, note or steps, then its name
/// actor: sender                 key: value
/// step.en: Check the spelling   keys ending in .en / .ja are text in that language
///   of the address.             an indented line continues the value above it
/// ```
///
/// A continued English value is joined with a space, a Japanese one without.
struct AdviceCatalogueParser {
  /// One mistake in a data file.
  struct Problem: Sendable, Equatable, CustomStringConvertible {
    var file: String
    var line: Int
    var message: String

    var description: String { "\(file):\(line): \(message)" }
  }

  private(set) var catalogue = AdviceCatalogue()
  private(set) var problems: [Problem] = []

  /// The kinds of entry and the keys each accepts (language keys without their suffix).
  private static let entryKeys: Set<String> = ["actor", "retry", "clients", "outlook"]
  private static let entryTextKeys: Set<String> = ["title", "what", "step"]

  /// An entry being read.
  private struct Pending {
    var kind: String
    var name: String
    var file: String
    var line: Int
    /// Plain keys, each at most once.
    var values: [String: String] = [:]
    /// Text keys (`title.en`, `outlook-classic.ja`, …) in order, each with its line.
    var texts: [(key: String, language: TextLanguage, value: String, line: Int)] = []
  }

  private var pending: Pending?
  private var file = ""

  /// Reads one file's text. `file` names it in problems.
  mutating func read(_ text: String, file: String) {
    self.file = file
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.isEmpty || trimmed.utf8.first == UInt8(ascii: "#") { continue }
      if line.utf8.first == ASCII.space || line.utf8.first == ASCII.tab {
        continueValue(trimmed, line: lineNumber)
        continue
      }
      if line.utf8.first == UInt8(ascii: "[") {
        finishEntry()
        startEntry(line, line: lineNumber)
        continue
      }
      guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else {
        problem(lineNumber, "expected 'key: value', an indented continuation or an '[entry]' line")
        continue
      }
      let key = String(line[..<colon]).trimmingCharacters(in: " \t")
      let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: " \t")
      addValue(key: key, value: value, line: lineNumber)
    }
    finishEntry()
  }

  /// Problems that only show once every file is read: entries naming procedures that do not
  /// exist.
  func crossReferenceProblems() -> [Problem] {
    var found: [Problem] = []
    for entry in catalogue.reasons.values.sorted(by: { $0.name < $1.name }) + catalogue.topics.values.sorted(by: { $0.name < $1.name }) {
      for name in entry.procedures where catalogue.procedures[name] == nil {
        found.append(Problem(file: "advice", line: 0, message: "entry '\(entry.name)' names client steps '\(name)', which no [steps] entry defines"))
      }
    }
    return found
  }

  // MARK: - Lines

  private mutating func startEntry(_ line: Substring, line number: Int) {
    guard line.utf8.last == UInt8(ascii: "]") else {
      problem(number, "an entry line must end with ']'")
      return
    }
    let words = line.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
    guard words.count == 2 else {
      problem(number, "an entry line is '[kind name]', for example '[reason userunknown]'")
      return
    }
    let kind = String(words[0])
    let name = String(words[1])
    guard ["reason", "topic", "note", "steps"].contains(kind) else {
      problem(number, "unknown kind of entry '\(kind)': use reason, topic, note or steps")
      return
    }
    if kind == "reason", Reason(rawValue: name) == nil {
      problem(number, "'\(name)' is not a reason; the reasons are: \(Reason.allCases.map(\.rawValue).sorted().joined(separator: ", "))")
      return
    }
    if !name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) {
      problem(number, "a name is lower-case letters, digits and hyphens, not '\(name)'")
      return
    }
    if isDefined(kind: kind, name: name) {
      problem(number, "[\(kind) \(name)] is defined twice")
      return
    }
    pending = Pending(kind: kind, name: name, file: file, line: number)
  }

  private func isDefined(kind: String, name: String) -> Bool {
    switch kind {
    case "reason": return catalogue.reasons[name] != nil
    case "topic": return catalogue.topics[name] != nil
    case "note": return catalogue.notes[name] != nil
    default: return catalogue.procedures[name] != nil
    }
  }

  private mutating func addValue(key: String, value: String, line: Int) {
    guard var entry = pending else {
      problem(line, "'\(key)' comes before any '[entry]' line")
      return
    }
    defer { pending = entry }
    if value.isEmpty { problem(line, "'\(key)' has no value") }
    if let dot = key.utf8.lastIndex(of: UInt8(ascii: ".")), let language = TextLanguage(rawValue: String(key[key.index(after: dot)...])) {
      let base = String(key[..<dot])
      guard textKeyIsAllowed(base, in: entry.kind) else {
        problem(line, "[\(entry.kind)] entries have no '\(key)'; \(allowedKeys(entry.kind))")
        return
      }
      if base != "step" && entry.kind != "steps" && entry.texts.contains(where: { $0.key == base && $0.language == language }) {
        problem(line, "'\(key)' is given twice in [\(entry.kind) \(entry.name)]")
        return
      }
      entry.texts.append((base, language, value, line))
      return
    }
    guard entry.kind == "reason" || entry.kind == "topic", Self.entryKeys.contains(key) else {
      problem(line, "[\(entry.kind)] entries have no '\(key)'; \(allowedKeys(entry.kind))")
      return
    }
    if key == "outlook" && entry.kind != "topic" {
      problem(line, "only [topic] entries take 'outlook:' numbers")
      return
    }
    if entry.values[key] != nil {
      problem(line, "'\(key)' is given twice in [\(entry.kind) \(entry.name)]")
      return
    }
    entry.values[key] = value
  }

  private func textKeyIsAllowed(_ base: String, in kind: String) -> Bool {
    switch kind {
    case "reason", "topic": return Self.entryTextKeys.contains(base)
    case "note": return base == "text"
    default: return MailClient(rawValue: base) != nil
    }
  }

  private func allowedKeys(_ kind: String) -> String {
    switch kind {
    case "reason", "topic": return "use actor, retry, clients, title.en/.ja, what.en/.ja, step.en/.ja" + (kind == "topic" ? ", outlook" : "")
    case "note": return "use text.en and text.ja"
    default: return "use one of " + MailClient.allCases.map { $0.rawValue + ".en/.ja" }.joined(separator: ", ")
    }
  }

  private mutating func continueValue(_ text: Substring, line: Int) {
    guard var entry = pending, let last = entry.texts.last else {
      problem(line, "an indented line continues a text value, but there is none above it")
      return
    }
    let joiner = last.language == .japanese ? "" : " "
    entry.texts[entry.texts.count - 1].value = last.value + joiner + String(text).trimmingCharacters(in: " \t")
    pending = entry
  }

  // MARK: - Entries

  private mutating func finishEntry() {
    guard let entry = pending else { return }
    pending = nil
    switch entry.kind {
    case "note":
      if let text = pair(entry, "text") { catalogue.notes[entry.name] = text }
    case "steps":
      finishProcedure(entry)
    default:
      finishAdvice(entry)
    }
  }

  private mutating func finishAdvice(_ entry: Pending) {
    let actor = entry.values["actor"].flatMap(AdviceActor.init(rawValue:))
    if actor == nil {
      problem(entry.line, "[\(entry.kind) \(entry.name)] needs 'actor:' — one of \(AdviceActor.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let retry = entry.values["retry"].flatMap(AdviceRetry.init(rawValue:))
    if retry == nil {
      problem(entry.line, "[\(entry.kind) \(entry.name)] needs 'retry:' — one of \(AdviceRetry.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let title = pair(entry, "title")
    let summary = pair(entry, "what")
    let steps = pairs(entry, "step", owner: "[\(entry.kind) \(entry.name)]")
    if steps?.isEmpty == true {
      problem(entry.line, "[\(entry.kind) \(entry.name)] needs at least one step.en / step.ja pair")
    }
    let procedures = (entry.values["clients"] ?? "").split(separator: " ").map(String.init)
    var numbers: [String] = []
    for word in (entry.values["outlook"] ?? "").split(separator: " ") {
      guard let number = OutlookErrorNumber.canonical(word) else {
        problem(entry.line, "'\(word)' in [topic \(entry.name)] is not an Outlook error number like 0x800CCC0E")
        continue
      }
      if let other = catalogue.outlookTopics[number] {
        problem(entry.line, "\(number) is already explained by [topic \(other)]")
        continue
      }
      numbers.append(number)
    }
    guard let actor, let retry, let title, let summary, let steps, !steps.isEmpty else { return }
    let made = AdviceCatalogue.Entry(
      name: entry.name, actor: actor, retry: retry, title: title, summary: summary, steps: steps,
      procedures: procedures, outlookNumbers: numbers)
    if entry.kind == "reason" {
      catalogue.reasons[entry.name] = made
    } else {
      catalogue.topics[entry.name] = made
      for number in numbers { catalogue.outlookTopics[number] = entry.name }
    }
  }

  private mutating func finishProcedure(_ entry: Pending) {
    var steps: [MailClient: [AdviceCatalogue.Text]] = [:]
    for client in MailClient.allCases {
      guard let list = pairs(entry, client.rawValue, owner: "[steps \(entry.name)] for \(client.rawValue)") else { continue }
      if list.isEmpty {
        problem(entry.line, "[steps \(entry.name)] has no \(client.rawValue).en / \(client.rawValue).ja lines; every mail program needs at least one step")
        continue
      }
      steps[client] = list
    }
    catalogue.procedures[entry.name] = AdviceCatalogue.Procedure(name: entry.name, steps: steps)
  }

  /// The one English and one Japanese value of `key`; nil (with a problem) when one is missing.
  private mutating func pair(_ entry: Pending, _ key: String) -> AdviceCatalogue.Text? {
    let en = entry.texts.first { $0.key == key && $0.language == .english }
    let ja = entry.texts.first { $0.key == key && $0.language == .japanese }
    guard let en, let ja else {
      problem(entry.line, "[\(entry.kind) \(entry.name)] needs both \(key).en and \(key).ja")
      return nil
    }
    return AdviceCatalogue.Text(english: en.value, japanese: ja.value)
  }

  /// Every value of a repeated key, English and Japanese paired in order; nil (with a problem)
  /// when the two languages have different numbers of them.
  private mutating func pairs(_ entry: Pending, _ key: String, owner: String) -> [AdviceCatalogue.Text]? {
    let en = entry.texts.filter { $0.key == key && $0.language == .english }
    let ja = entry.texts.filter { $0.key == key && $0.language == .japanese }
    guard en.count == ja.count else {
      problem(entry.line, "\(owner) has \(en.count) \(key).en line(s) but \(ja.count) \(key).ja line(s); write them in pairs")
      return nil
    }
    return zip(en, ja).map { AdviceCatalogue.Text(english: $0.value, japanese: $1.value) }
  }

  private mutating func problem(_ line: Int, _ message: String) {
    problems.append(Problem(file: file, line: line, message: message))
  }
}
