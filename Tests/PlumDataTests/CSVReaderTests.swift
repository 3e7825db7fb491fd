import Testing

@testable import PlumData

@Suite struct CSVReaderTests {
  let schema = Support.loyaltySchema
  let header = "id,age,tier,spend,score,last_order,consent.marketing,note\n"

  @Test func readsTypedValues() throws {
    let outcomes = try Support.csv(header + "p1,30,gold,1234.5,0.75,2026-11-23,true,hello\n")
    let rows = Support.rows(outcomes)
    #expect(rows.count == 1)
    let row = try #require(rows.first)
    #expect(row.line == 2)
    #expect(
      row.values(in: schema) == [
        .string("p1"), .int(30), .enumeration(caseIndex: 2), .money(minorUnits: 123_450, scale: 2),
        .float(0.75), .date(daysSince1970: 20_780), .bool(true), .string("hello"),
      ])
  }

  @Test func mapsColumnsByNameInAnyOrderAndIgnoresUnknownOnes() throws {
    let text =
      "extra,note,consent.marketing,spend,last_order,tier,age,id,score,other\nx,,false,0.01,,bronze,18,k9,,y\n"
    let row = try #require(Support.rows(try Support.csv(text)).first)
    #expect(row.value(ofField: 0, in: schema) == .string("k9"))
    #expect(row.value(ofField: 3, in: schema) == .money(minorUnits: 1, scale: 2))
    #expect(row.value(ofField: 6, in: schema) == .bool(false))
    #expect(row.value(ofField: 4, in: schema) == nil)
    #expect(row.value(ofField: 7, in: schema) == nil)
  }

  @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
    let text = header + "\"p,1\",30,gold,1,,,true,\"say \"\"hi\"\"\nnext line\"\np2,31,gold,2,,,false,\"\"\n"
    let outcomes = try Support.csv(text)
    let rows = Support.rows(outcomes)
    #expect(rows.count == 2)
    #expect(rows[0].value(ofField: 0, in: schema) == .string("p,1"))
    #expect(rows[0].value(ofField: 7, in: schema) == .string("say \"hi\"\nnext line"))
    #expect(rows[1].line == 4)
    #expect(rows[1].value(ofField: 7, in: schema) == .string(""))
  }

  @Test func emptyUnquotedFieldIsMissing() throws {
    let outcomes = try Support.csv(header + "p1,30,gold,1,,,true,\np2,,gold,1,,,true,x\n")
    let errors = Support.errors(outcomes)
    #expect(errors[0] == nil)
    if case .row(let row) = outcomes[0] { #expect(row.value(ofField: 7, in: schema) == nil) }
    let error = try #require(errors[1])
    #expect(error.code == .missingValue)
    #expect(error.field == "age")
    #expect(error.line == 3)
    #expect(error.key == "p2")
    #expect(error.message == "missing required value")
  }

  @Test func acceptsCRLFBOMAndBlankLines() throws {
    let text =
      "\u{FEFF}\r\n" + header.replacingOccurrences(of: "\n", with: "\r\n")
      + "\r\np1,30,gold,1,,,TRUE,a\r\n\n\np2,31,silver,2,,,False,b"
    let outcomes = try Support.csv(text)
    let rows = Support.rows(outcomes)
    #expect(rows.map(\.line) == [4, 7])
    #expect(rows.map { $0.value(ofField: 6, in: schema) } == [.bool(true), .bool(false)])
    #expect(rows[1].value(ofField: 7, in: schema) == .string("b"))
  }

  @Test func loneCarriageReturnIsData() throws {
    let rows = Support.rows(try Support.csv(header + "p1,30,gold,1,,,true,a\rb\n"))
    #expect(rows.first?.value(ofField: 7, in: schema) == .string("a\rb"))
  }

  @Test func fileLevelProblemsThrow() {
    #expect(throws: DataError.missingHeader) { try Support.csv("") }
    #expect(throws: DataError.missingHeader) { try Support.csv("\n\r\n\n") }
    #expect(
      throws: DataError.missingColumns(
        ["tier", "score", "last_order", "note"].map { MissingColumn(field: $0) })
    ) {
      try Support.csv("id,age,spend,consent.marketing\np1,1,1,true\n")
    }
    #expect(throws: DataError.duplicateColumn(name: "age")) {
      try Support.csv("id,age,tier,spend,score,last_order,consent.marketing,note,age\n")
    }
    #expect(throws: DataError.malformedHeader(reason: "unterminated quoted field")) {
      try Support.csv("id,\"age\n")
    }
    #expect(throws: DataError.malformedHeader(reason: "text is not valid UTF-8")) {
      try Support.csv(
        bytes: Array("id,age,tier,spend,score,last_order,consent.marketing,note,\u{1}".utf8) + [0xFF, 0x0A])
    }
  }

  @Test func headerOnlyHasNoRecords() throws {
    #expect(try Support.csv(header).isEmpty)
    #expect(try Support.csv(String(header.dropLast())).isEmpty)
  }

  @Test func shortAndLongRowsAreRecordErrors() throws {
    let outcomes = try Support.csv(
      header + "p1,30,gold\np2,30,gold,1,,,true,x,extra\np3,30,gold,1,,,true,x\n")
    let errors = Support.errors(outcomes)
    #expect(outcomes.count == 3)
    #expect(errors[0]?.code == .fieldCount)
    #expect(errors[0]?.message == "expected 8 fields, found 3")
    #expect(errors[0]?.key == nil)
    #expect(errors[1]?.message == "expected 8 fields, found 9")
    #expect(errors[1]?.line == 3)
    #expect(errors[2] == nil)
  }

  /// With a column missing, the key column holds another field's text; it must not name the record.
  @Test func rowWithWrongFieldCountHasNoKey() throws {
    let header = "id,note,age,tier,spend,consent.marketing,score,last_order\n"
    let text = header + "secret@example.com,30,gold,1,true\nk2,secret@example.com,30,gold,1,true,x\n"
    let errors = Support.errors(try Support.csv(text))
    #expect(errors.count == 2)
    #expect(errors.allSatisfy { $0?.code == .fieldCount && $0?.key == nil })
    #expect(errors.map { $0?.line } == [2, 3])
  }

  @Test func unterminatedQuoteFailsOneRecordAndReadingGoesOn() throws {
    let text = header + "p1,30,gold,1,,,true,\"oops\np2,31,gold,2,,,true,fine\n"
    let outcomes = try Support.csv(text)
    #expect(outcomes.count == 2)
    let error = try #require(Support.errors(outcomes)[0])
    #expect(error.code == .malformed)
    #expect(error.field == "note")
    #expect(error.line == 2)
    #expect(error.key == "p1")
    #expect(Support.rows([outcomes[1]]).first?.line == 3)
  }

  @Test func textAfterClosingQuoteIsMalformed() throws {
    let outcomes = try Support.csv(header + "p1,\"30\"x,gold,1,,,true,a\np2,30,gold,1,,,true,a\n")
    let error = try #require(Support.errors(outcomes)[0])
    #expect(error.code == .malformed)
    #expect(error.field == "age")
    #expect(error.message == "unexpected text after a closing quote")
    #expect(Support.errors(outcomes)[1] == nil)
  }

  @Test func badValuesNameTheirField() throws {
    let lines = [
      "p1,thirty,gold,1,,,true,a", "p2,30,purple,1,,,true,a", "p3,30,gold,1.234,,,true,a",
      "p4,30,gold,1,,2023-02-29,true,a", "p5,30,gold,1,,,yes,a", "p6,99999999999999999999,gold,1,,,true,a",
      "p7,30,gold,1,abc,,true,a", "p8,30,gold,1,1e999,,true,a",
    ]
    let errors = Support.errors(try Support.csv(header + lines.joined(separator: "\n")))
    let summary = errors.map { error in error.map { "\($0.code.rawValue) \($0.field ?? "-") \($0.message)" } }
    #expect(
      summary == [
        "P0603 age `thirty` is not a valid int",
        "P0603 tier `purple` is not one of bronze, silver, gold, platinum",
        "P0603 spend `1.234` has more than 2 decimal places",
        "P0603 last_order `2023-02-29` is not a valid date (YYYY-MM-DD)",
        "P0603 consent.marketing `yes` is not a valid bool",
        "P0604 age `99999999999999999999` does not fit in 64 bits",
        "P0603 score `abc` is not a valid float",
        "P0603 score `1e999` is out of range for a float",
      ])
    #expect(errors.compactMap { $0?.key } == ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"])
  }

  @Test func badUTF8IsAnEncodingError() throws {
    let bytes =
      Array((header + "p1,30,gold,1,,,true,").utf8) + [0xC3, 0x28] + Array("\np2,1,gold,1,,,true,ok\n".utf8)
    let outcomes = try Support.csv(bytes: bytes)
    let error = try #require(Support.errors(outcomes)[0])
    #expect(error.code == .invalidEncoding)
    #expect(error.field == "note")
    #expect(Support.errors(outcomes)[1] == nil)
  }

  @Test func readsAMegabyteField() throws {
    let big = String(repeating: "abcdefghij", count: 100_000) + "é"
    let text = header + "p1,30,gold,1,,,true,\"\(big)\"\np2,30,gold,1,,,true,\(big)\n"
    for chunkSize in [16, 4096, 1 << 20] {
      let rows = Support.rows(try Support.csv(text, chunkSize: chunkSize))
      #expect(rows.count == 2)
      #expect(rows.allSatisfy { $0.value(ofField: 7, in: schema) == .string(big) })
    }
  }

  @Test func oversizedRecordIsSkippedWithBoundedMemory() throws {
    let big = String(repeating: "x", count: 5000)
    let text = header + "p1,30,gold,1,,,true,\(big)\np2,30,gold,1,,,true,ok\n"
    let outcomes = try Support.csv(bytes: Array(text.utf8), chunkSize: 64, maximumRecordSize: 1000)
    let errors = Support.errors(outcomes)
    #expect(errors.count == 2)
    #expect(errors[0]?.code == .malformed)
    #expect(errors[0]?.message == "record is longer than 1000 bytes")
    #expect(errors[0]?.line == 2)
    #expect(errors[1] == nil)
  }

  @Test func opensFilesAndReportsMissingOnes() throws {
    #expect(throws: DataError.cannotOpen(path: "/nonexistent/plum.csv", errno: 2)) {
      try CSVReader(schema: schema, path: "/nonexistent/plum.csv")
    }
  }
}
