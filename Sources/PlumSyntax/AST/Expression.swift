import PlumDiagnostics

/// A name as written, with its span.
public struct Identifier: Hashable, Sendable {
  /// The name's text.
  public var name: String
  /// Where it was written.
  public var range: SourceRange

  /// Creates an identifier.
  public init(_ name: String, _ range: SourceRange) {
    self.name = name
    self.range = range
  }
}

/// An expression with its span.
public struct Expression: Hashable, Sendable {
  /// The expression's form.
  public indirect enum Kind: Hashable, Sendable {
    /// `true` or `false`.
    case bool(Bool)
    /// An integer literal.
    case int(Int64)
    /// A float literal.
    case float(Double)
    /// A percentage literal; `15%` holds 15 and means 0.15.
    case percent(Double)
    /// A money literal such as `10.50 EUR`.
    case money(MoneyLiteral)
    /// A duration literal in days.
    case duration(days: Int64)
    /// A date literal.
    case date(DateLiteral)
    /// A string literal, possibly interpolated.
    case string([StringSegment])
    /// A reference to a declaration, input, enum case or builtin by name.
    case name(String)
    /// Field access: `participant.consent.marketing`.
    case member(Expression, Identifier)
    /// A call: `days_since(participant.last_order)`, `disparate_impact(rewarded, by: x)`.
    case call(Identifier, [Argument])
    /// A list literal: `["FR", "BE"]`.
    case list([Expression])
    /// A prefix operator.
    case unary(UnaryOperator, Expression)
    /// An infix operator.
    case binary(BinaryOperator, Expression, Expression)
    /// `if c then a else b`.
    case conditional(Expression, Expression, Expression)
    /// An expression in parentheses (kept so the tree prints back as written).
    case parenthesized(Expression)
    /// A placeholder where the parser could not read an expression; it has reported why.
    case error
  }

  /// The form.
  public var kind: Kind
  /// The span.
  public var range: SourceRange

  /// Creates an expression.
  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// One part of an interpolated string.
public enum StringSegment: Hashable, Sendable {
  /// Literal text.
  case text(String)
  /// `{expr}` or `{expr:format}`; format is `%`, `.N` or `.N%`.
  case interpolation(Expression, format: String?)
}

/// A call argument, optionally labelled (`by: participant.gender`).
public struct Argument: Hashable, Sendable {
  /// The label, if written.
  public var label: Identifier?
  /// The value.
  public var value: Expression

  /// Creates an argument.
  public init(label: Identifier? = nil, value: Expression) {
    self.label = label
    self.value = value
  }
}

/// Prefix operators.
public enum UnaryOperator: String, Hashable, Sendable {
  /// Arithmetic negation `-x`.
  case negate = "-"
  /// Boolean negation `not x`.
  case not = "not"
}

/// Infix operators, from loosest to tightest: `or`; `and`; comparisons and `in`/`not in`
/// (non-associative); `??` (right-associative); `+ -`; `* / %`.
public enum BinaryOperator: String, Hashable, Sendable {
  case or = "or"
  case and = "and"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case `in` = "in"
  case notIn = "not in"
  case coalesce = "??"
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case remainder = "%"
}
