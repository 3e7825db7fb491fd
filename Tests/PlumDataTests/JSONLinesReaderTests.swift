import Testing

@testable import PlumData

@Suite struct JSONLinesReaderTests {
  let schema = Support.loyaltySchema
  let base = #""id":"p1","age":30,"tier":"gold","spend":1234.5,"consent":{"marketing":true}"#

  private func record(_ extra: String = "") -> String { "{" + base + extra + "}" }

  private func firstError(_ text: String) throws -> RecordError? {
    Support.errors(try Support.jsonl(text)).first ?? nil
  }

  @Test func readsNestedObjectsIntoDottedPaths() throws {
    let text = record(#","score":1e-3,"last_order":"2026-11-23","note":"hi""#) + "\n"
    let row = try #require(Support.rows(try Support.jsonl(text)).first)
    #expect(
      row.values(in: schema) == [
        .string("p1"), .int(30), .enumeration(caseIndex: 2), .money(minorUnits: 123_450, scale: 2),
        .float(0.001), .date(daysSince1970: 20_780), .bool(true), .string("hi"),
      ])
    #expect(row.line == 1)
  }

  @Test func nullAndAbsentKeysAreMissing() throws {
    let rows = Support.rows(try Support.jsonl(record(#","score":null,"note":null"#)))
    #expect(rows.first?.value(ofField: 4, in: schema) == nil)
    #expect(rows.first?.value(ofField: 7, in: schema) == nil)
    let error = try #require(
      try firstError(#"{"id":"p2","age":null,"tier":"gold","spend":1,"consent":null}"#))
    #expect(error.code == .missingValue)
    #expect(error.field == "age")
    #expect(error.key == "p2")
  }

  @Test func decodesEscapesAndSurrogatePairs() throws {
    let text = record(#","note":"a\"b\\c\/d\b\f\n\r\t\u00e9\u20AC\ud83c\udf89 raw é""#)
    let row = try #require(Support.rows(try Support.jsonl(text)).first)
    #expect(row.value(ofField: 7, in: schema) == .string("a\"b\\c/d\u{8}\u{C}\n\r\té€🎉 raw é"))
    let escapedKey = #"{"\u0069d":"p1","age":30,"tier":"gold","spend":1,"con\u0073ent":{"marketing":false}}"#
    #expect(Support.rows(try Support.jsonl(escapedKey)).first?.value(ofField: 6, in: schema) == .bool(false))
  }

  @Test func loneSurrogatesAreEncodingErrors() throws {
    for escape in [#"\ud800"#, #"\udc00"#, #"\ud800x"#, #"\ud800\u0041"#] {
      let error = try #require(try firstError(record(#","note":""# + escape + #"""#)), "\(escape)")
      #expect(error.code == .invalidEncoding)
      #expect(error.field == "note")
    }
  }

  @Test func unknownKeysOfAnyShapeAreSkipped() throws {
    let extra =
      #","x":{"a":[1,{"b":[[],{}]},"s\"}",true,null,-0.5e3]},"y":[],"z":"}","consent2":{"marketing":1}"#
    let rows = Support.rows(try Support.jsonl(record(extra) + "\n" + record(#","w":{}"#)))
    #expect(rows.count == 2)
    let nested = #"{"id":"p1","age":30,"tier":"gold","spend":1,"consent":{"other":[1,2],"marketing":true}}"#
    #expect(Support.rows(try Support.jsonl(nested)).count == 1)
  }

  @Test func duplicateKeysAreErrors() throws {
    let cases: [(String, String?)] = [
      (record(#","age":31"#), "age"),
      (record(#","consent":{"marketing":false}"#), "consent"),
      (record(#","x":1,"x":2"#), nil),
    ]
    for (text, field) in cases {
      let error = try #require(try firstError(text), "\(text)")
      #expect(error.code == .duplicateKey)
      #expect(error.field == field)
      #expect(error.key == "p1")
    }
    let inner = #"{"id":"p1","age":30,"tier":"gold","spend":1,"consent":{"marketing":true,"marketing":true}}"#
    #expect(try firstError(inner)?.message == "duplicate key `marketing`")
  }

  @Test func typeMismatchesAreErrors() throws {
    let cases: [(String, String, String)] = [
      (
        #"{"id":"p1","age":"30","tier":"gold","spend":1,"consent":{"marketing":true}}"#, "age",
        "expected int, found a string"
      ),
      (
        #"{"id":"p1","age":30.5,"tier":"gold","spend":1,"consent":{"marketing":true}}"#, "age",
        "expected an int, found `30.5`"
      ),
      (
        #"{"id":"p1","age":30,"tier":3,"spend":1,"consent":{"marketing":true}}"#, "tier",
        "expected enum, found a number"
      ),
      (
        #"{"id":"p1","age":30,"tier":"gold","spend":1,"consent":{"marketing":"yes"}}"#, "consent.marketing",
        "expected bool, found a string"
      ),
      (
        #"{"id":"p1","age":30,"tier":"gold","spend":1,"consent":true}"#, "consent",
        "expected an object, found a bool"
      ),
      (
        #"{"id":"p1","age":[30],"tier":"gold","spend":1,"consent":{"marketing":true}}"#, "age",
        "expected int, found an array"
      ),
      (
        #"{"id":7,"age":30,"tier":"gold","spend":1,"consent":{"marketing":true}}"#, "id",
        "expected string, found a number"
      ),
    ]
    for (text, field, message) in cases {
      let error = try #require(try firstError(text), "\(text)")
      #expect(error.code == .invalidValue)
      #expect(error.field == field)
      #expect(error.message == message)
    }
  }

  @Test func moneyAcceptsNumbersAndStrings() throws {
    let text = #"{"id":"p1","age":30,"tier":"gold","spend":"0.10","consent":{"marketing":true}}"#
    #expect(
      Support.rows(try Support.jsonl(text)).first?.value(ofField: 3, in: schema)
        == .money(minorUnits: 10, scale: 2))
    let error = try #require(try firstError(record().replacingOccurrences(of: "1234.5", with: "0.001")))
    #expect(error.message == "`0.001` has more than 2 decimal places")
  }

  @Test func integerOverflowIsAnError() throws {
    let text = record().replacingOccurrences(of: "\"age\":30", with: "\"age\":9223372036854775808")
    let error = try #require(try firstError(text))
    #expect(error.code == .integerOverflow)
    #expect(error.field == "age")
    let minimum = record().replacingOccurrences(of: "\"age\":30", with: "\"age\":-9223372036854775808")
    #expect(Support.rows(try Support.jsonl(minimum)).first?.value(ofField: 1, in: schema) == .int(.min))
  }

  @Test func numbersFollowJSONGrammar() throws {
    for bad in ["01", "+1", "1.", ".5", "1e", "-", "0x10", "1.5.2", "NaN", "Infinity"] {
      let text = record().replacingOccurrences(of: "\"age\":30", with: "\"age\":\(bad)")
      let error = try #require(try firstError(text), "\(bad)")
      #expect(error.code == .malformed, "\(bad)")
    }
    let skipped = record(#","x":01"#)
    #expect(try firstError(skipped)?.code == .malformed)
  }

  @Test func malformedLinesFailAloneAndBlankLinesAreSkipped() throws {
    let lines = [
      record(), "", "   \t", #"{"id":"p2","age":30"#, "[1,2]", record() + " x", "{\"id\":\"p3\"\u{1}}",
      "{\"note\":\"tab\there\"}", record().replacingOccurrences(of: "p1", with: "p9"),
    ]
    let outcomes = try Support.jsonl(lines.joined(separator: "\n") + "\n")
    #expect(outcomes.count == 7)
    let errors = Support.errors(outcomes)
    #expect(errors[0] == nil)
    #expect(errors[1]?.line == 4)
    #expect(errors[1]?.key == "p2")
    #expect(errors[1]?.message == "malformed JSON at column 20: expected `,` or `}`")
    #expect(errors[2]?.message == "malformed JSON at column 1: expected `{` at the start of the record")
    #expect(errors[3]?.message.hasSuffix("unexpected text after the object") == true)
    #expect(errors[4]?.message.hasSuffix("expected `,` or `}`") == true)
    #expect(errors[5]?.message.hasSuffix("control character in a string") == true)
    #expect(errors[6] == nil)
    #expect(Support.rows([outcomes[6]]).first?.line == 9)
    #expect(errors.compactMap { $0?.code }.allSatisfy { $0 == .malformed })
  }

  @Test func badUTF8IsAnEncodingError() throws {
    var bytes = Array(
      #"{"id":"p1","age":30,"tier":"gold","spend":1,"consent":{"marketing":true},"note":""#.utf8)
    bytes += [0xE2, 0x28, 0xA1] + Array("\"}\n".utf8)
    let error = try #require(Support.errors(try Support.jsonl(bytes: bytes)).first ?? nil)
    #expect(error.code == .invalidEncoding)
    #expect(error.field == "note")
  }

  @Test func crlfLineEndingsAndMissingFinalNewline() throws {
    let text = record() + "\r\n\r\n" + record().replacingOccurrences(of: "p1", with: "p2")
    let rows = Support.rows(try Support.jsonl(text))
    #expect(rows.map(\.line) == [1, 3])
  }

  @Test func readsAMegabyteString() throws {
    let big = String(repeating: "0123456789", count: 100_000) + "\u{1F600}"
    let text = record(#","note":""# + big + #"""#) + "\n" + record()
    for chunkSize in [16, 1 << 20] {
      let rows = Support.rows(try Support.jsonl(text, chunkSize: chunkSize))
      #expect(rows.count == 2)
      #expect(rows.first?.value(ofField: 7, in: schema) == .string(big))
    }
  }

  @Test func oversizedLineIsSkipped() throws {
    let text = record(#","note":""# + String(repeating: "x", count: 5000) + #"""#) + "\n" + record() + "\n"
    let outcomes = try Support.jsonl(bytes: Array(text.utf8), chunkSize: 64, maximumRecordSize: 1000)
    let errors = Support.errors(outcomes)
    #expect(errors.count == 2)
    #expect(errors[0]?.message == "record is longer than 1000 bytes")
    #expect(errors[1] == nil)
    #expect(Support.rows([outcomes[1]]).first?.line == 2)
  }

  @Test func emptyInputHasNoRecords() throws {
    #expect(try Support.jsonl("").isEmpty)
    #expect(try Support.jsonl("\n\n  \n").isEmpty)
  }
}

@Suite struct JSONLinesByteOrderMarkTests {
  let record = #"{"id":"p1","age":30,"tier":"gold","spend":1,"consent":{"marketing":true}}"#

  @Test(arguments: [1, 2, 3, 1 << 20])
  func aByteOrderMarkAtTheStartIsIgnored(maximumRead: Int) throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((record + "\n" + record + "\n").utf8)
    let rows = Support.rows(try Support.jsonl(bytes: bytes, chunkSize: 4, maximumRead: maximumRead))
    #expect(rows.map(\.line) == [1, 2])
  }

  @Test func aByteOrderMarkElsewhereIsMalformed() throws {
    let outcomes = try Support.jsonl(record + "\n\u{FEFF}" + record + "\n")
    #expect(Support.errors(outcomes)[0] == nil)
    #expect(Support.errors(outcomes)[1]?.code == .malformed)
    #expect(try Support.jsonl(bytes: [0xEF, 0xBB, 0xBF]).isEmpty)
    #expect(try Support.jsonl(bytes: [0xEF, 0xBB]).count == 1)
  }
}
