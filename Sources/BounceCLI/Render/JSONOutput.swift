import BounceKit
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Whole-result JSON for `bounce --json`, through Codable.
enum JSONOutput {
  enum Payload: Encodable {
    case one(BounceResult)
    case many([BounceResult])

    func encode(to encoder: any Encoder) throws {
      switch self {
      case .one(let r): try r.encode(to: encoder)
      case .many(let rs): try rs.encode(to: encoder)
      }
    }
  }

  static func encode(_ payload: Payload) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let json = JSONObjectWriter.escapingTerminalControls(Array(try encoder.encode(payload)))
    return String(decoding: json, as: UTF8.self)
  }
}
