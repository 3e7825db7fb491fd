import PlumDiagnostics

/// The parser's diagnostic codes, `P0101`…, alphabetical by name.
public enum ParserDiagnostics {
  /// `participant.age = 18`: `=` written where `==` compares.
  public static let assignmentAsComparison = DiagnosticCode("P0116", .error, "`=` used to compare")
  /// `a < b < c`: comparisons do not chain.
  public static let chainedComparison = DiagnosticCode("P0101", .error, "chained comparison")
  /// A reward or model clause written twice.
  public static let duplicateClause = DiagnosticCode("P0102", .error, "duplicate clause")
  /// Something other than a clause, field or statement inside a `{ … }` block.
  public static let expectedClause = DiagnosticCode("P0103", .error, "expected a clause")
  /// Something other than a declaration at the top level of a file.
  public static let expectedDeclaration = DiagnosticCode("P0104", .error, "expected a declaration")
  /// Something that cannot start an expression where one is needed.
  public static let expectedExpression = DiagnosticCode("P0105", .error, "expected an expression")
  /// Something other than a name where a name is needed.
  public static let expectedName = DiagnosticCode("P0106", .error, "expected a name")
  /// A specific word or symbol is missing.
  public static let expectedToken = DiagnosticCode("P0107", .error, "expected a token")
  /// `{…}` in a string that must be plain, such as a test name or a model path.
  public static let interpolationNotAllowed = DiagnosticCode(
    "P0108", .error, "interpolation not allowed here")
  /// `currency euro`: a currency is three upper-case letters.
  public static let invalidCurrencyCode = DiagnosticCode("P0109", .error, "invalid currency code")
  /// A reward without its `when` or `give` clause.
  public static let missingClause = DiagnosticCode("P0110", .error, "missing clause")
  /// An expression, type or record nested deeper than the parser allows.
  public static let nestingTooDeep = DiagnosticCode("P0111", .error, "nested too deeply")
  /// A `{`, `(` or `[` without its closing partner.
  public static let unclosedDelimiter = DiagnosticCode("P0112", .error, "unclosed delimiter")
  /// A declaration word such as `rule` inside a `{ … }` block.
  public static let unexpectedDeclaration = DiagnosticCode(
    "P0113", .error, "declaration inside a block")
  /// A word after a field's type that is not `key`, `protected`, `pii` or `purpose`.
  public static let unknownAttribute = DiagnosticCode("P0114", .error, "unknown field attribute")
  /// A type name that is not one of Plum's types.
  public static let unknownType = DiagnosticCode("P0115", .error, "unknown type")

  /// Every parser code, in code order.
  public static let all: [DiagnosticCode] = [
    chainedComparison, duplicateClause, expectedClause, expectedDeclaration, expectedExpression,
    expectedName, expectedToken, interpolationNotAllowed, invalidCurrencyCode, missingClause,
    nestingTooDeep, unclosedDelimiter, unexpectedDeclaration, unknownAttribute, unknownType,
    assignmentAsComparison,
  ]
}
