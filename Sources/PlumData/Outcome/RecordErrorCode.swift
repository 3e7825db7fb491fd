/// The catalog of per-record error codes, stable across releases (documented in docs/data.md).
public enum RecordErrorCode: String, Hashable, Sendable, CaseIterable {
  /// P0601: the record is not well-formed CSV or JSON (unterminated quote, bad token, trailing text).
  case malformed = "P0601"
  /// P0602: a required field has no value (empty CSV field, JSON `null` or absent key).
  case missingValue = "P0602"
  /// P0603: a value does not have the field's type or is not a valid value of it.
  case invalidValue = "P0603"
  /// P0604: an int or money value does not fit in 64 bits.
  case integerOverflow = "P0604"
  /// P0605: a JSON object has the same key twice.
  case duplicateKey = "P0605"
  /// P0606: text is not valid UTF-8, or a JSON escape encodes a lone surrogate.
  case invalidEncoding = "P0606"
  /// P0607: a CSV record has fewer or more fields than the header.
  case fieldCount = "P0607"
  /// P0608: an earlier record of the same run had the same key, so this one is not decided.
  case duplicateRecordKey = "P0608"

  /// A short lowercase summary of what the code means.
  public var summary: String {
    switch self {
    case .malformed: "malformed record"
    case .missingValue: "missing required value"
    case .invalidValue: "wrong type or invalid value"
    case .integerOverflow: "integer overflow"
    case .duplicateKey: "duplicate key"
    case .invalidEncoding: "invalid text encoding"
    case .fieldCount: "wrong number of fields"
    case .duplicateRecordKey: "duplicate record key"
    }
  }
}
