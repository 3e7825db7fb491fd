import Foundation
import PlumChecker
import PlumDiagnostics
import PlumModels

extension Lowerer {
  /// The value of a let, rule or model: lowered into its own block on first use and run with
  /// `ensure`, or an alias when it needs no code (a constant or an input field).
  func reference(_ reference: DeclarationReference, type: PlumType) -> Operand {
    if let lowered = loweredDeclarations[reference] {
      switch lowered {
      case .alias(let operand): return operand
      case .block(let index, let entry, let operand):
        ensure(index, entry: entry, reference)
        return operand
      }
    }
    guard !inProgress.contains(reference) else { return zero(type) }
    inProgress.insert(reference)
    defer { inProgress.remove(reference) }
    // A declaration's spans are the policy's, whatever expression asked for it.
    let outerForeign = foreign
    var outerDiagnostics: DiagnosticBag?
    if outerForeign != nil {
      setForeign(nil)
      outerDiagnostics = diagnostics
      diagnostics = DiagnosticBag()
    }
    defer {
      if let outerDiagnostics {
        policyDiagnosticsWhileForeign += diagnostics.diagnostics
        diagnostics = outerDiagnostics
        setForeign(outerForeign)
      }
    }
    let outerConsent = consentReachable
    let outerUnconditional = unconditional
    consentReachable = false
    declarationDepth += 1
    defer { declarationDepth -= 1 }
    let previous = beginBlock()
    let block = currentBlock
    let entry = newLabel()
    place(entry)
    let name: String
    let kind: DeclarationKind
    let operand: Operand
    var modelIndex: Int?
    switch reference {
    case .let(let index):
      name = policy.lets[index].name.name
      kind = .let
      operand = value(policy.lets[index].value)
    case .rule(let index):
      name = policy.rules[index].name.name
      kind = .rule
      operand = value(policy.rules[index].condition)
    case .model(let index):
      name = policy.models[index].name.name
      kind = .model
      (operand, modelIndex) = model(policy.models[index])
    }
    requiresConsent[reference] = consentReachable
    consentReachable = outerConsent || consentReachable
    let keepsBlock = options.explain && kind != .let
    let isTraceOnly = blocks[block].isEmpty
    if isTraceOnly && !keepsBlock {
      currentBlock = previous
      unconditional = outerUnconditional
      loweredDeclarations[reference] = .alias(operand)
      return operand
    }
    let index = Int32(declarations.count)
    emit(.returnFrom(decl: index))
    declarations.append(
      DeclarationInfo(
        name: name, kind: kind, entry: entry, result: operand.register, display: displayKind(type),
        presence: operand.presence, isTraceOnly: isTraceOnly))
    if let modelIndex { models[modelIndex].declaration = index }
    currentBlock = previous
    unconditional = outerUnconditional
    loweredDeclarations[reference] = .block(index: index, entry: entry, operand)
    declarationDepth -= 1
    ensure(index, entry: entry, reference)
    declarationDepth += 1
    return operand
  }

  /// Emits `ensure` unless the main block already ran the declaration for every record.
  private func ensure(_ index: Int32, entry: Address, _ reference: DeclarationReference) {
    let needsConsent = requiresConsent[reference] ?? true
    consentReachable = consentReachable || needsConsent
    if declarationDepth == 0 && computedInMain.contains(index) { return }
    emit(.ensure(decl: index, entry: entry))
    // A declaration that may stop at a consent gate can be left half done, so it is never assumed.
    if declarationDepth == 0 && unconditional && !needsConsent { computedInMain.insert(index) }
  }

