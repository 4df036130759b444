/// The advice catalogue: every entry of the data files in `Sources/BounceKit/Advice/`, parsed
/// once.
///
/// The files are plain text a maintainer edits without touching Swift; see the comment at the
/// top of each for its grammar. ``AdviceCatalogueParser`` reads them; the tests insist that the
/// shipped files parse without a single error and cover every reason in both languages.
struct AdviceCatalogue: Sendable {
  /// Text in both languages.
  struct Text: Sendable, Equatable {
    var english: String
    var japanese: String

    func `in`(_ language: TextLanguage) -> String { language == .japanese ? japanese : english }
  }

  /// One reason or topic.
  struct Entry: Sendable, Equatable {
    /// `userunknown`, `smtp-auth-required`, …
    var name: String
    var actor: AdviceActor
    var retry: AdviceRetry
    var title: Text
    var summary: Text
    var steps: [Text]
    /// Names of client procedures (``procedures``) shown with this entry.
    var procedures: [String]
    /// Outlook error numbers (upper-case hex, `0x800CCC0E`) this topic explains.
    var outlookNumbers: [String]
  }

  /// Where one fix is done in each mail program.
  struct Procedure: Sendable, Equatable {
    var name: String
    var steps: [MailClient: [Text]]
  }

  /// Entries for reasons, by the reason's raw value.
  var reasons: [String: Entry] = [:]
  /// Entries for topics, by topic id.
  var topics: [String: Entry] = [:]
  /// Extra sentences Advise adds for one bounce (a likely typo, odd characters), by name.
  var notes: [String: Text] = [:]
  /// Client procedures, by name.
  var procedures: [String: Procedure] = [:]
  /// Topic for each Outlook error number, from the topics' `outlook:` lines.
  var outlookTopics: [String: String] = [:]

  /// The catalogue compiled into the library.
  static let shipped: AdviceCatalogue = {
    var parser = AdviceCatalogueParser()
    parser.read(String(decoding: PackageResources.advice_reasons_txt, as: UTF8.self), file: "advice-reasons.txt")
    parser.read(String(decoding: PackageResources.advice_topics_txt, as: UTF8.self), file: "advice-topics.txt")
    parser.read(String(decoding: PackageResources.advice_clients_txt, as: UTF8.self), file: "advice-clients.txt")
    return parser.catalogue
  }()

  /// The entry for a topic id or a reason name.
  func entry(named name: String) -> Entry? { topics[name] ?? reasons[name] }
}
