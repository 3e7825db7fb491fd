import Foundation
import PlumData

/// A file of records (CSV or JSON Lines) read whole with a policy's schema.
struct RecordFile {
  /// Why records could not be read at all.
  enum Failure: Error, CustomStringConvertible {
    /// The file could not be read.
    case file(FileError)
    /// The file is not usable with the schema (no header, a missing column).
    case data(DataError)
    /// The path does not say which format it has.
    case unknownFormat(String)

    var description: String {
      switch self {
      case .file(let error): "\(error)"
      case .data(let error): error.description
      case .unknownFormat(let path):
        "cannot tell the format of '\(path)'; use a .csv, .jsonl or .ndjson name"
      }
    }
  }

  let path: String
  let format: InputFormat
  let schema: RecordSchema

  /// Calls `visit` with each record's 1-based number and outcome until it returns false.
  func scan(io: CommandIO, _ visit: (Int, RecordOutcome) -> Bool) throws(Failure) {
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(path)
    } catch {
      throw .file(error)
    }
    do {
      let reader = try format.reader(schema: schema, source: MemorySource(bytes))
      var row = schema.makeRow()
      var number = 1
      while let status = try reader.next(into: &row) {
        let outcome: RecordOutcome =
          switch status {
          case .record: .row(row)
          case .failure(let error): .failure(error)
          }
        if !visit(number, outcome) { return }
        number += 1
      }
    } catch {
      throw .data(error)
    }
  }

  /// Every record's outcome, in order.
  func readAll(io: CommandIO) throws(Failure) -> [RecordOutcome] {
    var outcomes: [RecordOutcome] = []
    try scan(io: io) { _, outcome in
      outcomes.append(outcome)
      return true
    }
    return outcomes
  }
}
