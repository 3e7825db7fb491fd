import PlumData
import PlumRuntime

/// Where the current record comes from: a JSON object typed in, or a row of a data file.
enum RecordOrigin: Sendable, Equatable {
  /// One JSON object, as `--record` or `:record {…}` gives it.
  case json(String)
  /// Row `row` (1-based, counting records, not lines) of the file at `path`.
  case row(path: String, row: Int)

  /// A short description for messages.
  var label: String {
    switch self {
    case .json: "the JSON record"
    case .row(let path, let row): "record \(row) of \(path)"
    }
  }
}

/// Why a record could not be had.
struct RecordProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// One lowercase line.
  var message: String

  var description: String { message }
}

/// Reads single records for evaluation through PlumData's readers.
///
/// A record that cannot be read is described as `plum run` describes it: without the value of a
/// `pii` field or a `pii` key.
enum RecordLoader {
  /// Reads one JSON object as a record of `policy`'s schema.
  static func record(json: String, policy: EvalPolicy) -> Result<RecordRow, RecordProblem> {
    // JSON strings cannot hold raw line breaks, so a pretty-printed object can become one line.
    let line = String(json.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" ? " " : $0 })
    let reader = JSONLinesReader(schema: policy.schema, source: MemorySource(text: line + "\n"))
    return first(of: reader, row: 1, label: "the JSON record", inputs: policy.program.inputs)
  }

  /// Reads record `row` (1-based) from a data file's bytes in `format`.
  static func record(
    row: Int, of bytes: [UInt8], format: InputFormat, path: String, policy: EvalPolicy
  ) -> Result<RecordRow, RecordProblem> {
    guard row >= 1 else { return .failure(RecordProblem(message: "record numbers start at 1")) }
    let reader: any RecordReader
    do {
      reader = try format.reader(schema: policy.schema, source: MemorySource(bytes))
    } catch {
      return .failure(RecordProblem(message: "\(path): \(error)"))
    }
    return first(of: reader, row: row, label: "\(path)", inputs: policy.program.inputs)
  }

  private static func first(of reader: any RecordReader, row: Int, label: String, inputs: InputLayout)
    -> Result<RecordRow, RecordProblem>
  {
    var current = reader.schema.makeRow()
    var count = 0
    do {
      while let status = try reader.next(into: &current) {
        count += 1
        guard count == row else { continue }
        switch status {
        case .record: return .success(current)
        case .failure(let error):
          return .failure(RecordProblem(message: "\(label): \(inputs.redacted(error))"))
        }
      }
    } catch {
      return .failure(RecordProblem(message: "\(label): \(error)"))
    }
    if count == 0 { return .failure(RecordProblem(message: "\(label) holds no record")) }
    return .failure(
      RecordProblem(message: "\(label) has \(count == 1 ? "1 record" : "\(count) records"), not \(row)"))
  }
}
