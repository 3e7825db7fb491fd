import Foundation
import PlumTestSupport
import Testing

@testable import PlumData

/// Schemas, readers over text and outcome dumps shared by the tests.
enum Support {
  /// The loyalty workload's fields, with a nested consent group and an optional date.
  static let loyaltySchema: RecordSchema = {
    do {
      return try RecordSchema(
        fields: [
          FieldSpec(path: "id", type: .string),
          FieldSpec(path: "age", type: .int),
          FieldSpec(path: "tier", type: .enumeration(["bronze", "silver", "gold", "platinum"])),
          FieldSpec(path: "spend", type: .money(scale: 2)),
          FieldSpec(path: "score", type: .float, isOptional: true),
          FieldSpec(path: "last_order", type: .date, isOptional: true),
          FieldSpec(path: "consent.marketing", type: .bool),
          FieldSpec(path: "note", type: .string, isOptional: true),
        ],
        keyPath: "id")
    } catch {
      preconditionFailure("the test schema is valid: \(error)")
    }
  }()

  /// Reads CSV text with a given chunk size and largest read.
  static func csv(
    _ text: String, schema: RecordSchema = loyaltySchema, chunkSize: Int = 1 << 20, maximumRead: Int = .max
  ) throws -> [RecordOutcome] {
    try csv(bytes: Array(text.utf8), schema: schema, chunkSize: chunkSize, maximumRead: maximumRead)
  }

  /// Reads CSV bytes with a given chunk size and largest read.
  static func csv(
    bytes: [UInt8], schema: RecordSchema = loyaltySchema, chunkSize: Int = 1 << 20, maximumRead: Int = .max,
    maximumRecordSize: Int = 64 << 20
  ) throws -> [RecordOutcome] {
    let options = ReaderOptions(chunkSize: chunkSize, maximumRecordSize: maximumRecordSize)
    let reader = try CSVReader(
      schema: schema, source: MemorySource(bytes, maximumReadSize: maximumRead), options: options)
    return try reader.readAll()
  }

  /// Reads JSON Lines text with a given chunk size and largest read.
  static func jsonl(
    _ text: String, schema: RecordSchema = loyaltySchema, chunkSize: Int = 1 << 20, maximumRead: Int = .max
  ) throws -> [RecordOutcome] {
    try jsonl(bytes: Array(text.utf8), schema: schema, chunkSize: chunkSize, maximumRead: maximumRead)
  }

  /// Reads JSON Lines bytes with a given chunk size and largest read.
  static func jsonl(
    bytes: [UInt8], schema: RecordSchema = loyaltySchema, chunkSize: Int = 1 << 20, maximumRead: Int = .max,
    maximumRecordSize: Int = 64 << 20
  ) throws -> [RecordOutcome] {
    let options = ReaderOptions(chunkSize: chunkSize, maximumRecordSize: maximumRecordSize)
    let reader = JSONLinesReader(
      schema: schema, source: MemorySource(bytes, maximumReadSize: maximumRead), options: options)
    return try reader.readAll()
  }

  /// The rows of successful outcomes, failing the test on any error.
  static func rows(_ outcomes: [RecordOutcome], sourceLocation: SourceLocation = #_sourceLocation)
    -> [RecordRow]
  {
    outcomes.compactMap { outcome in
      switch outcome {
      case .row(let row): return row
      case .failure(let error):
        Issue.record("unexpected failure: \(error)", sourceLocation: sourceLocation)
        return nil
      }
    }
  }

  /// The errors of failed outcomes, with `nil` for rows, in order.
  static func errors(_ outcomes: [RecordOutcome]) -> [RecordError?] {
    outcomes.map { outcome in
      if case .failure(let error) = outcome { return error }
      return nil
    }
  }

  /// One line per outcome: `line N ok: field=value …` or the error's description.
  static func dump(_ outcomes: [RecordOutcome], schema: RecordSchema = loyaltySchema) -> String {
    outcomes.map { outcome in
      switch outcome {
      case .failure(let error): return error.description
      case .row(let row):
        let values = schema.fields.indices.map { field in
          let text = row.text(ofField: field, in: schema).map { text in
            "`"
              + text.unicodeScalars.map { $0.value < 0x20 ? $0.escaped(asASCII: true) : String($0) }.joined()
              + "`"
          }
          return "\(schema.fields[field].path)=" + (text ?? "-")
        }
        return "line \(row.line) ok: " + values.joined(separator: " ")
      }
    }.joined(separator: "\n") + "\n"
  }

  /// The fixtures folder beside this file.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// Compares `actual` with the golden file `name`, rewriting it only when `PLUM_RECORD=1`; a
  /// missing golden file fails.
  static func assertGolden(
    _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    GoldenFiles(directory: fixtures.appendingPathComponent("golden")).expect(
      actual, name, sourceLocation: sourceLocation)
  }

}
