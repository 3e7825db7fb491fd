/// The type of a Plum value, as the checker resolves it.
public indirect enum PlumType: Hashable, Sendable, CustomStringConvertible {
  /// `true` or `false`.
  case bool
  /// A 64-bit signed integer.
  case int
  /// A 64-bit binary float.
  case float
  /// An exact amount in integer minor units of one currency.
  case money(currency: String)
  /// A Unicode string.
  case string
  /// A calendar date without time of day.
  case date
  /// A whole number of days.
  case duration
  /// One case out of a fixed list.
  case enumeration(EnumType)
  /// A list whose elements share one type.
  case list(PlumType)
  /// A value that may be missing.
  case optional(PlumType)
  /// A group of named fields, such as the input record or `consent { … }`.
  case record(RecordType)
  /// What a reward constructor (`points`, `voucher`, `cashback`, `badge`) produces.
  case reward
  /// The type of an expression that already has an error; it absorbs follow-on errors.
  case error

  /// Whether the type is the error type or contains it.
  public var containsError: Bool {
    switch self {
    case .error: true
    case .list(let element), .optional(let element): element.containsError
    default: false
    }
  }

  /// Whether the value may be missing.
  public var isOptional: Bool {
    if case .optional = self { return true }
    return false
  }

  /// The type without its optional wrapper.
  public var unwrapped: PlumType {
    if case .optional(let wrapped) = self { return wrapped }
    return self
  }

  /// The type made optional (an optional stays as it is).
  public var madeOptional: PlumType {
    switch self {
    case .optional, .error: self
    default: .optional(self)
    }
  }

  /// Whether values of this type are int, float or money.
  public var isNumeric: Bool {
    switch self {
    case .int, .float, .money: true
    default: false
    }
  }

  /// Whether values of this type can be shown in a string interpolation.
  public var isPrintable: Bool {
    switch self {
    case .bool, .int, .float, .money, .string, .date, .duration, .enumeration, .error: true
    case .list(let element): element.isPrintable
    case .optional, .record, .reward: false
    }
  }

  /// The type as written in Plum source, for messages.
  public var description: String {
    switch self {
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .money(let currency): currency.isEmpty ? "money" : "money (\(currency))"
    case .string: "string"
    case .date: "date"
    case .duration: "duration"
    case .enumeration(let type): "enum \(type.name)"
    case .list(let element): "list<\(element)>"
    case .optional(let wrapped): "\(wrapped)?"
    case .record(let record): "group \(record.name)"
    case .reward: "reward"
    case .error: "<error>"
    }
  }
}

/// An enumeration: a name (the field path that declares it) and its cases in order.
public struct EnumType: Hashable, Sendable {
  /// The name used in messages, such as `tier`.
  public var name: String
  /// The case names, in declaration order; a case's index is its value.
  public var cases: [String]

  /// Creates an enumeration type.
  public init(name: String, cases: [String]) {
    self.name = name
    self.cases = cases
  }

  /// The index of a case, if the enumeration has it.
  public func index(of caseName: String) -> Int? { cases.firstIndex(of: caseName) }
}

/// A record type: a group of named fields.
public struct RecordType: Hashable, Sendable {
  /// One field of a record.
  public struct Field: Hashable, Sendable {
    /// The field's own name, such as `marketing`.
    public var name: String
    /// The field's type (a nested `.record` for a group).
    public var type: PlumType

    /// Creates a field.
    public init(name: String, type: PlumType) {
      self.name = name
      self.type = type
    }
  }

  /// The record's name or dotted path, such as `participant` or `participant.consent`.
  public var name: String
  /// The fields, in declaration order.
  public var fields: [Field]

  /// Creates a record type.
  public init(name: String, fields: [Field]) {
    self.name = name
    self.fields = fields
  }
}
