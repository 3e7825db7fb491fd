import PlumDiagnostics

/// The lexer's diagnostic codes, `P0001`…, alphabetical by name.
public enum LexerDiagnostics {
  /// A duration whose number of days does not fit in 64 bits.
  public static let durationOverflow = DiagnosticCode("P0001", .error, "duration too large")
  /// `{}` or `{ }` inside a string.
  public static let emptyInterpolation = DiagnosticCode("P0002", .error, "empty string interpolation")
  /// A float literal too large to represent.
  public static let floatOutOfRange = DiagnosticCode("P0003", .error, "float literal out of range")
  /// `1.5 days`: durations count whole days or weeks.
  public static let fractionalDuration = DiagnosticCode("P0004", .error, "fractional duration")
  /// An integer literal that does not fit in 64 bits.
  public static let integerOverflow = DiagnosticCode("P0005", .error, "integer literal too large")
  /// Strings nested inside interpolations too deeply.
  public static let interpolationTooDeep = DiagnosticCode(
    "P0006", .error, "string interpolation nested too deeply")
  /// A date literal that is not a real calendar date, such as `2026-02-30`.
  public static let invalidDate = DiagnosticCode("P0007", .error, "invalid date literal")
  /// An unknown escape such as `\q`, or a malformed `\u{…}`.
  public static let invalidEscape = DiagnosticCode("P0008", .error, "invalid escape sequence")
  /// An interpolation format other than `%`, `.N` or `.N%`.
  public static let invalidFormatSpecifier = DiagnosticCode(
    "P0009", .error, "invalid interpolation format")
  /// Bytes that are not valid UTF-8.
  public static let invalidUTF8 = DiagnosticCode("P0010", .error, "invalid UTF-8")
  /// A number such as `1__0`, `1.` or `12abc`.
  public static let malformedNumber = DiagnosticCode("P0011", .error, "malformed number literal")
  /// `1e3 EUR`: money is written with plain decimals so its minor units stay exact.
  public static let moneyExponent = DiagnosticCode("P0012", .error, "money amount with an exponent")
  /// A money amount whose minor units do not fit in 64 bits.
  public static let moneyOverflow = DiagnosticCode("P0013", .error, "money amount too large")
  /// A character that cannot start any token.
  public static let unexpectedCharacter = DiagnosticCode("P0014", .error, "unexpected character")
  /// `/*` without its matching `*/`.
  public static let unterminatedBlockComment = DiagnosticCode(
    "P0015", .error, "unterminated block comment")
  /// `{` inside a string without its closing `}` on the same line.
  public static let unterminatedInterpolation = DiagnosticCode(
    "P0016", .error, "unterminated string interpolation")
  /// A string without its closing quote on the same line.
  public static let unterminatedString = DiagnosticCode("P0017", .error, "unterminated string literal")

  /// Every lexer code, in code order.
  public static let all: [DiagnosticCode] = [
    durationOverflow, emptyInterpolation, floatOutOfRange, fractionalDuration, integerOverflow,
    interpolationTooDeep, invalidDate, invalidEscape, invalidFormatSpecifier, invalidUTF8,
    malformedNumber, moneyExponent, moneyOverflow, unexpectedCharacter, unterminatedBlockComment,
    unterminatedInterpolation, unterminatedString,
  ]
}
