import PlumDiagnostics

/// Every diagnostic code of the static guarantees: `P04xx`, errors that no option can lower.
///
/// Constants are in alphabetical order; the codes are stable and documented in
/// `docs/diagnostics-guarantees.md`.
public enum GuaranteeDiagnostics {
  /// A purpose-bound model or field is used where its consent is not established true.
  public static let consentNotEstablished = DiagnosticCode(
    "P0401", .error, "purpose-bound value used without consent")
  /// A `pii` field flows into `because` text.
  public static let piiInExplanation = DiagnosticCode("P0403", .error, "personal data in an explanation")
  /// A `pii` field flows into a reward's `give`, `value` or `priority`, which shape the output.
  public static let piiInGive = DiagnosticCode("P0404", .error, "personal data in a reward")
  /// A `pii` field flows into a model input.
  public static let piiInModelInput = DiagnosticCode("P0405", .error, "personal data in a model input")
  /// A `protected` field, or something derived from it, influences a decision.
  public static let protectedInfluence = DiagnosticCode(
    "P0402", .error, "protected attribute influences a decision")

  /// Every code, sorted by code.
  public static let all: [DiagnosticCode] = [
    consentNotEstablished, piiInGive, piiInModelInput, piiInExplanation, protectedInfluence,
  ].sorted { $0.id < $1.id }
}
