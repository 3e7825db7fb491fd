import PlumChecker
import PlumDiagnostics
import PlumModels
import PlumSyntax

/// Settings for lowering a checked policy.
public struct LoweringOptions: Sendable {
  /// Whether the code records explanation traces (conjunct values, consent blocks).
  public var explain: Bool
  /// The directory model file paths are relative to (the policy file's directory).
  public var modelDirectory: String
  /// Logistic models by their path as written, used instead of reading files (for tests and embedding).
  public var models: [String: LogisticRegression]
  /// Models of any kind by their path as written, used instead of reading files; they carry no
  /// training provenance, so their feature definitions are not checked.
  public var runtimeModels: [String: RuntimeModel]

  /// Creates options.
  public init(
    explain: Bool = false, modelDirectory: String = ".", models: [String: LogisticRegression] = [:],
    runtimeModels: [String: RuntimeModel] = [:]
  ) {
    self.explain = explain
    self.modelDirectory = modelDirectory
    self.models = models
    self.runtimeModels = runtimeModels
  }
}

/// The outcome of lowering: a program, or the diagnostics explaining why there is none.
public struct LoweringResult: Sendable {
  /// The program; nil when any diagnostic is an error.
  public var program: Program?
  /// Problems found while lowering (model files, unsupported forms).
  public var diagnostics: [Diagnostic]
}

/// Lowers a checked policy to the register machine's IR.
///
/// Lowering folds constants, keeps only the declarations some reward needs (each becomes a block
/// run at most once per record, on first use), splits reward conditions into short-circuit
/// branches, and loads model files.
public enum Lowering {
  /// Lowers `policy`, whose source is `source`, to a program.
  public static func lower(
    _ policy: CheckedPolicy, source: SourceFile, options: LoweringOptions = LoweringOptions()
  ) -> LoweringResult {
    let lowerer = Lowerer(policy: policy, source: source, options: options)
    let program = lowerer.lowerProgram()
    let diagnostics = lowerer.diagnostics.diagnostics
    return LoweringResult(
      program: diagnostics.contains { $0.severity == .error } ? nil : program, diagnostics: diagnostics)
  }
}
