/// A problem that stops reading or writing altogether: I/O failures and file-level problems.
public enum DataError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A file could not be opened; `errno` is the system's error number.
  case cannotOpen(path: String, errno: Int32)
  /// Reading failed with the system's error number.
  case readFailed(errno: Int32)
  /// Writing failed with the system's error number.
  case writeFailed(errno: Int32)
  /// A CSV input has no header row (it is empty or only blank lines).
  case missingHeader
  /// The CSV header row itself is malformed (unterminated quote, bad UTF-8).
  case malformedHeader(reason: String)
  /// Fields have no column in the CSV header, in schema order.
  case missingColumns([MissingColumn])
  /// Two CSV header columns name the same field.
  case duplicateColumn(name: String)

  /// A one-line lowercase description.
  public var description: String {
    switch self {
    case .cannotOpen(let path, let errno): "cannot open `\(path)`: \(SystemError.describe(errno))"
    case .readFailed(let errno): "read failed: \(SystemError.describe(errno))"
    case .writeFailed(let errno): "write failed: \(SystemError.describe(errno))"
    case .missingHeader: "csv input has no header row"
    case .malformedHeader(let reason): "csv header row is malformed: \(reason)"
    case .missingColumns(let columns): MissingColumn.describe(columns)
    case .duplicateColumn(let name): "csv header has column `\(name)` more than once"
    }
  }
}

/// A field without a column in a CSV header, with the header's likely misspelling of it.
public struct MissingColumn: Hashable, Sendable {
  /// The field's dotted path, which is the column's expected header.
  public var field: String
  /// A header column the schema does not use and whose name is close to the field's.
  public var suggestion: String?

  /// Creates a missing column.
  public init(field: String, suggestion: String? = nil) {
    self.field = field
    self.suggestion = suggestion
  }

  /// `csv header has no column for field `a` (did you mean `b`?)`, listing every missing field.
  static func describe(_ columns: [MissingColumn]) -> String {
    let names = columns.map { column in
      "`\(column.field)`" + (column.suggestion.map { " (did you mean `\($0)`?)" } ?? "")
    }
    let noun = columns.count == 1 ? "column for field" : "columns for fields"
    return "csv header has no \(noun) " + names.joined(separator: ", ")
  }
}
