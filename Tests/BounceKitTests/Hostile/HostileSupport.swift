import Foundation
import Testing

@testable import BounceKit

/// Builders for hostile messages (generated here, never stored, when they are large) and a
/// clock for the "quickly" half of "a result or a clear error, quickly".
enum Hostile {
  /// A well-formed RFC 3464 bounce for `recipients`, with `extraHeader` lines in its header and
  /// `notification` as its human-readable part.
  static func dsn(
    recipients: [String] = ["taro@recipient.example.com"], boundary: String = "b-1",
    extraHeader: String = "", notification: String = "Your message could not be delivered.",
    closing: Bool = true
  ) -> String {
    var groups = ""
    for r in recipients {
      groups += "\nFinal-Recipient: rfc822; \(r)\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <\(r)>: User unknown\n"
    }
    return """
      From: MAILER-DAEMON@mx.sender.example.jp
      To: hanako@sender.example.jp
      Subject: Undelivered Mail Returned to Sender
      \(extraHeader)MIME-Version: 1.0
      Content-Type: multipart/report; report-type=delivery-status; boundary="\(boundary)"

      --\(boundary)
      Content-Type: text/plain; charset=us-ascii

      \(notification)

      --\(boundary)
      Content-Type: message/delivery-status

      Reporting-MTA: dns; mx.sender.example.jp
      \(groups)
      --\(boundary)
      Content-Type: text/rfc822-headers

      From: hanako@sender.example.jp
      To: \(recipients.first ?? "")
      Subject: Meeting
      Message-ID: <m1@sender.example.jp>

      \(closing ? "--\(boundary)--\n" : "")
      """
  }

  /// Runs `body`, failing the test when it takes longer than `seconds` (a generous budget for a
  /// debug build on a busy machine: what it catches is a hang or quadratic time, not a slow
  /// constant).
  static func quickly<T>(_ seconds: Double, _ what: String, _ body: () throws -> T) rethrows -> T {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    let elapsed = clock.now - start
    #expect(elapsed < .seconds(seconds), "\(what) took \(elapsed)")
    return value
  }

  /// A fresh temporary folder, removed by the caller.
  static func temporaryFolder(_ name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bouncekit-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Writes `data` to the file at `path`.
  static func write(_ data: Data, to path: String) throws {
    try data.write(to: URL(fileURLWithPath: path))
  }

  /// Every message and failure read from `paths`.
  static func read(_ paths: [String], limits: InputLimits = InputLimits()) -> (messages: [InputMessage], failures: [InputFailure]) {
    var messages: [InputMessage] = []
    var failures: [InputFailure] = []
    for item in MessageInput(paths: paths, limits: limits) {
      switch item {
      case .message(let m): messages.append(m)
      case .failure(let f): failures.append(f)
      }
    }
    return (messages, failures)
  }

  /// Every string the result holds is valid Unicode by construction; what can still go wrong is
  /// a result that contradicts itself.
  static func expectConsistent(_ result: BounceResult, sourceLocation: SourceLocation = #_sourceLocation) {
    if result.isBounce {
      #expect(!result.recipients.isEmpty, sourceLocation: sourceLocation)
    } else {
      #expect(result.recipients.isEmpty, sourceLocation: sourceLocation)
    }
  }
}
