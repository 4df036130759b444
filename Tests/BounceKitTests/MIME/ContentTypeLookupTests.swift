import Testing

@testable import BounceKit

@Suite("Content-Type parameters read on demand")
struct ContentTypeLookupTests {
  /// Values with repeated names, continuations out of order, a plain name after its pieces,
  /// upper case, stray separators and broken quoting.
  static let values = [
    "text/plain; charset=us-ascii",
    "Multipart/Report; Report-Type=delivery-status; boundary=\"a;b\\\"c\"",
    "text/plain; charset=utf-8; CHARSET=iso-2022-jp",
    "text/plain; name*1=\"b\"; name*0=\"a\"; name=plain",
    "text/plain; title*=utf-8''%E3%83%86; title*1*=%E3%82%B9",
    "text/plain; *0=x; =y; ;; charset",
    "multipart/mixed; boundary=\"unterminated",
    "text/plain charset=\"iso-2022-jp\"",
    "message/rfc822; name*=x; name*2=z; name*1=y",
    "text/plain; na\u{00e9}me=v; NAME*0*=utf-8'en'%41; name*1=B",
    "Text/HTML ; Charset = Shift_JIS ; format=flowed",
  ]

  @Test func lookupsAgreeWithTheDictionary() {
    for value in Self.values {
      let type = ContentType(parsing: Array(value.utf8))
      let all = type.parameters
      for name in Set(all.keys).union(["charset", "boundary", "name", "title", "", "report-type", "name*0", "missing"]) {
        #expect(type[parameter: name] == all[name], "\(value) [\(name)]")
      }
    }
  }

  @Test func standardNamesAreLowerCase() {
    let type = ContentType(parsing: Array("MULTIPART/Report; x=y".utf8))
    #expect(type.type == "multipart" && type.subtype == "report" && type.mimeType == "multipart/report")
    let other = ContentType(parsing: Array("X-Custom/Odd-Thing".utf8))
    #expect(other.type == "x-custom" && other.subtype == "odd-thing" && other.mimeType == "x-custom/odd-thing")
    let bare = ContentType(parsing: Array("TEXT".utf8))
    #expect(bare.type == "text" && bare.subtype == "" && bare.mimeType == "text/")
  }
}
