/// The type of one input field: how its text is parsed and where its value is stored in a `RecordRow`.
///
/// Encodings in a row (see `FieldSlot.Storage`):
/// - `bool`: an int slot holding 0 (false) or 1 (true).
/// - `int`: an int slot holding the value.
/// - `float`: a float slot holding a finite `Double`.
/// - `money(scale:)`: an int slot holding the amount in minor units, i.e. the decimal value times
///   10^scale (`1234.5` at scale 2 is `123450`).
/// - `string`: a string slot holding the text, valid UTF-8.
/// - `date`: an int slot holding days since 1970-01-01 (negative before it).
/// - `enumeration(cases)`: an int slot holding the 0-based index of the case in `cases`.
public enum FieldType: Hashable, Sendable {
  /// `true` or `false`.
  case bool
  /// A 64-bit signed integer.
  case int
  /// A finite binary64 floating-point number.
  case float
  /// An exact decimal amount with `scale` digits after the point, stored in minor units.
  case money(scale: Int)
  /// UTF-8 text.
  case string
  /// A calendar date written `YYYY-MM-DD` (proleptic Gregorian, years 0001–9999).
  case date
  /// One of a fixed list of case names.
  case enumeration([String])

  /// The kind of slot a value of this type lives in.
  public var storage: FieldSlot.Storage {
    switch self {
    case .float: .float
    case .string: .string
    case .bool, .int, .money, .date, .enumeration: .int
    }
  }

  /// The type's name as users write it, such as `int` or `money(2)`.
  public var name: String {
    switch self {
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .money(let scale): "money(\(scale))"
    case .string: "string"
    case .date: "date"
    case .enumeration: "enum"
    }
  }
}
