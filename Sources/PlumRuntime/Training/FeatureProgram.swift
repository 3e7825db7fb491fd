import PlumChecker
import PlumDiagnostics

/// A policy lowered to compute one model's features for training, with the same IR and machine
/// that `plum run` uses.
///
/// Running the machine from `program.main` on a loaded record leaves the features in the float
/// registers from `firstFeature`, in `featureNames` order, unless the record lacks the model's
/// consent (`blocked` is then 1) or an expression fails (the machine reports the fault).
public struct FeatureProgram: Sendable {
  /// The program; its main block computes the features and halts.
  public var program: Program
  /// The model's index in `CheckedPolicy.models`.
  public var model: Int
  /// The feature names, in the model's `inputs` order.
  public var featureNames: [String]
  /// The first of the consecutive float registers holding the features.
  public var firstFeature: Register
  /// The int register set to 1 when the record lacks the model's consent (0 otherwise).
  public var blocked: Register
  /// The consent purpose gating the model, if any.
  public var purpose: String?
  /// The features' definitions, as recorded in the model file.
  public var definitions: FeatureDefinitions
  /// Whether a feature depends on the as-of date (`days_since`, `days_until`, `today`).
  public var readsAsOf: Bool
}

/// A feature program, or the diagnostics explaining why there is none.
public struct FeatureLoweringResult: Sendable {
  /// The program; nil when any diagnostic is an error.
  public var features: FeatureProgram?
  /// Problems found while lowering (for example another model's file that cannot be read).
  public var diagnostics: [Diagnostic]
}

extension Lowering {
  /// Lowers the `inputs` expressions of model `model` (an index in `policy.models`) alone: no
  /// reward is lowered and the model's own file is not read, so it can be trained before it exists.
  public static func lowerFeatures(
    of model: Int, in policy: CheckedPolicy, source: SourceFile, options: LoweringOptions = LoweringOptions()
  ) -> FeatureLoweringResult {
    let lowerer = Lowerer(policy: policy, source: source, options: options)
    let features = lowerer.lowerFeatureProgram(model)
    let diagnostics = lowerer.diagnostics.diagnostics
    return FeatureLoweringResult(
      features: diagnostics.contains { $0.severity == .error } ? nil : features, diagnostics: diagnostics)
  }
}

extension Lowerer {
  /// The main block: the consent check, then every feature, then `halt`.
  fileprivate func lowerFeatureProgram(_ index: Int) -> FeatureProgram {
    let model = policy.models[index]
    layOutInputs()
    asOfRegister = freshInt()
    consentFailureRegister = freshInt()
    currentBlock = 0
    let blocked = freshInt()
    let noConsent = newLabel()
    emit(.setInt(blocked, 0))
    // Another model read by a feature may meet its own consent gate.
    emit(.onConsentFailure(noConsent))
    if let purpose = model.purpose, let flag = consentFlag(purpose.name) {
      emit(.jumpIfFalse(flag, noConsent))
    }
    let names = model.inputs.map(\.name.name)
    let (first, _) = lowerFeatures(model, names: names)
    emit(.halt)
    place(noConsent)
    emit(.setInt(blocked, 1))
    emit(.halt)
    let (code, addresses) = link()
    let declarations = declarations.map { declaration in
      var declaration = declaration
      declaration.entry = addresses[Int(declaration.entry)]
      return declaration
    }
    let program = Program(
      name: policy.name?.name ?? "policy", currency: policy.currency ?? "", code: code,
      initialInts: initialInts, initialFloats: initialFloats, initialStrings: initialStrings,
      initialLists: initialLists, intSets: intSets, floatSets: floatSets, stringSets: stringSets,
      strings: strings, displays: displays, enumerations: enumerations, sites: sites,
      declarations: declarations, models: models,
      rewards: [], inputs: inputs, main: 0, selection: .all, asOfRegister: asOfRegister,
      consentFailureRegister: consentFailureRegister, explains: false)
    return FeatureProgram(
      program: program, model: index, featureNames: names, firstFeature: first, blocked: blocked,
      purpose: model.purpose?.name,
      definitions: FeatureDefinitions.of(model, in: policy), readsAsOf: readsAsOf)
  }
}
