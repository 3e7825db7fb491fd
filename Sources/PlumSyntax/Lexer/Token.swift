import PlumDiagnostics

/// A lexical token with its span in the source file.
public struct Token: Hashable, Sendable {
  /// What kind of token this is, with its decoded value where it has one.
  public enum Kind: Hashable, Sendable {
    /// A name such as `participant` or `churn`.
    case identifier(String)
    /// A reserved word such as `rule` or `when`.
    case keyword(Keyword)
    /// An integer literal, underscores removed (`1_000` → 1000).
    ///
    /// Literals are never negative, except `Int64.min`: the value 9223372036854775808 written right
    /// after a `-`, which is an int only as `-9223372036854775808` (the parser checks that).
    case int(Int64)
    /// A float literal such as `0.6` or `1e-3`.
    case float(Double)
    /// A percentage such as `15%`, kept as its written number (15).
    case percent(Double)
    /// A money literal such as `10.50 EUR`: exact minor units at the written scale.
    case money(MoneyLiteral)
    /// A duration such as `30 days`, in days.
    case duration(days: Int64)
    /// A calendar date such as `2026-11-23`.
    case date(DateLiteral)
    /// A string literal, split into text and `{…}` interpolation parts.
    case string([StringPart])
    /// Punctuation or an operator.
    case symbol(Symbol)
    /// A `///` documentation comment line, text after the slashes.
    case docComment(String)
    /// A `//` or `/* */` comment, its full text; only produced when comments are kept as trivia.
    case comment(String)
    /// A byte sequence that is not a token; the lexer has reported it.
    case invalid
    /// The end of the file.
    case endOfFile
  }

  /// The kind and value.
  public var kind: Kind
  /// The span of the token's text.
  public var range: SourceRange
  /// Whether a line break precedes this token (used by the parser to recover and to check clauses).
  public var startsLine: Bool

  /// Creates a token.
  public init(_ kind: Kind, _ range: SourceRange, startsLine: Bool = false) {
    self.kind = kind
    self.range = range
    self.startsLine = startsLine
  }
}

/// A money literal's exact value: `10.50 EUR` is 1050 minor units at scale 2.
public struct MoneyLiteral: Hashable, Sendable {
  /// The value in units of 10^-scale, e.g. 1050 for `10.50`.
  public var units: Int64
  /// The number of decimal digits written (0 for `10 EUR`).
  public var scale: Int
  /// The ISO 4217 currency code, e.g. `EUR`.
  public var currency: String

  /// Creates a money literal.
  public init(units: Int64, scale: Int, currency: String) {
    self.units = units
    self.scale = scale
    self.currency = currency
  }
}

/// A calendar date literal.
public struct DateLiteral: Hashable, Sendable {
  /// The year, month and day as written.
  public var year: Int, month: Int, day: Int

  /// Creates a date literal (already validated by the lexer).
  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }
}

/// One piece of a string literal.
public enum StringPart: Hashable, Sendable {
  /// Literal text with escapes decoded.
  case text(String)
  /// A `{expr}` or `{expr:spec}` interpolation: the raw expression source, its span, and the
  /// format specifier (`%`, `.2`, `.1%`) if any. The parser parses the expression.
  case interpolation(source: String, range: SourceRange, format: String?)
}

/// Reserved words: the words of expressions, which can never be names.
///
/// Declaration and clause words (`policy`, `rule`, `when`, `give`, `select`, `key`, …) are
/// contextual: the lexer returns them as identifiers and the parser recognises them where a
/// declaration or clause may start, so `participant.value` or a field named `key` stay legal.
public enum Keyword: String, Hashable, Sendable, CaseIterable {
  case and, or, not, `in`, `if`, then, `else`, `true`, `false`
}

/// Punctuation and operators.
public enum Symbol: String, Hashable, Sendable, CaseIterable {
  case leftBrace = "{", rightBrace = "}", leftParen = "(", rightParen = ")"
  case leftBracket = "[", rightBracket = "]", comma = ",", colon = ":", dot = "."
  case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
  case equalEqual = "==", bangEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
  case greaterEqual = ">=", equal = "=", question = "?", questionQuestion = "??"
}
