import Testing

@testable import BounceKit

@Suite("SMTP reply and enhanced status codes")
struct SMTPCodesTests {
  @Test(arguments: [
    ("550-5.1.1 The email account that you tried to reach does not exist", 550, "5.1.1"),
    ("550 5.1.1 <a@example.jp>: Recipient address rejected", 550, "5.1.1"),
    ("Sorry, no mailbox here by that name. (#5.1.1)", nil, "5.1.1"),
    ("remote host 192.0.2.32 said: 550 Unknown user (#5.5.0)", 550, "5.5.0"),
    ("5.1.1 <a@example.jp>... User unknown", nil, "5.1.1"),
    ("host mx.example.jp[192.0.2.1] said: 452 4.2.2 Over quota", 452, "4.2.2"),
    ("smtp;550 5.2.2 mailbox full", 550, "5.2.2"),
    ("connect to 192.0.2.250:25: Connection refused", nil, nil),
    ("Date: Thu, 29 Apr 2013 23:45:32 +0900", nil, nil),
    ("Mail server version 5.1.2-beta said hello", nil, nil),
  ] as [(String, Int?, String?)])
  func extraction(text: String, reply: Int?, status: String?) {
    #expect(SMTPCodes.replyCode(in: text) == reply)
    #expect(SMTPCodes.enhancedStatus(in: text) == status)
  }

  @Test func leadingReplyCode() {
    #expect(SMTPCodes.leadingReplyCode(in: "  554 Service unavailable") == 554)
    #expect(SMTPCodes.leadingReplyCode(in: "5.1.1 x") == nil)
    #expect(SMTPCodes.leadingReplyCode(in: "5500 x") == nil)
  }
}

@Suite("Enhanced status registry")
struct EnhancedStatusTests {
  @Test func dataFileIsWellFormed() {
    let text = String(decoding: PackageResources.status_codes_txt, as: UTF8.self)
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
      #expect(columns.count == 3, "bad line: \(line)")
      #expect(columns.allSatisfy { !$0.isEmpty }, "empty column: \(line)")
    }
  }

  @Test func everyRegisteredSubjectHasItsOtherCode() {
    for subject in 0...7 {
      #expect(EnhancedStatus.isRegistered("5.\(subject).0"))
    }
    #expect(EnhancedStatus.registry.details.count >= 70)
  }

  @Test func meanings() {
    #expect(EnhancedStatus.meaning(of: "5.1.1") == "The recipient's mailbox does not exist")
    #expect(EnhancedStatus.meaning(of: "4.2.2", in: .japanese) == "メールボックスが容量の上限に達しています")
    // Unregistered details fall back to the subject's "other" meaning.
    #expect(EnhancedStatus.meaning(of: "5.4.316") == "Other network or routing problem")
    #expect(EnhancedStatus.meaning(of: "9.9.9") == nil)
    #expect(EnhancedStatus.classMeaning(of: "4.4.7")?.hasPrefix("Temporary") == true)
  }
}