  /// Emits a model's code: the consent gate, its features, its score (a k-means segment is an int).
  private func model(_ model: CheckedModel) -> (Operand, Int?) {
    let placeholder =
      model.kind == .kmeans ? Operand(.int(constantInt(0))) : Operand(.float(constantFloat(0)))
    guard model.kind != nil, let loaded = loadModel(model), segmentsMatch(model, loaded) else {
      return (placeholder, nil)
    }
    let features = loaded.featureNames
    var consentRegister: Register?
    if let purpose = model.purpose { consentRegister = consentFlag(purpose.name) }
    // The index is taken before the features are lowered: an input that reads another model lowers
    // that model first, and it must not take this model's index.
    let index = models.count
    models.append(
      ModelProgram(
        name: model.name.name, kind: loaded.kind.rawValue, source: model.source, purpose: model.purpose?.name,
        consentRegister: consentRegister, featureNames: features, firstFeature: 0, model: loaded,
        declaration: -1, featureIsPII: []))
    if let consentRegister {
      emit(.requireConsent(consentRegister, model: Int32(index)))
      consentReachable = true
    }
    let (first, featureIsPII) = lowerFeatures(model, names: features)
    models[index].firstFeature = first
    models[index].featureIsPII = featureIsPII
    if case .kMeans = loaded {
      let segment = freshInt()
      let distance = freshFloat()
      segmentDistances[model.name.name] = distance
      emit(.evaluateSegment(segment, distance: distance, model: Int32(index), site: site(model.name.range)))
      return (Operand(.int(segment)), index)
    }
    let score = freshFloat()
    emit(.evaluateModel(score, model: Int32(index), site: site(model.name.range)))
    return (Operand(.float(score)), index)
  }

  /// Emits the code that computes `names` (features of `model`, each one of its inputs) into
  /// consecutive float registers: money in major units, ints and bools as floats.
  /// - Returns: the first register, and whether each feature derives from a `pii` field.
  func lowerFeatures(_ model: CheckedModel, names: [String]) -> (first: Register, isPII: [Bool]) {
    let first = Register(initialFloats.count)
    let registers = names.map { _ in freshFloat() }
    var featureIsPII: [Bool] = []
    for (feature, register) in zip(names, registers) {
      guard let input = model.inputs.first(where: { $0.name.name == feature }) else {
        featureIsPII.append(false)
        continue
      }
      featureIsPII.append(personalData.carriesPersonalData(input.value))
      let operand = value(input.value)
      // A missing optional input (only `trees` models accept one) is NaN: XGBoost's missing value.
      var done: Address?
      if let presence = operand.presence {
        let present = newLabel()
        let after = newLabel()
        emit(.jumpIfTrue(presence, present))
        copy(.float(constantFloat(.nan)), to: .float(register))
        emit(.jump(after))
        place(present)
        done = after
      }
      if case .money = input.value.type.unwrapped {
        emit(.moneyToFloat(register, operand.register, digits: Int32(moneyDigits(input.value.type))))
      } else {
        copy(operand.slot, to: .float(register))
      }
      if let done { place(done) }
    }
    return (first, featureIsPII)
  }

  /// The int register that is 1 exactly when `consent.<purpose>` is present and true.
  func consentFlag(_ purpose: String) -> Register? {
    let candidates = inputs.fields.indices.filter {
      inputs.fields[$0].path == "consent.\(purpose)"
    }
    guard let field = candidates.first else { return nil }
    inputs.fields[field].isRead = true
    let input = inputs.fields[field]
    guard let presence = input.presence else { return input.slot }
    let result = freshInt()
    let missing = newLabel()
    emit(.copyInt(result, presence))
    emit(.jumpIfFalse(presence, missing))
    emit(.copyInt(result, input.slot))
    place(missing)
    return result
  }

