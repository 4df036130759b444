import Foundation
import Testing

@testable import BounceCLI

/// Replays every input the fuzzer ever broke BounceKit with (`Fixtures/fuzz/`), and every other
/// fixture, through the fuzz target's body: no crash, and every output promise kept (see
/// ``FuzzHarness``). A failure here stops the test process, as it stopped the fuzzer.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
  /// The repository's `Fixtures` folder, found from this file's path.
  static let fixtures: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.pathComponents.count > 1 {
      url.deleteLastPathComponent()
      let candidate = url.appendingPathComponent("Fixtures")
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("fuzz").path) { return candidate }
    }
    fatalError("Fixtures/fuzz not found above \(#filePath)")
  }()

  /// Every file under `Fixtures/` but the expectations, relative to it.
  static let inputs: [String] = {
    var found: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: fixtures.path)
    while let path = enumerator?.nextObject() as? String {
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: fixtures.appendingPathComponent(path).path, isDirectory: &isFolder)
      if !exists || isFolder.boolValue || path.hasSuffix(".json") || path.hasSuffix(".md") { continue }
      found.append(path)
    }
    return found.sorted()
  }()

  @Test func thereAreRegressionInputs() {
    #expect(Self.inputs.contains { $0.hasPrefix("fuzz/") })
  }

  @Test("replays through the fuzz body", arguments: inputs)
  func replay(_ input: String) throws {
    let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(input)))
    FuzzHarness.run(bytes)
  }
}
