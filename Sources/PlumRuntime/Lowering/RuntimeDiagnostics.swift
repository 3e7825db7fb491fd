import PlumDiagnostics

/// The catalog of diagnostics reported while lowering a checked policy to IR, alphabetical.
public enum RuntimeDiagnostics {
  /// A money literal has more decimals than its currency's minor unit.
  public static let inexactMoney = DiagnosticCode(
    "P0510", .error, "money literal finer than the currency's minor unit")
  /// A model file could not be read.
  public static let modelFileUnreadable = DiagnosticCode("P0701", .error, "model file cannot be read")
  /// A model file is not a valid model of the declared kind.
  public static let modelFileInvalid = DiagnosticCode("P0702", .error, "model file is not a valid model")
  /// A model's inputs do not match the features of its file.
  public static let modelFeatureMismatch = DiagnosticCode(
    "P0703", .error, "model inputs do not match the model file")
  /// A model kind the runtime cannot evaluate (no longer reported: every kind runs).
  public static let modelKindUnsupported = DiagnosticCode("P0704", .error, "model kind cannot be run")
  /// A model file was trained on other feature definitions than the policy now gives.
  public static let modelFeaturesChanged = DiagnosticCode(
    "P0705", .error, "model feature definitions changed since training")
  /// A k-means model names another number of segments than its file has centroids.
  public static let segmentNamesMismatch = DiagnosticCode(
    "P0706", .error, "segment names do not match the model file")
  /// An expression that has no meaning when deciding a record (test-only or constraint-only forms).
  public static let unsupportedExpression = DiagnosticCode(
    "P0511", .error, "expression cannot be evaluated per record")
  /// An input field type records cannot carry.
  public static let unsupportedField = DiagnosticCode(
    "P0512", .error, "input field type cannot be read from records")

  /// Every code of this catalog, in code order.
  public static let all: [DiagnosticCode] = [
    inexactMoney, unsupportedExpression, unsupportedField, modelFileUnreadable, modelFileInvalid,
    modelFeatureMismatch, modelFeaturesChanged, segmentNamesMismatch,
  ]
}
