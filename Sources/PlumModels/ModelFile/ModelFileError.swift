/// Why a model file (Plum's own or XGBoost's JSON) could not be read.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text is not valid JSON (or ends early); `offset` is a UTF-8 byte offset.
  case malformedJSON(offset: Int, reason: String)
  /// A required field is absent; the path names it, e.g. `parameters.coefficients`.
  case missingField(String)
  /// A field has the wrong JSON type.
  case wrongType(field: String, expected: String, found: String)
  /// Two fields that must have the same length do not.
  case lengthMismatch(field: String, expected: Int, actual: Int)
  /// A field has a value outside what it allows.
  case invalidValue(field: String, reason: String)
  /// The file asks for something Plum does not implement (a model kind, objective or version).
  case unsupported(field: String, value: String)
  /// The fields are well-formed but do not make a valid model.
  case invalidModel(ModelError)
  /// The file holds a different kind of model than the caller asked for.
  case kindMismatch(expected: String, found: String)

  /// A one-line, lower-case explanation suitable for a diagnostic.
  public var description: String {
    switch self {
    case .malformedJSON(let offset, let reason):
      return "the model file is not valid JSON at byte \(offset): \(reason)"
    case .missingField(let field):
      return "the model file has no `\(field)`"
    case .wrongType(let field, let expected, let found):
      return "`\(field)` should be \(expected) but is \(found)"
    case .lengthMismatch(let field, let expected, let actual):
      return "`\(field)` has \(actual) entries where \(expected) were expected"
    case .invalidValue(let field, let reason):
      return "`\(field)` is invalid: \(reason)"
    case .unsupported(let field, let value):
      return "`\(field)` is `\(value)`, which Plum does not support"
    case .invalidModel(let error):
      return "the model file does not describe a valid model: \(error.description)"
    case .kindMismatch(let expected, let found):
      return "expected a `\(expected)` model but the file holds a `\(found)` model"
    }
  }
}
