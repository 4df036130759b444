import Testing

@testable import BounceKit

@Suite("Transfer encodings")
struct TransferEncodingTests {
  @Test func base64WithLineBreaksAndJunk() {
    let encoded = Array("6YWN6YCB\n44Ko44Op\r\n44O8!!".utf8)[...]
    #expect(String(decoding: TransferEncoding.base64(encoded), as: UTF8.self) == "配送エラー")
  }

  @Test func base64Padding() {
    #expect(TransferEncoding.base64(Array("YQ==".utf8)) == Array("a".utf8))
    #expect(TransferEncoding.base64(Array("YWI=".utf8)) == Array("ab".utf8))
    #expect(TransferEncoding.base64(Array("YWI".utf8)) == Array("ab".utf8))
  }

  @Test func quotedPrintable() {
    let qp = Array("caf=C3=A9 =\nsuite=3D ok   \nnext =ZZ end=".utf8)[...]
    #expect(String(decoding: TransferEncoding.quotedPrintable(qp), as: UTF8.self) == "café suite= ok\nnext =ZZ end")
  }

  @Test func identityEncodingsDoNotCopy() {
    let bytes = Array("hello".utf8)[...]
    #expect(TransferEncoding.decodeSlice(bytes, encoding: "8bit") == bytes)
    #expect(TransferEncoding.decodeSlice(bytes, encoding: "x-unknown") == bytes)
  }
}
