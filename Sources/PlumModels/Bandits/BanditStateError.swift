/// Why a bandit state file could not be read.
public enum BanditStateError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text ends before the JSON document does (a truncated or half-written file).
  case truncated(offset: Int)
  /// The text is not valid JSON; `offset` is a UTF-8 byte offset.
  case malformedJSON(offset: Int, reason: String)
  /// The document is JSON but not a Plum bandit state.
  case notABanditState
  /// The state was written by a format version this code does not read.
  case unsupportedVersion(Int)
  /// The state belongs to another bandit (another name, perhaps another policy).
  case otherBandit(expected: String, found: String)
  /// The state was written by another algorithm.
  case algorithmMismatch(expected: String, found: String)
  /// The state's arms are not the bandit's arms, in the same order.
  case armsMismatch(expected: [String], found: [String])
  /// A parameter the statistics depend on differs from the bandit's.
  case parameterMismatch(name: String, expected: Double, found: Double)
  /// A required field is absent.
  case missingField(String)
  /// A field has the wrong JSON type.
  case wrongType(field: String, expected: String, found: String)
  /// A field has the wrong number of entries.
  case lengthMismatch(field: String, expected: Int, found: Int)
  /// A field's value is out of range.
  case invalidValue(field: String, reason: String)

  /// A one-line, lower-case explanation.
  public var description: String {
    switch self {
    case .truncated(let offset):
      return "the bandit state ends early at byte \(offset); the file is truncated"
    case .malformedJSON(let offset, let reason):
      return "the bandit state is not valid JSON at byte \(offset): \(reason)"
    case .notABanditState:
      return "the file is not a plum bandit state"
    case .unsupportedVersion(let version):
      return
        "the bandit state has format version \(version); this plum reads version \(BanditState.formatVersion)"
    case .otherBandit(let expected, let found):
      return "the state belongs to bandit `\(found)`, not `\(expected)`"
    case .algorithmMismatch(let expected, let found):
      return "the state was written by `\(found)`, not `\(expected)`"
    case .armsMismatch(let expected, let found):
      return "the state's arms [\(found.joined(separator: ", "))] are not the bandit's arms "
        + "[\(expected.joined(separator: ", "))]"
    case .parameterMismatch(let name, let expected, let found):
      return "the state was learned with `\(name)` \(found), but the bandit has \(expected)"
    case .missingField(let field):
      return "the bandit state has no `\(field)`"
    case .wrongType(let field, let expected, let found):
      return "`\(field)` should be \(expected) but is \(found)"
    case .lengthMismatch(let field, let expected, let found):
      return "`\(field)` has \(found) entries where \(expected) were expected"
    case .invalidValue(let field, let reason):
      return "`\(field)` is invalid: \(reason)"
    }
  }

  init(_ error: ModelFileError) {
    switch error {
    case .malformedJSON(let offset, let reason): self = .malformedJSON(offset: offset, reason: reason)
    case .missingField(let field): self = .missingField(field)
    case .wrongType(let field, let expected, let found):
      self = .wrongType(field: field, expected: expected, found: found)
    case .lengthMismatch(let field, let expected, let actual):
      self = .lengthMismatch(field: field, expected: expected, found: actual)
    case .invalidValue(let field, let reason): self = .invalidValue(field: field, reason: reason)
    case .unsupported(let field, let value):
      self = .invalidValue(field: field, reason: "unsupported `\(value)`")
    case .invalidModel(let model): self = .invalidValue(field: "", reason: model.description)
    case .kindMismatch(let expected, let found): self = .algorithmMismatch(expected: expected, found: found)
    }
  }
}
