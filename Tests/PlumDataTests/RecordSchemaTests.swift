import Testing

@testable import PlumData

@Suite struct RecordSchemaTests {
  @Test func assignsSlotsPerStorageInFieldOrder() throws {
    let schema = try RecordSchema(
      fields: [
        FieldSpec(path: "id", type: .string), FieldSpec(path: "age", type: .int),
        FieldSpec(path: "score", type: .float), FieldSpec(path: "tier", type: .enumeration(["a", "b"])),
        FieldSpec(path: "c.m", type: .bool), FieldSpec(path: "name", type: .string),
        FieldSpec(path: "when", type: .date), FieldSpec(path: "spend", type: .money(scale: 2)),
      ],
      keyPath: "id")
    #expect(schema.keyField == 0)
    #expect(schema.slots.map(\.index) == [0, 0, 0, 1, 2, 1, 3, 4])
    #expect(schema.slots.map(\.storage) == [.string, .int, .float, .int, .int, .string, .int, .int])
    #expect((schema.intSlotCount, schema.floatSlotCount, schema.stringSlotCount) == (5, 1, 2))
    #expect(schema.fieldIndex(ofPath: "c.m") == 4)
    let row = schema.makeRow()
    #expect(row.ints.count == 5 && row.floats.count == 1 && row.strings.count == 2)
    #expect(row.present == Array(repeating: false, count: 8))
  }

  @Test func rejectsBadSchemas() {
    let int = FieldType.int
    #expect(throws: SchemaError.invalidPath("a..b")) {
      try RecordSchema(fields: [FieldSpec(path: "a..b", type: int)])
    }
    #expect(throws: SchemaError.invalidPath("")) {
      try RecordSchema(fields: [FieldSpec(path: "", type: int)])
    }
    #expect(throws: SchemaError.duplicatePath("a")) {
      try RecordSchema(fields: [FieldSpec(path: "a", type: int), FieldSpec(path: "a", type: .bool)])
    }
    #expect(throws: SchemaError.conflictingPaths("a", "a.b")) {
      try RecordSchema(fields: [FieldSpec(path: "a.b", type: int), FieldSpec(path: "a", type: int)])
    }
    #expect(throws: SchemaError.unknownKey("k")) {
      try RecordSchema(fields: [FieldSpec(path: "a", type: int)], keyPath: "k")
    }
    #expect(throws: SchemaError.optionalKey("a")) {
      try RecordSchema(fields: [FieldSpec(path: "a", type: int, isOptional: true)], keyPath: "a")
    }
    #expect(throws: SchemaError.invalidScale(path: "m", scale: 19)) {
      try RecordSchema(fields: [FieldSpec(path: "m", type: .money(scale: 19))])
    }
    #expect(throws: SchemaError.invalidCases(path: "e")) {
      try RecordSchema(fields: [FieldSpec(path: "e", type: .enumeration(["x", "x"]))])
    }
    #expect(throws: SchemaError.invalidCases(path: "e")) {
      try RecordSchema(fields: [FieldSpec(path: "e", type: .enumeration([]))])
    }
  }

  @Test func errorCodesAreStableAndDistinct() {
    #expect(
      RecordErrorCode.allCases.map(\.rawValue) == [
        "P0601", "P0602", "P0603", "P0604", "P0605", "P0606", "P0607", "P0608",
      ])
    let error = RecordError(
      line: 12, key: "p1", field: "age", code: .invalidValue, message: "`x` is not a valid int")
    #expect(error.description == "line 12 (key `p1`): error[P0603]: field `age`: `x` is not a valid int")
  }

  @Test func rowsRenderFieldsAsText() throws {
    let schema = try RecordSchema(fields: [
      FieldSpec(path: "m", type: .money(scale: 2)), FieldSpec(path: "d", type: .date),
      FieldSpec(path: "e", type: .enumeration(["x", "y"])), FieldSpec(path: "b", type: .bool),
    ])
    var row = schema.makeRow()
    row.ints = [-5, 0, 1, 1]
    row.present = [true, true, true, false]
    #expect(row.text(ofField: 0, in: schema) == "-0.05")
    #expect(row.text(ofField: 1, in: schema) == "1970-01-01")
    #expect(row.text(ofField: 2, in: schema) == "y")
    #expect(row.text(ofField: 3, in: schema) == nil)
  }
}
