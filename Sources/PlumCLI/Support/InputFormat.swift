import Foundation
import PlumData

/// A record file format: CSV or JSON Lines.
enum InputFormat: Sendable, Equatable {
  case csv, jsonLines

  /// The format named by `--input-format`, or else by the path's extension.
  init?(path: String, option: String?) {
    switch option ?? (path as NSString).pathExtension.lowercased() {
    case "csv": self = .csv
    case "jsonl", "ndjson": self = .jsonLines
    default: return nil
    }
  }

  /// A reader of this format over `source`; CSV reads its header here.
  func reader(schema: RecordSchema, source: any ByteSource, options: ReaderOptions = ReaderOptions())
    throws(DataError) -> any RecordReader
  {
    switch self {
    case .csv: try CSVReader(schema: schema, source: source, options: options)
    case .jsonLines: JSONLinesReader(schema: schema, source: source, options: options)
    }
  }
}
