/// The SQL engines a policy compiles to (`plum compile --emit sql --dialect NAME`).
public enum SQLDialect: String, CaseIterable, Hashable, Sendable {
  /// DuckDB (1.x and later).
  case duckdb
  /// PostgreSQL (12 and later).
  case postgres
  /// Spark SQL (3.x and later), with `spark.sql.ansi.enabled` either way.
  case spark

  /// The dialect's spellings.
  var spelling: any SQLSpelling {
    switch self {
    case .duckdb: DuckDBSpelling()
    case .postgres: PostgresSpelling()
    case .spark: SparkSpelling()
    }
  }

  /// The engine's name, as messages show it.
  public var displayName: String {
    switch self {
    case .duckdb: "DuckDB"
    case .postgres: "PostgreSQL"
    case .spark: "Spark SQL"
    }
  }
}

/// What differs between engines: type names, quoting, and the few functions spelled differently.
///
/// Everything else the compiler writes is standard SQL that the three engines read alike.
protocol SQLSpelling: Sendable {
  /// The 64-bit integer type.
  var bigint: String { get }
  /// The type wide enough for the exact product of two 64-bit integers.
  var wide: String { get }
  /// The 64-bit float type.
  var double: String { get }
  /// The text type.
  var text: String { get }
  /// The 32-bit float type.
  var float32: String { get }
  /// What follows each projection's `FROM` to keep the planner from merging projections.
  var fence: String { get }
  /// Whether float arithmetic gives infinities and NaN (rather than raising an error).
  var hasIEEEFloats: Bool { get }
  /// Whether float results can be shown exactly with fixed decimals.
  var formatsFloatsExactly: Bool { get }
  /// A quoted identifier.
  func identifier(_ name: String) -> String
  /// A string literal.
  func string(_ text: String) -> String
  /// Integer division truncating toward zero, of two 64-bit integers (the divisor is never 0).
  func divide(_ a: String, _ b: String) -> String
  /// Integer division truncating toward zero, of two wide integers (the divisor is never 0).
  func divideWide(_ a: String, _ b: String) -> String
  /// Whether a float is neither infinite nor NaN.
  func isFinite(_ x: String) -> String
  /// The first capture group of a regular expression in a text (NULL when it does not match).
  func capture(_ text: String, _ pattern: String) -> String
  /// Days since 1970-01-01 of a DATE column.
  func daysSinceEpoch(_ date: String) -> String
  /// A float shown with exactly `decimals` decimals, rounding the exact binary value half to even.
  func fixed(_ x: String, decimals: Int) -> String
  /// The engine's shortest round-trip text of a finite float (any layout: fixed or exponent).
  func roundTripText(_ x: String) -> String
  /// A string without leading and trailing ASCII white space.
  func trimWhiteSpace(_ text: String) -> String
  /// Whether a text contains only ASCII characters.
  func isASCII(_ text: String) -> String
  /// Whether `text` starts with `part`.
  func startsWith(_ text: String, _ part: String) -> String
  /// Whether `text` ends with `part`.
  func endsWith(_ text: String, _ part: String) -> String
  /// Whether `text` contains `part`.
  func contains(_ text: String, _ part: String) -> String
}

extension SQLSpelling {
  func identifier(_ name: String) -> String { "\"" + name.replacingAll("\"", with: "\"\"") + "\"" }
  func string(_ text: String) -> String { "'" + text.replacingAll("'", with: "''") + "'" }
  func trimWhiteSpace(_ text: String) -> String {
    "trim(\(text), chr(32) || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))"
  }
  func startsWith(_ text: String, _ part: String) -> String {
    "(substr(\(text), 1, length(\(part))) = \(part))"
  }
  func endsWith(_ text: String, _ part: String) -> String {
    "(length(\(part)) = 0 OR (length(\(text)) >= length(\(part)) AND "
      + "substr(\(text), length(\(text)) - length(\(part)) + 1) = \(part)))"
  }
  func contains(_ text: String, _ part: String) -> String { "(strpos(\(text), \(part)) > 0)" }
}