  /// The model a declaration names, with its features checked against the policy; nil (with a
  /// diagnostic) when the file cannot be read, is not a model of the declared kind, names other
  /// features than `inputs`, or was trained on other feature definitions.
  private func loadModel(_ model: CheckedModel) -> RuntimeModel? {
    if let given = options.runtimeModels[model.source]
      ?? options.models[model.source].map(RuntimeModel.logistic)
    {
      guard given.kind == model.kind else {
        reportOnce(
          RuntimeDiagnostics.modelFileInvalid,
          "model `\(model.source)` is a `\(given.kind.rawValue)` model, not `\(model.kindName.name)`",
          at: model.sourceRange)
        return nil
      }
      return featuresMatch(model, given.featureNames) ? given : nil
    }
    switch ModelFileLoader.load(model, directory: options.modelDirectory) {
    case .failure(.unreadable(let path)):
      reportOnce(
        RuntimeDiagnostics.modelFileUnreadable,
        "cannot read model file `\(model.source)` (looked for `\(path)`)", at: model.sourceRange)
      return nil
    case .failure(.invalid(let reason)):
      reportOnce(
        RuntimeDiagnostics.modelFileInvalid, "model file `\(model.source)` is invalid: \(reason)",
        at: model.sourceRange)
      return nil
    case .success(let loaded):
      guard featuresMatch(model, loaded.model.featureNames) else { return nil }
      if let training = loaded.training, !definitionsMatch(model, training, loaded.model.featureNames) {
        return nil
      }
      return loaded.model
    }
  }

  /// Whether a k-means model's segment names, if it has them, name every centroid; reports P0706.
  private func segmentsMatch(_ model: CheckedModel, _ loaded: RuntimeModel) -> Bool {
    guard let segments = model.segments, case .kMeans(let kMeans) = loaded,
      segments.count != kMeans.segmentCount
    else { return true }
    reportOnce(
      RuntimeDiagnostics.segmentNamesMismatch,
      "`segments` names \(segments.count) segments of model `\(model.name.name)`, but `\(model.source)` "
        + "has \(kMeans.segmentCount); name every segment, in the file's order",
      at: segments.first?.range ?? model.sourceRange)
    return false
  }

  /// Whether the file's features are exactly the model's inputs (in any order); reports P0703.
  private func featuresMatch(_ model: CheckedModel, _ features: [String]) -> Bool {
    var matches = true
    let inputNames = model.inputs.map(\.name.name)
    for feature in features where !inputNames.contains(feature) {
      matches = false
      reportOnce(
        RuntimeDiagnostics.modelFeatureMismatch,
        "model file `\(model.source)` needs feature `\(feature)`, which `inputs` does not give",
        at: model.sourceRange)
    }
    for input in model.inputs where !features.contains(input.name.name) {
      matches = false
      reportOnce(
        RuntimeDiagnostics.modelFeatureMismatch,
        "model file `\(model.source)` has no feature `\(input.name.name)`", at: input.name.range)
    }
    return matches
  }

  /// Whether the policy defines the features as they were when the file was trained; reports P0705,
  /// naming each feature whose definition changed when the file records the definitions.
  private func definitionsMatch(_ model: CheckedModel, _ training: ModelFile.Training, _ features: [String])
    -> Bool
  {
    let current = FeatureDefinitions.of(model, in: policy, order: features)
    guard current.fingerprint != training.featuresSHA256 else { return true }
    let retrain = "retrain it with `plum train \(source.name) --model \(model.name.name) …`"
    guard let trained = training.featureDefinitions, trained.count == features.count else {
      reportOnce(
        RuntimeDiagnostics.modelFeaturesChanged,
        "model `\(model.name.name)` was trained on other feature definitions than the policy now gives "
          + "(`\(model.source)` records `features_sha256` \(training.featuresSHA256.prefix(12))…, the policy's "
          + "is \(current.fingerprint)); \(retrain)",
        at: model.sourceRange)
      return false
    }
    var reported = false
    for (index, name) in features.enumerated() where trained[index] != current.texts[index] {
      let range = model.inputs.first { $0.name.name == name }?.value.range ?? model.sourceRange
      reportOnce(
        RuntimeDiagnostics.modelFeaturesChanged,
        "feature `\(name)` of model `\(model.name.name)` was `\(trained[index])` when `\(model.source)` "
          + "was trained and is now `\(current.texts[index])`; \(retrain)",
        at: range)
      reported = true
    }
    if !reported {
      reportOnce(
        RuntimeDiagnostics.modelFeaturesChanged,
        "the feature fingerprint of `\(model.source)` does not match its recorded definitions; \(retrain)",
        at: model.sourceRange)
    }
    return false
  }
}
