import Foundation
import PlumChecker
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
    if blocks[block].isEmpty && !keepsBlock {
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
        presence: operand.presence))
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

  /// Emits a model's code: the consent gate, its features, its score.
  private func model(_ model: CheckedModel) -> (Operand, Int?) {
    let placeholder = Operand(.float(constantFloat(0)))
    guard model.kind == .logistic else {
      if let kind = model.kind {
        reportOnce(
          RuntimeDiagnostics.modelKindUnsupported,
          "`\(kind.rawValue)` models cannot be run yet; use `logistic`",
          at: model.kindName.range)
      }
      return (placeholder, nil)
    }
    guard let logistic = loadModel(model) else { return (placeholder, nil) }
    let features = logistic.terms.featureNames
    let inputNames = model.inputs.map(\.name.name)
    for feature in features where !inputNames.contains(feature) {
      reportOnce(
        RuntimeDiagnostics.modelFeatureMismatch,
        "model file `\(model.source)` needs feature `\(feature)`, which `inputs` does not give",
        at: model.sourceRange)
    }
    for input in model.inputs where !features.contains(input.name.name) {
      reportOnce(
        RuntimeDiagnostics.modelFeatureMismatch,
        "model file `\(model.source)` has no feature `\(input.name.name)`", at: input.name.range)
    }
    let index = models.count
    var consentRegister: Register?
    if let purpose = model.purpose {
      consentRegister = consentFlag(purpose.name)
      if let consentRegister {
        emit(.requireConsent(consentRegister, model: Int32(index)))
        consentReachable = true
      }
    }
    let first = Register(initialFloats.count)
    let registers = features.map { _ in freshFloat() }
    var featureIsPII: [Bool] = []
    for (feature, register) in zip(features, registers) {
      guard let input = model.inputs.first(where: { $0.name.name == feature }) else {
        featureIsPII.append(false)
        continue
      }
      featureIsPII.append(readsPII(input.value))
      let operand = value(input.value)
      if case .money = input.value.type.unwrapped {
        emit(.moneyToFloat(register, operand.register, digits: Int32(moneyDigits(input.value.type))))
      } else {
        copy(operand.slot, to: .float(register))
      }
    }
    models.append(
      ModelProgram(
        name: model.name.name, kind: "logistic", source: model.source, purpose: model.purpose?.name,
        consentRegister: consentRegister, featureNames: features, firstFeature: first, logistic: logistic,
        declaration: -1, featureIsPII: featureIsPII))
    let score = freshFloat()
    emit(.evaluateModel(score, model: Int32(index), site: site(model.name.range)))
    return (Operand(.float(score)), index)
  }

  /// The int register that is 1 exactly when `consent.<purpose>` is present and true.
  private func consentFlag(_ purpose: String) -> Register? {
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

  private func loadModel(_ model: CheckedModel) -> LogisticRegression? {
    if let logistic = options.models[model.source] { return logistic }
    let path = model.source.hasPrefix("/") ? model.source : options.modelDirectory + "/" + model.source
    guard let data = FileManager.default.contents(atPath: path) else {
      reportOnce(
        RuntimeDiagnostics.modelFileUnreadable,
        "cannot read model file `\(model.source)` (looked for `\(path)`)",
        at: model.sourceRange)
      return nil
    }
    do {
      return try ModelFile.decode(Array(data)).logistic()
    } catch {
      reportOnce(
        RuntimeDiagnostics.modelFileInvalid, "model file `\(model.source)` is invalid: \(error)",
        at: model.sourceRange)
      return nil
    }
  }

  /// Whether an expression's value depends on a `pii` field, directly or through declarations.
  func readsPII(_ expression: TypedExpression) -> Bool {
    switch expression.kind {
    case .field(let index):
      return policy.input.fields.indices.contains(index) && policy.input.fields[index].attributes.isPII
    case .letRef(let index): return declarationReadsPII(.let(index))
    case .ruleRef(let index): return declarationReadsPII(.rule(index))
    case .modelRef(let index): return declarationReadsPII(.model(index))
    case .list(let elements): return elements.contains(where: readsPII)
    case .interpolation(let segments):
      return segments.contains {
        if case .value(let inner, _) = $0 { readsPII(inner) } else { false }
      }
    case .narrowed(let inner), .intToFloat(let inner), .negate(_, let inner), .not(let inner):
      return readsPII(inner)
    case .call(_, let arguments): return arguments.contains(where: readsPII)
    case .binary(_, let left, let right): return readsPII(left) || readsPII(right)
    case .conditional(let a, let b, let c): return readsPII(a) || readsPII(b) || readsPII(c)
    default: return false
    }
  }

  private func declarationReadsPII(_ reference: DeclarationReference) -> Bool {
    if let cached = piiCache[reference] { return cached }
    piiCache[reference] = false  // breaks cycles; the checker rejects them anyway
    let result: Bool
    switch reference {
    case .let(let index): result = readsPII(policy.lets[index].value)
    case .rule(let index): result = readsPII(policy.rules[index].condition)
    case .model(let index): result = policy.models[index].inputs.contains { readsPII($0.value) }
    }
    piiCache[reference] = result
    return result
  }
}
