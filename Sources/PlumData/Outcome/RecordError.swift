/// Why one record could not be read; reading goes on with the next record.
public struct RecordError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The 1-based physical line number where the record starts.
  public var line: Int
  /// The record's key as text, if the key field could be read.
  public var key: String?
  /// The dotted path of the field at fault, if the problem concerns one field.
  public var field: String?
  /// The stable error code.
  public var code: RecordErrorCode
  /// One lowercase line without a final period; user input appears in backticks.
  public var message: String

  /// Creates a record error.
  public init(line: Int, key: String?, field: String?, code: RecordErrorCode, message: String) {
    self.line = line
    self.key = key
    self.field = field
    self.code = code
    self.message = message
  }

  /// `line 12 (key `p1`): error[P0603]: field `age`: …` on one line.
  public var description: String {
    var text = "line \(line)"
    if let key { text += " (key `\(key)`)" }
    text += ": error[\(code.rawValue)]: "
    if let field { text += "field `\(field)`: " }
    return text + message
  }
}