/// DuckDB: HUGEINT for wide integers, IEEE floats, `printf` rounds the exact binary value.
struct DuckDBSpelling: SQLSpelling {
  var bigint: String { "BIGINT" }
  var wide: String { "HUGEINT" }
  var double: String { "DOUBLE" }
  var text: String { "VARCHAR" }
  var float32: String { "FLOAT" }
  var fence: String { "" }
  var hasIEEEFloats: Bool { true }
  var formatsFloatsExactly: Bool { true }
  func divide(_ a: String, _ b: String) -> String { "(\(a) // \(b))" }
  func divideWide(_ a: String, _ b: String) -> String { "(\(a) // \(b))" }
  func isFinite(_ x: String) -> String { "isfinite(\(x))" }
  func capture(_ text: String, _ pattern: String) -> String {
    "NULLIF(regexp_extract(\(text), \(string(pattern)), 1), '')"
  }
  func daysSinceEpoch(_ date: String) -> String { "CAST(\(date) - DATE '1970-01-01' AS BIGINT)" }
  func fixed(_ x: String, decimals: Int) -> String {
    // printf is exact up to 23 significant digits; beyond, the whole part (exact below 2^53, and
    // every double above is whole) is printed as an integer and only the fraction by printf.
    // NULL past 2^127, which no integer type holds.
    let zeros = decimals == 0 ? "''" : "'.\(String(repeating: "0", count: decimals))'"
    let fraction = "printf('%.\(decimals)f', abs(\(x)) - trunc(abs(\(x))))"
    let split =
      "CASE WHEN \(x) < 0 THEN '-' ELSE '' END || CAST(CAST(trunc(abs(\(x))) AS HUGEINT) + "
      + "CAST(substr(\(fraction), 1, 1) AS HUGEINT) AS VARCHAR) || substr(\(fraction), 2)"
    return "CASE WHEN abs(\(x)) < 1e\(23 - decimals) THEN printf('%.\(decimals)f', \(x)) "
      + "WHEN abs(\(x)) < 9007199254740992 THEN \(split) "
      + "WHEN abs(\(x)) < 1.7014118346046923e38 THEN CAST(CAST(\(x) AS HUGEINT) AS VARCHAR) || \(zeros) END"
  }
  func roundTripText(_ x: String) -> String { "CAST(\(x) AS VARCHAR)" }
  func trimWhiteSpace(_ text: String) -> String {
    "trim(\(text), chr(32) || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))"
  }
  func isASCII(_ text: String) -> String { "(strlen(\(text)) = length(\(text)))" }
}

