import PlumDiagnostics
import PlumSyntax

/// A checked expression: every name resolved, every operator typed, conversions explicit.
public struct TypedExpression: Hashable, Sendable {
  /// The expression's form.
  public indirect enum Kind: Hashable, Sendable {
    /// A boolean literal.
    case bool(Bool)
    /// An integer literal.
    case int(Int64)
    /// A float literal; percentages are already divided by 100.
    case float(Double)
    /// A money literal: `units` at `scale` decimal digits in `currency` (`10.50 EUR` is 1050, 2).
    case money(MoneyLiteral)
    /// A duration literal in days.
    case duration(days: Int64)
    /// A date literal.
    case date(DateLiteral)
    /// A string literal without interpolation.
    case string(String)
    /// An interpolated string.
    case interpolation([TypedSegment])
    /// A list literal; the elements already have the list's element type.
    case list([TypedExpression])
    /// An input field, by its index in `InputSchema.fields`.
    case field(Int)
    /// A `let`, by its index in `CheckedPolicy.lets`.
    case letRef(Int)
    /// A `rule`, by its index in `CheckedPolicy.rules`.
    case ruleRef(Int)
    /// A model's score (kmeans: its segment), by its index in `CheckedPolicy.models`.
    case modelRef(Int)
    /// An enumeration case, by its index in the type's cases.
    case enumCase(EnumType, Int)
    /// An optional reference (field, let or model) known to be present here by flow typing.
    case narrowed(TypedExpression)
    /// An int converted to float.
    case intToFloat(TypedExpression)
    /// A call to a standard-library function. When an argument has an optional type and the
    /// function is not `present`, a missing argument makes the result missing.
    case call(Builtin, [TypedExpression])
    /// Arithmetic negation.
    case negate(Arithmetic, TypedExpression)
    /// Boolean negation.
    case not(TypedExpression)
    /// A typed binary operation.
    case binary(BinaryOperation, TypedExpression, TypedExpression)
    /// `if condition then a else b`; both branches already have the result type.
    case conditional(TypedExpression, TypedExpression, TypedExpression)
    /// In a `constraint`: whether the current record received any reward.
    case rewarded
    /// In a test: the rewards the record received, as cases of `CheckedPolicy.rewardNames`.
    case rewards
    /// In a test: whether the record received the reward with this index.
    case rewardGranted(Int)
    /// In a test: the explanation text of the decision.
    case reason
    /// A part that did not check; a diagnostic has been reported.
    case error
  }

  /// The form.
  public var kind: Kind
  /// The type of the value.
  public var type: PlumType
  /// The span of the source expression.
  public var range: SourceRange

  /// Creates a typed expression.
  public init(_ kind: Kind, _ type: PlumType, _ range: SourceRange) {
    self.kind = kind
    self.type = type
    self.range = range
  }

  /// An error node that absorbs follow-on errors.
  public static func error(_ range: SourceRange) -> TypedExpression {
    TypedExpression(.error, .error, range)
  }
}

/// One part of an interpolated string.
public enum TypedSegment: Hashable, Sendable {
  /// Literal text.
  case text(String)
  /// A value shown with an optional format.
  case value(TypedExpression, format: FormatSpecifier?)
}

/// How a number is shown inside a string.
public enum FormatSpecifier: Hashable, Sendable {
  /// `{x:%}` or `{x:.N%}`: multiplied by 100 with a percent sign, N decimals (0 when not written).
  case percent(decimals: Int)
  /// `{x:.N}`: exactly N decimals.
  case decimals(Int)
}

/// The operand types of an arithmetic operation, which decide how it is computed.
public enum Arithmetic: Hashable, Sendable {
  /// int ∘ int → int (overflow is a runtime error).
  case int
  /// float ∘ float → float.
  case float
  /// money ± money → money (same currency); also money negation.
  case money
  /// money × int or money ÷ int → money; the money operand is always on the left.
  case moneyByInt
  /// money × float or money ÷ float → money, rounded half-to-even to minor units; money on the left.
  case moneyByFloat
  /// money ÷ money → float.
  case moneyRatio
  /// duration ± duration → duration; also duration negation.
  case duration
  /// duration × int or duration ÷ int → duration; the duration operand is on the left.
  case durationByInt
  /// date ± duration → date.
  case dateDuration
  /// date − date → duration.
  case dateDifference
}

/// The operand type of a comparison.
public enum Comparand: Hashable, Sendable {
  case bool, int, float, money, string, date, duration
  /// Enumeration cases, compared by equality only.
  case enumeration
  /// Two lists of reward names, compared as sets (order does not matter).
  case rewardSet
}

/// The comparison operators, written as in Plum source.
public enum Comparison: String, Hashable, Sendable, CaseIterable {
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="

  /// Whether `a ∘ b` holds: the one implementation of comparison, used by the checker's lints,
  /// constant folding and the register machine alike.
  @inlinable
  public func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
    switch self {
    case .equal: a == b
    case .notEqual: a != b
    case .less: a < b
    case .lessEqual: a <= b
    case .greater: a > b
    case .greaterEqual: a >= b
    }
  }
}

/// A typed binary operation.
public enum BinaryOperation: Hashable, Sendable {
  case add(Arithmetic)
  case subtract(Arithmetic)
  case multiply(Arithmetic)
  case divide(Arithmetic)
  /// The remainder of int or float division.
  case remainder(Arithmetic)
  case compare(Comparison, Comparand)
  /// `x in list` (or `not in` when negated); the element type is the comparand.
  case membership(negated: Bool, Comparand)
  /// Short-circuit conjunction.
  case and
  /// Short-circuit disjunction.
  case or
  /// `x ?? d`: `x` when present, otherwise `d`.
  case coalesce
}
