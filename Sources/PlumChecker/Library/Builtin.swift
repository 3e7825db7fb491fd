/// A function of Plum's standard library.
///
/// Every function is pure. Unless `propagatesMissing` is false, an argument that is missing
/// (of an optional type where the parameter is not optional) makes the result missing.
public enum Builtin: String, Hashable, Sendable, CaseIterable {
  case abs, min, max, clamp, round, floor, ceil, sqrt, exp, ln, log10, pow, sigmoid
  case float, int, amount
  case len, lower, upper, trim
  case startsWith = "starts_with"
  case endsWith = "ends_with"
  case contains
  case count
  case daysSince = "days_since"
  case daysUntil = "days_until"
  case daysBetween = "days_between"
  case year, month, day, weekday, today
  case present
  case points, voucher, cashback, badge
  case disparateImpact = "disparate_impact"
  case distance

  /// The name written in Plum source.
  public var name: String { rawValue }

  /// The function's entry in the library table.
  public var entry: BuiltinEntry { BuiltinTable.entry(for: self) }
}

/// The type a builtin's parameter accepts.
public enum ParameterType: Hashable, Sendable, CustomStringConvertible {
  /// Exactly this type (int arguments are converted where float is wanted).
  case exactly(PlumType)
  /// Money in any currency.
  case money
  /// A number `T`: int, float or money; every `T` of one call unifies (int with float gives float).
  case numeric
  /// A list with any element type.
  case anyList
  /// A value of any type, optional or not.
  case anyValue
  /// A per-record value to group by: bool, string, int or an enumeration.
  case groupKey
  /// A reference to a `kmeans` model.
  case kmeansModel

  /// The parameter type as shown in the documentation.
  public var description: String {
    switch self {
    case .exactly(let type): type.description
    case .money: "money"
    case .numeric: "T"
    case .anyList: "list<T>"
    case .anyValue: "T?"
    case .groupKey: "field"
    case .kmeansModel: "kmeans model"
    }
  }
}

/// The result type of a builtin signature.
public enum ResultType: Hashable, Sendable, CustomStringConvertible {
  /// Always this type.
  case exactly(PlumType)
  /// The unified type of the `numeric` parameters.
  case numeric

  /// The result type as shown in the documentation.
  public var description: String {
    switch self {
    case .exactly(let type): type.description
    case .numeric: "T"
    }
  }
}

/// One parameter of a builtin signature.
public struct BuiltinParameter: Hashable, Sendable {
  /// The argument label the call must write (`by` for `disparate_impact`), if any.
  public var label: String?
  /// The accepted type.
  public var type: ParameterType

  /// Creates a parameter.
  public init(_ type: ParameterType, label: String? = nil) {
    self.type = type
    self.label = label
  }
}

/// One overload of a builtin.
public struct BuiltinSignature: Hashable, Sendable, CustomStringConvertible {
  /// The parameters, in order.
  public var parameters: [BuiltinParameter]
  /// The result type.
  public var result: ResultType

  /// Creates a signature.
  public init(_ parameters: [BuiltinParameter], _ result: ResultType) {
    self.parameters = parameters
    self.result = result
  }

  /// The signature as shown in the documentation, without the function name.
  public var description: String {
    let parameterText = parameters.map { ($0.label.map { "\($0): " } ?? "") + $0.type.description }
    return "(" + parameterText.joined(separator: ", ") + ") -> \(result)"
  }
}

/// A row of the standard-library table.
public struct BuiltinEntry: Hashable, Sendable {
  /// The area of the library, used to group the documentation.
  public enum Category: String, Hashable, Sendable, CaseIterable {
    case math, conversions, strings, lists, dates, optionals, rewards, fairness, models
  }

  /// The function.
  public var builtin: Builtin
  /// The area.
  public var category: Category
  /// The overloads.
  public var signatures: [BuiltinSignature]
  /// One-line documentation.
  public var summary: String
  /// Whether a missing argument makes the result missing (false for `present` and aggregates).
  public var propagatesMissing: Bool
  /// Whether the function may only be used inside a `constraint`.
  public var isConstraintOnly: Bool
}
