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
  /// A required field has no column in the CSV header.
  case missingColumn(field: String)
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
    case .missingColumn(let field): "csv header has no column for required field `\(field)`"
    case .duplicateColumn(let name): "csv header has column `\(name)` more than once"
    }
  }
}
