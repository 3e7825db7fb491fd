import Testing

@testable import PlumData

/// A column the schema declares must be in a CSV header, even for an optional field, so that a
/// misspelt column is never read as a missing value on every record.
@Suite struct MissingColumnTests {
  let schema = Support.loyaltySchema

  @Test func anOptionalFieldWithoutAColumnIsAFileError() {
    #expect(
      throws: DataError.missingColumns([MissingColumn(field: "last_order", suggestion: "last_ordr")])
    ) {
      try Support.csv("id,age,tier,spend,score,last_ordr,consent.marketing,note\np1,30,gold,1,,,true,\n")
    }
  }

  @Test func everyMissingColumnIsNamedWithItsLikelyMisspelling() throws {
    let header = "id,age,tier,spend,Score,lastorder,consent.marketing,nothing\n"
    let error = try #require(
      throws: DataError.self, performing: { try Support.csv(header) })
    #expect(
      error.description
        == "csv header has no columns for fields `score` (did you mean `Score`?), "
        + "`last_order` (did you mean `lastorder`?), `note`")
  }

  @Test func aColumnNotCloseToAnyFieldIsNoSuggestion() throws {
    let error = try #require(
      throws: DataError.self,
      performing: { try Support.csv("id,age,tier,spend,score,last_visit,consent.marketing,note\n") })
    #expect(error == .missingColumns([MissingColumn(field: "last_order")]))
    #expect(error.description == "csv header has no column for field `last_order`")
  }

  @Test func optionalValuesMayStillBeEmpty() throws {
    let rows = Support.rows(
      try Support.csv("id,age,tier,spend,score,last_order,consent.marketing,note\np1,30,gold,1,,,true,\n"))
    #expect(rows.count == 1)
    #expect(rows[0].value(ofField: 5, in: schema) == nil)
  }

  @Test func aFieldMarkedColumnOptionalMayBeLeftOut() throws {
    let schema = try RecordSchema(
      fields: [
        FieldSpec(path: "id", type: .string),
        FieldSpec(path: "as_of", type: .date, isOptional: true, isColumnOptional: true),
      ],
      keyPath: "id")
    let rows = Support.rows(try Support.csv("id\np1\n", schema: schema))
    #expect(rows.count == 1)
    #expect(rows[0].value(ofField: 1, in: schema) == nil)
  }

  @Test func jsonLinesMayLeaveOutAnOptionalKey() throws {
    let text = #"{"id":"p1","age":30,"tier":"gold","spend":1,"consent":{"marketing":true}}"#
    let rows = Support.rows(try Support.jsonl(text + "\n"))
    #expect(rows.count == 1)
    #expect(rows[0].value(ofField: 5, in: schema) == nil)
  }
}
