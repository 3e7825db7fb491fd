import PlumModels
import Testing

@testable import PlumData

@Suite struct KeyRegistryTests {
  let schema = Support.loyaltySchema

  private func row(key: String?, line: Int = 1) -> RecordRow {
    var row = schema.makeRow()
    row.line = line
    if let key {
      row.strings[schema.slots[0].index] = key
      row.present[0] = true
    }
    return row
  }

  @Test func aRepeatedKeyNamesTheFirstRecordThatHadIt() throws {
    let keys = try #require(KeyRegistry(schema: schema))
    #expect(keys.admit(row(key: "p1"), record: 1) == nil)
    #expect(keys.admit(row(key: "p2"), record: 2) == nil)
    let error = try #require(keys.admit(row(key: "p1", line: 9), record: 3))
    #expect(error.code == .duplicateRecordKey)
    #expect(error.key == "p1")
    #expect(error.line == 9)
    #expect(error.message == "key already seen in record 1")
    // The repeat does not replace the first record: a third one still names record 1.
    #expect(keys.admit(row(key: "p1"), record: 4)?.message == "key already seen in record 1")
    #expect(keys.count == 2)
  }

  @Test func keysAreComparedExactly() throws {
    let keys = try #require(KeyRegistry(schema: schema))
    for (record, key) in ["", "a", "A", "a ", "é", "e\u{301}", "p1", "p10", "p01"].enumerated() {
      #expect(keys.admit(row(key: key), record: record + 1) == nil, "\(key)")
    }
    #expect(keys.admit(row(key: ""), record: 20)?.message == "key already seen in record 1")
    #expect(keys.admit(row(key: "e\u{301}"), record: 21)?.message == "key already seen in record 6")
  }

  @Test func aRowWithoutItsKeyAndASchemaWithoutAKeyAreLeftAlone() throws {
    let keys = try #require(KeyRegistry(schema: schema))
    #expect(keys.admit(row(key: nil), record: 1) == nil)
    #expect(keys.admit(row(key: nil), record: 2) == nil)
    let keyless = try RecordSchema(fields: [FieldSpec(path: "id", type: .string)])
    #expect(KeyRegistry(schema: keyless) == nil)
  }

  @Test func theKeyOfARecordThatFailedCountsToo() throws {
    let keys = try #require(KeyRegistry(schema: schema))
    keys.admit(RecordError(line: 2, key: "p1", field: "age", code: .invalidValue, message: "bad"), record: 1)
    keys.admit(RecordError(line: 3, key: nil, field: nil, code: .malformed, message: "bad"), record: 2)
    #expect(keys.admit(row(key: "p1"), record: 3)?.message == "key already seen in record 1")
    let outcome = keys.admit(.row(row(key: "p1", line: 5)), record: 4)
    guard case .failure(let error) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(error.line == 5)
  }

  @Test func intKeysAreCompared() throws {
    let schema = try RecordSchema(fields: [FieldSpec(path: "id", type: .int)], keyPath: "id")
    let keys = try #require(KeyRegistry(schema: schema))
    var row = schema.makeRow()
    row.present[0] = true
    for (record, value) in [Int64(0), -1, 1, .max, .min].enumerated() {
      row.ints[0] = value
      #expect(keys.admit(row, record: record + 1) == nil)
    }
    row.ints[0] = -1
    #expect(keys.admit(row, record: 9)?.message == "key already seen in record 2")
    #expect(keys.admit(row, record: 9)?.key == "-1")
  }

  /// Keys in the orders a run meets them: random, sorted (as an export often is), sorted with
  /// repeats of earlier keys mixed in, and reversed.
  static let orders: [String] = ["random", "sorted", "sorted with repeats", "reversed"]

  /// Many keys, across several growths of the table, against a dictionary.
  @Test(arguments: orders)
  func agreesWithADictionaryOverManyKeys(order: String) throws {
    let keys = try #require(KeyRegistry(schema: schema))
    var generator = SplitMix64(seed: 9)
    let numbers: [UInt64] =
      switch order {
      case "random": (0..<50_000).map { _ in generator.next() % 30_000 }
      case "sorted": Array(0..<50_000)
      case "sorted with repeats":
        (0..<50_000).map { $0 % 7 == 3 ? generator.next() % UInt64($0) : UInt64($0) }
      default: (0..<50_000).reversed().map { UInt64($0) }
      }
    var seen: [String: Int] = [:]
    for (index, number) in numbers.enumerated() {
      let record = index + 1
      // Unpadded numbers: `m9` comes before `m10` in the order the registry expects of sorted keys.
      let key = "m" + String(number)
      let error = keys.admit(row(key: key), record: record)
      if let first = seen[key] {
        #expect(error?.message == "key already seen in record \(first)", "\(key)")
      } else {
        #expect(error == nil, "\(key)")
        seen[key] = record
      }
    }
    #expect(keys.count == seen.count)
  }
}
