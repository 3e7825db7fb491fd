// libFuzzer target: CSV and JSON Lines bytes through the readers, read whole and in small pieces.
// Built by Fuzz/run.sh.
import PlumData

/// A schema with every field type, an optional date, a nested group and a key.
let fuzzSchema: RecordSchema? = try? RecordSchema(
  fields: [
    FieldSpec(path: "id", type: .string),
    FieldSpec(path: "age", type: .int),
    FieldSpec(path: "tier", type: .enumeration(["bronze", "silver", "gold"])),
    FieldSpec(path: "spend", type: .money(scale: 2)),
    FieldSpec(path: "score", type: .float, isOptional: true),
    FieldSpec(path: "last_order", type: .date, isOptional: true),
    FieldSpec(path: "consent.marketing", type: .bool),
    FieldSpec(path: "note", type: .string, isOptional: true, isColumnOptional: true),
  ],
  keyPath: "id")

/// Everything a reader makes of `bytes`: the outcomes, or the error that stopped it.
enum Reading: Equatable {
  case outcomes([RecordOutcome])
  case stopped([RecordOutcome], DataError)
}

func read(_ bytes: [UInt8], csv: Bool, schema: RecordSchema, chunkSize: Int, readSize: Int, recordLimit: Int)
  -> Reading
{
  let options = ReaderOptions(chunkSize: chunkSize, maximumRecordSize: recordLimit)
  let source = MemorySource(bytes, maximumReadSize: readSize)
  var outcomes: [RecordOutcome] = []
  do {
    let reader: any RecordReader =
      csv
      ? try CSVReader(schema: schema, source: source, options: options)
      : JSONLinesReader(schema: schema, source: source, options: options)
    var row = schema.makeRow()
    while let status = try reader.next(into: &row) {
      switch status {
      case .record: outcomes.append(.row(row))
      case .failure(let error): outcomes.append(.failure(error))
      }
    }
  } catch {
    return .stopped(outcomes, error)
  }
  return .outcomes(outcomes)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzData(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  guard size > 0, let schema = fuzzSchema else { return 0 }
  // The first byte picks the format and the small read size (1–64 bytes); the rest is the file.
  let control = data[0]
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let csv = control & 0x80 == 0
  let small = Int(control & 0x3F) + 1
  // A small record limit makes the oversized-record path reachable with small inputs.
  let limit = control & 0x40 == 0 ? 64 << 20 : 256
  let whole = read(bytes, csv: csv, schema: schema, chunkSize: 1 << 20, readSize: .max, recordLimit: limit)
  let pieces = read(bytes, csv: csv, schema: schema, chunkSize: 1 << 20, readSize: small, recordLimit: limit)
  if whole != pieces {
    fuzzFailure(
      "\(csv ? "CSV" : "JSON Lines") read in \(small)-byte pieces gives other records:\n\(whole)\n\(pieces)")
  }
  return 0
}
