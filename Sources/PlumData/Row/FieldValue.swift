/// One decoded field value, as read back from a `RecordRow` (not used on the fast path).
public enum FieldValue: Hashable, Sendable {
  /// A bool value.
  case bool(Bool)
  /// An int value.
  case int(Int64)
  /// A float value.
  case float(Double)
  /// A money value in minor units with its scale.
  case money(minorUnits: Int64, scale: Int)
  /// A string value.
  case string(String)
  /// A date as days since 1970-01-01.
  case date(daysSince1970: Int64)
  /// An enumeration value as its case index.
  case enumeration(caseIndex: Int)
}
