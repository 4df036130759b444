import Foundation
import Testing

@testable import BounceKit

/// Finds and loads the project's own fixtures in `Fixtures/` at the repository root.
enum FixtureSupport {
  /// The `Fixtures` folder, found from this file's path.
  static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.pathComponents.count > 1 {
      url.deleteLastPathComponent()
      let candidate = url.appendingPathComponent("Fixtures")
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("dsn").path) { return candidate }
    }
    fatalError("Fixtures folder not found above \(#filePath)")
  }()

  /// Every fixture that has an `.expected.json` beside it, as paths relative to `Fixtures/`.
  static func expectedFixtures() -> [String] {
    var found: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: root.path)
    while let path = enumerator?.nextObject() as? String {
      guard path.hasSuffix(".expected.json") else { continue }
      let message = String(path.dropLast(".expected.json".count))
      for ext in [".eml", ".txt", ".mbox"] where FileManager.default.fileExists(atPath: root.appendingPathComponent(message + ext).path) {
        found.append(message + ext)
      }
    }
    return found.sorted()
  }

  static func bytes(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: root.appendingPathComponent(relative)))
  }

  static func expectation(for relative: String) throws -> [String: Any] {
    let base = relative.split(separator: ".").dropLast().joined(separator: ".")
    let data = try Data(contentsOf: root.appendingPathComponent(base + ".expected.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The result as the JSON the library encodes, flattened to Foundation objects.
  static func json(_ result: BounceResult) throws -> [String: Any] {
    let data = try JSONEncoder().encode(result)
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    // Message-level report fields are compared at the top level, like the CLI shows them.
    if let report = object["report"] as? [String: Any] {
      for (k, v) in report where object[k] == nil { object[k] = v }
    }
    return object
  }

  /// Every key of `expected` must be in `actual` with an equal value; keys `actual` has beyond
  /// those are not checked. A JSON null expects the key to be absent or null.
  static func compare(_ expected: Any, _ actual: Any?, path: String, into problems: inout [String]) {
    switch expected {
    case let dict as [String: Any]:
      guard let actualDict = actual as? [String: Any] else {
        problems.append("\(path): expected an object, got \(String(describing: actual))")
        return
      }
      for (k, v) in dict.sorted(by: { $0.key < $1.key }) {
        compare(v, actualDict[k], path: path + "." + k, into: &problems)
      }
    case let list as [Any]:
      guard let actualList = actual as? [Any] else {
        problems.append("\(path): expected a list, got \(String(describing: actual))")
        return
      }
      if list.count != actualList.count {
        problems.append("\(path): expected \(list.count) items, got \(actualList.count)")
      }
      for (i, v) in list.enumerated() where i < actualList.count {
        compare(v, actualList[i], path: "\(path)[\(i)]", into: &problems)
      }
    case is NSNull:
      if let actual, !(actual is NSNull) { problems.append("\(path): expected null, got \(actual)") }
    default:
      let e = "\(expected)"
      let a = actual.map { "\($0)" } ?? "nil"
      if e != a { problems.append("\(path): expected \(e), got \(a)") }
    }
  }

  /// The same bytes with CRLF or bare-CR line endings.
  static func withLineEndings(_ bytes: [UInt8], _ ending: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 20)
    for b in bytes {
      if b == 0x0A { out.append(contentsOf: ending) } else { out.append(b) }
    }
    return out
  }
}