/// PostgreSQL: NUMERIC for wide integers; float errors raise, so float operations are guarded, and
/// fixed decimals are computed from the float's exact binary value in NUMERIC.
struct PostgresSpelling: SQLSpelling {
  var bigint: String { "BIGINT" }
  var wide: String { "NUMERIC" }
  var double: String { "DOUBLE PRECISION" }
  var text: String { "TEXT" }
  var float32: String { "REAL" }
  var fence: String { " OFFSET 0" }
  var hasIEEEFloats: Bool { false }
  var formatsFloatsExactly: Bool { true }
  func divide(_ a: String, _ b: String) -> String { "(\(a) / \(b))" }
  func divideWide(_ a: String, _ b: String) -> String { "div(\(a), \(b))" }
  func isFinite(_ x: String) -> String { "(\(x) NOT IN ('Infinity', '-Infinity', 'NaN'))" }
  func capture(_ text: String, _ pattern: String) -> String {
    "substring(\(text) from \(string(pattern)))"
  }
  func daysSinceEpoch(_ date: String) -> String { "CAST(\(date) - DATE '1970-01-01' AS BIGINT)" }
  func fixed(_ x: String, decimals: Int) -> String {
    // The double's exact value is m·2^q with integer m and q; scaled by 10^decimals it is
    // m·5^k / 10^(k − decimals) for k = −q, which NUMERIC divides exactly with div and mod.
    let bits = "('x' || encode(float8send(\(x)), 'hex'))::bit(64)::bigint"
    let exponent = "((\(bits) >> 52) & 2047)"
    let fraction = "(\(bits) & 4503599627370495)"
    let mantissa =
      "(CASE WHEN \(exponent) = 0 THEN \(fraction) ELSE \(fraction) + 4503599627370496 END)::numeric"
    let shift = "(CASE WHEN \(exponent) = 0 THEN 1074 ELSE 1075 - \(exponent) END)"
    // value·10^d = mantissa·2^−shift·10^d = mantissa·5^shift·10^d / 10^shift.
    let scaled =
      "(CASE WHEN \(shift) <= 0 THEN \(mantissa) * power(2::numeric, -\(shift)) * power(10::numeric, \(decimals)) "
      + "ELSE \(mantissa) * power(5::numeric, \(shift)) * power(10::numeric, \(decimals)) END)"
    let unit = "(CASE WHEN \(shift) <= 0 THEN 1::numeric ELSE power(10::numeric, \(shift)) END)"
    let quotient = "div(\(scaled), \(unit))"
    let remainder = "mod(\(scaled), \(unit))"
    let rounded =
      "(\(quotient) + CASE WHEN 2 * \(remainder) > \(unit) OR (2 * \(remainder) = \(unit) AND mod(\(quotient), 2) = 1) "
      + "THEN 1 ELSE 0 END)"
    let digits = "trim(to_char(\(rounded), 'FM9999999999999999999999999999999999999999999999999999999999'))"
    let magnitude: String
    if decimals == 0 {
      magnitude = digits
    } else {
      let padded = "lpad(\(digits), GREATEST(length(\(digits)), \(decimals + 1)), '0')"
      magnitude =
        "(substr(\(padded), 1, length(\(padded)) - \(decimals)) || '.' || "
        + "substr(\(padded), length(\(padded)) - \(decimals - 1)))"
    }
    return
      "(CASE WHEN \(x) < 0 AND \(rounded) > 0 THEN '-' ELSE '' END || \(magnitude))"
  }
  func roundTripText(_ x: String) -> String { "CAST(\(x) AS TEXT)" }
  func isASCII(_ text: String) -> String { "(octet_length(\(text)) = length(\(text)))" }
}

/// Spark SQL: DECIMAL(38, 0) for wide integers, IEEE floats, backquoted names, backslash escapes.
struct SparkSpelling: SQLSpelling {
  var bigint: String { "BIGINT" }
  var wide: String { "DECIMAL(38, 0)" }
  var double: String { "DOUBLE" }
  var text: String { "STRING" }
  var float32: String { "FLOAT" }
  var fence: String { "" }
  var hasIEEEFloats: Bool { true }
  var formatsFloatsExactly: Bool { false }
  func identifier(_ name: String) -> String { "`" + name.replacingAll("`", with: "``") + "`" }
  func string(_ text: String) -> String {
    "'" + text.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
  }
  func divide(_ a: String, _ b: String) -> String { "(\(a) div \(b))" }
  func divideWide(_ a: String, _ b: String) -> String { "(\(a) div \(b))" }
  func isFinite(_ x: String) -> String {
    "(NOT isnan(\(x)) AND abs(\(x)) <> CAST('Infinity' AS DOUBLE))"
  }
  func capture(_ text: String, _ pattern: String) -> String {
    "NULLIF(regexp_extract(\(text), \(string(pattern)), 1), '')"
  }
  func daysSinceEpoch(_ date: String) -> String { "CAST(datediff(\(date), DATE '1970-01-01') AS BIGINT)" }
  func fixed(_ x: String, decimals: Int) -> String { "format_string('%.\(decimals)f', \(x))" }
  func roundTripText(_ x: String) -> String { "CAST(\(x) AS STRING)" }
  func trimWhiteSpace(_ text: String) -> String {
    "trim(BOTH concat(chr(32), chr(9), chr(10), chr(11), chr(12), chr(13)) FROM \(text))"
  }
  func isASCII(_ text: String) -> String { "(octet_length(\(text)) = length(\(text)))" }
  func contains(_ text: String, _ part: String) -> String { "(instr(\(text), \(part)) > 0)" }
}

extension String {
  /// The string with every occurrence of `target` replaced.
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
