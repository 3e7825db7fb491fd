/// A reader that turns its input into one outcome per record, in input order.
public protocol RecordReader: AnyObject {
  /// The schema rows are filled for.
  var schema: RecordSchema { get }

  /// Reads the next record into `row` and returns `.record`, or returns `.failure` for a bad
  /// record, or `nil` at the end of input.
  /// - Throws: `DataError` only for I/O failures.
  func next(into row: inout RecordRow) throws(DataError) -> ReadStatus?
}

extension RecordReader {
  /// Reads every remaining record; for tests and small inputs (each row is copied).
  public func readAll() throws(DataError) -> [RecordOutcome] {
    var row = schema.makeRow()
    var outcomes: [RecordOutcome] = []
    while let status = try next(into: &row) {
      switch status {
      case .record: outcomes.append(.row(row))
      case .failure(let error): outcomes.append(.failure(error))
      }
    }
    return outcomes
  }
}
