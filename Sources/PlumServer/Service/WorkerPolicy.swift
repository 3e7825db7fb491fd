import PlumData
import PlumRuntime

/// One served policy on one worker: its runners (a runner is single-threaded), a reader reused for
/// every request body, and the worker's tally for the policy's metrics.
final class WorkerPolicy {
  let snapshot: PolicySnapshot
  let runner: DecisionRunner
  let reader: JSONLinesReader
  var row: RecordRow
  let tallyIndex: Int
  var tally: DecisionTally
  private var explainParts: (runner: DecisionRunner, reader: JSONLinesReader, row: RecordRow)?
  private let asOfSlot: Int?
  /// The response header lines last built, and what they were built for.
  private var cachedHeaders: (asOf: Int64, source: AsOfSource, text: String)?

  init(snapshot: PolicySnapshot, metrics: WorkerMetrics) throws(SchemaError) {
    self.snapshot = snapshot
    let runner = try DecisionRunner(program: snapshot.program, asOf: 0)
    self.runner = runner
    reader = Self.reader(for: runner.schema)
    row = runner.schema.makeRow()
    tallyIndex = metrics.beginTally(policy: snapshot.name, rewardNames: snapshot.rewardNames)
    tally = DecisionTally(rewardCount: snapshot.program.rewards.count)
    asOfSlot = snapshot.asOfFieldIndex.map { runner.schema.slots[$0].index }
  }

  /// A reader that is only ever handed records from memory.
  private static func reader(for schema: RecordSchema) -> JSONLinesReader {
    JSONLinesReader(schema: schema, source: MemorySource([]), options: ReaderOptions(chunkSize: 64))
  }

  /// Decides the records of a body, writing one line per record to `writer`; returns how the
  /// records fared, for the response's status.
  func decide(
    _ records: RequestRecords, body: UnsafeBufferPointer<UInt8>, asOf: Int64, explain: Bool,
    to writer: JSONLinesWriter, lineEnds: inout [Int]
  ) throws(SchemaError) -> (readFailures: Int, faults: Int) {
    let runner: DecisionRunner
    let reader: JSONLinesReader
    if explain {
      let parts = try explainRunner()
      runner = parts.runner
      reader = parts.reader
    } else {
      runner = self.runner
      reader = self.reader
    }
    var outcome = (readFailures: 0, faults: 0)
    // A record repeating an earlier record's key in the same request is refused, as in a run.
    let keys = records.records.count > 1 ? KeyRegistry(schema: runner.schema) : nil
    for (position, record) in records.records.enumerated() {
      let status = reader.read(
        record: UnsafeBufferPointer(rebasing: body[record.range]), line: record.line, into: &row)
      decideOne(
        status, number: position + 1, runner: runner, keys: keys, asOf: asOf, explain: explain, to: writer,
        outcome: &outcome)
      lineEnds.append(writer.byteCount)
    }
    return outcome
  }

  /// Decides the records of a CSV body (a header line, then one record per line).
  /// - Throws: `DataError` when the header does not fit the policy's input.
  @discardableResult
  func decideCSV(
    body: UnsafeBufferPointer<UInt8>, asOf: Int64, explain: Bool, to writer: JSONLinesWriter
  ) throws -> (readFailures: Int, faults: Int) {
    let runner = explain ? try explainRunner().runner : self.runner
    let reader = try CSVReader(
      schema: runner.schema, source: MemorySource(Array(body)),
      options: ReaderOptions(chunkSize: body.count + 1))
    var outcome = (readFailures: 0, faults: 0)
    let keys = KeyRegistry(schema: runner.schema)
    var number = 1
    while let status = try reader.next(into: &row) {
      decideOne(
        status, number: number, runner: runner, keys: keys, asOf: asOf, explain: explain, to: writer,
        outcome: &outcome)
      number += 1
    }
    return outcome
  }

  /// Decides one read record (or writes why it could not be read) and tallies it.
  private func decideOne(
    _ status: ReadStatus, number: Int, runner: DecisionRunner, keys: KeyRegistry?, asOf: Int64, explain: Bool,
    to writer: JSONLinesWriter, outcome: inout (readFailures: Int, faults: Int)
  ) {
    tally.records += 1
    var status = status
    switch status {
    case .record: if let duplicate = keys?.admit(row, record: number) { status = .failure(duplicate) }
    case .failure(let error): keys?.admit(error, record: number)
    }
    switch status {
    case .record:
      var recordAsOf = asOf
      if let field = snapshot.asOfFieldIndex, let asOfSlot, row.present[field] {
        recordAsOf = row.ints[asOfSlot]
      }
      runner.setAsOf(recordAsOf)
      if runner.decide(row, record: number, explain: explain, to: writer) {
        tally.decisions += 1
        for index in runner.selectedRewards { tally.rewardCounts[index] += 1 }
      } else {
        outcome.faults += 1
        tally.errorsByCode[runner.machine.fault?.code.rawValue ?? "P0500", default: 0] += 1
      }
    case .failure(let error):
      outcome.readFailures += 1
      tally.errorsByCode[error.code.rawValue, default: 0] += 1
      runner.reject(error, record: number, to: writer)
    }
  }

  /// Writes the record error object for a body whose framing is broken.
  func reject(_ malformed: RequestRecords.Malformed, to writer: JSONLinesWriter) {
    tally.records += 1
    tally.errorsByCode[RecordErrorCode.malformed.rawValue, default: 0] += 1
    let error = RecordError(
      line: malformed.line, key: nil, field: nil, code: .malformed,
      message: "malformed JSON at column \(malformed.column): \(malformed.message)")
    runner.reject(error, record: 1, to: writer)
  }

  private func explainRunner() throws(SchemaError) -> (runner: DecisionRunner, reader: JSONLinesReader) {
    if let explainParts { return (explainParts.runner, explainParts.reader) }
    let runner = try DecisionRunner(program: snapshot.explainProgram, asOf: 0)
    let reader = Self.reader(for: runner.schema)
    explainParts = (runner, reader, runner.schema.makeRow())
    return (runner, reader)
  }

  /// The response's header lines: the as-of date and where it came from, and the policy served.
  func headers(asOf: Int64, source: AsOfSource) -> String {
    if let cachedHeaders, cachedHeaders.asOf == asOf, cachedHeaders.source == source {
      return cachedHeaders.text
    }
    var text = "Plum-As-Of: \(CivilDate.format(asOf))\r\nPlum-As-Of-Source: \(source.rawValue)\r\n"
    if let field = snapshot.asOfField { text += "Plum-As-Of-Field: \(field)\r\n" }
    text += "Plum-Policy: \(snapshot.name)\r\nPlum-Policy-Hash: \(snapshot.contentHash)\r\n"
    cachedHeaders = (asOf, source, text)
    return text
  }
}

/// Where a request's as-of date came from.
enum AsOfSource: String {
  /// The `as_of` query parameter or the `Plum-As-Of` header.
  case request
  /// Neither was given: today's UTC date, said so in the response.
  case today
}

extension DecisionRunner {
  /// Sets the date `today` means for the records decided next.
  func setAsOf(_ days: Int64) {
    machine.asOf = days
  }
}
