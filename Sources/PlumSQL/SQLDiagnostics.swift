import PlumDiagnostics

/// The catalog of diagnostics `plum compile --emit sql` reports, alphabetical (codes P08xx).
public enum SQLDiagnostics {
  /// A float shown as text (`{x}`, `{x:.2}`, `{x:%}`, a non-constant cashback rate) in a dialect
  /// whose engine cannot print the machine's exact text.
  public static let floatText = DiagnosticCode(
    "P0803", .error, "float text cannot be reproduced in this SQL dialect")
  /// The float remainder `%` in a dialect without an exact one.
  public static let floatRemainder = DiagnosticCode(
    "P0804", .error, "float remainder cannot be compiled to this SQL dialect")
  /// An input column name that the compiled query would confuse with its own columns.
  public static let reservedColumn = DiagnosticCode(
    "P0805", .error, "input column name is reserved by the compiled query")
  /// A construct with no per-record SQL translation.
  public static let unsupportedConstruct = DiagnosticCode(
    "P0801", .error, "construct cannot be compiled to SQL")
  /// A whole-run pass (`budget`, `constraint`) that the per-record query does not apply.
  public static let runLevelConstruct = DiagnosticCode(
    "P0807", .warning, "whole-run construct is not applied by the SQL query")

  /// Every code of this catalog, in code order.
  public static let all: [DiagnosticCode] = [
    unsupportedConstruct, floatText, floatRemainder, reservedColumn, runLevelConstruct,
  ]
}

/// The record errors only the SQL query reports, in the `error_code` column.
enum SQLRecordError {
  /// P0806: a string function met text on which SQL engines and the machine may differ.
  static let nonASCIIText = "P0806"
  /// P0808: a float too large for the engine to print with fixed decimals exactly.
  static let tooLargeToPrint = "P0808"
  /// The message of P0808.
  static func tooLargeMessage(_ engine: String) -> String {
    "a float beyond 2^127 cannot be printed with fixed decimals exactly in \(engine)"
  }
  /// The message of P0806.
  static func nonASCIIMessage(_ site: String) -> String {
    "string function on non-ASCII text or a line break is not compiled to SQL in \(site)"
  }
}
