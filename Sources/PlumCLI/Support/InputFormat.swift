import Foundation
import PlumData

/// A record file format: CSV or JSON Lines.
enum InputFormat: Sendable, Equatable {
  case csv, jsonLines

  /// The format named by `--input-format`, or else by the path's extension.
  init?(path: String, option: String?) {
    switch option ?? Self.fileExtension(of: path).lowercased() {
    case "csv": self = .csv
    case "jsonl", "ndjson": self = .jsonLines
    default: return nil
    }
  }

  /// The text after the last `.` of the path's last component (`""` when there is none, and for
  /// `-`), by plain string work: Foundation's path functions trap on `"-"` on Linux.
  static func fileExtension(of path: String) -> String {
    let name = path.split(separator: "/", omittingEmptySubsequences: true).last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return String(name[name.index(after: dot)...])
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
