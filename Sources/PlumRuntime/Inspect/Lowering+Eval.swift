import PlumChecker
import PlumDiagnostics

extension Lowering {
  /// Lowers `policy` as `lower` does, plus one block per expression that computes it on demand.
  ///
  /// The expressions must come from the same checked policy (typically a synthetic `let` appended
  /// to its source), so their names and types resolve against it.
  ///
  /// - Parameter isolatingProbeErrors: when true, an expression that cannot be lowered (a model
  ///   file that cannot be read, a form with no per-record value) fails alone, named in
  ///   `failures`, and the program is still made when the policy itself lowers cleanly.
  public static func lower(
    _ policy: CheckedPolicy, source: SourceFile, options: LoweringOptions = LoweringOptions(),
    probing expressions: [TypedExpression], isolatingProbeErrors: Bool = false
  ) -> EvalLoweringResult {
    lower(
      Lowerer(policy: policy, source: source, options: options), probing: expressions,
      isolatingProbeErrors: isolatingProbeErrors)
  }

  /// Lowers `policy` with one probe computing `expression`, an expression of its own that
  /// `Checker.checkExpression` checked in the policy's scope: its spans, its diagnostics and the
  /// runtime error sites made for it are positions in `expressionSource`.
  public static func lower(
    _ policy: CheckedPolicy, source: SourceFile, options: LoweringOptions = LoweringOptions(),
    evaluating expression: TypedExpression, from expressionSource: SourceFile
  ) -> ExpressionLoweringResult {
    let lowerer = Lowerer(policy: policy, source: source, options: options)
    let result = lower(lowerer, probing: [expression], isolatingProbeErrors: false, foreign: expressionSource)
    let expressionDiagnostics = result.diagnostics.filter { !lowerer.policyDiagnostics.contains($0) }
    let policyDiagnostics = lowerer.policyDiagnostics + lowerer.policyDiagnosticsWhileForeign
    let failed = (expressionDiagnostics + policyDiagnostics).contains { $0.severity == .error }
    return ExpressionLoweringResult(
      program: failed ? nil : result.program, probe: failed ? nil : result.probes.first,
      diagnostics: expressionDiagnostics, policyDiagnostics: policyDiagnostics,
      expressionSites: lowerer.foreignSites)
  }

  private static func lower(
    _ lowerer: Lowerer, probing expressions: [TypedExpression], isolatingProbeErrors: Bool,
    foreign: SourceFile? = nil
  ) -> EvalLoweringResult {
    let policyProgram = lowerer.lowerProgram()
    let policyDiagnostics = lowerer.diagnostics.diagnostics
    lowerer.policyDiagnostics = policyDiagnostics
    lowerer.setForeign(foreign)
    defer { lowerer.setForeign(nil) }
    // The main block's "already computed" shortcut assumes main ran first; probes run on their own.
    lowerer.computedInMain = []
    lowerer.readsDecision = true
    var failures: [String?] = []
    let probes = expressions.map { expression in
      let problems = lowerer.problemCount
      let probe = lowerer.lowerProbe(expression)
      failures.append(lowerer.problemCount == problems ? nil : lowerer.lastProblem)
      return probe
    }
    let (code, addresses) = lowerer.link()
    // Blocks are laid out in creation order, so the policy's own addresses (main, `because`
    // blocks) are unchanged; everything the probes added to the lowerer's tables is taken over.
    var program = Program(
      name: policyProgram.name, currency: policyProgram.currency, code: code,
      initialInts: lowerer.initialInts,
      initialFloats: lowerer.initialFloats, initialStrings: lowerer.initialStrings,
      initialLists: lowerer.initialLists, intSets: lowerer.intSets, floatSets: lowerer.floatSets,
      stringSets: lowerer.stringSets, strings: lowerer.strings, displays: lowerer.displays,
      enumerations: lowerer.enumerations,
      sites: lowerer.sites,
      declarations: lowerer.declarations.map { declaration in
        var declaration = declaration
        declaration.entry = addresses[Int(declaration.entry)]
        return declaration
      },
      models: lowerer.models, rewards: policyProgram.rewards, inputs: lowerer.inputs,
      main: policyProgram.main,
      selection: policyProgram.selection, asOfRegister: policyProgram.asOfRegister,
      consentFailureRegister: policyProgram.consentFailureRegister, explains: policyProgram.explains,
      decisionSlots: lowerer.decisionSlots)
    // The run-level facts the policy's program carries, so an inspected record is priced alike.
    program.budget = policyProgram.budget
    program.pointValue = policyProgram.pointValue
    let located = probes.map { probe in
      var probe = probe
      probe.entry = addresses[Int(probe.entry)]
      return probe
    }
    let diagnostics = isolatingProbeErrors ? policyDiagnostics : lowerer.diagnostics.diagnostics
    guard !diagnostics.contains(where: { $0.severity == .error }) else {
      return EvalLoweringResult(program: nil, probes: [], diagnostics: diagnostics)
    }
    return EvalLoweringResult(
      program: program, probes: located, diagnostics: diagnostics,
      failures: isolatingProbeErrors ? failures : expressions.map { _ in nil })
  }
}

extension Lowerer {
  /// Emits a block computing `expression`; its entry is still a label until linking.
  fileprivate func lowerProbe(_ expression: TypedExpression) -> EvalProbe {
    let previous = beginBlock()
    defer { currentBlock = previous }
    unconditional = false
    let entry = newLabel()
    let stopped = newLabel()
    let blocked = freshInt()
    place(entry)
    emit(.setInt(blocked, 0))
    emit(.onConsentFailure(stopped))
    let operand = value(expression)
    emit(.halt)
    place(stopped)
    emit(.setInt(blocked, 1))
    emit(.halt)
    let location: EvalProbe.Location =
      switch operand.slot {
      case .int(let register): .int(register)
      case .float(let register): .float(register)
      case .string(let register): .string(register)
      case .list(let register, _): .list(register)
      case .reward(let slots): .reward(slots)
      }
    return EvalProbe(
      entry: entry, location: location, presence: operand.presence, blocked: blocked,
      readsPII: personalData.carriesPersonalData(expression))
  }
}

/// A program lowered with a probe for an expression of its own, or the diagnostics explaining why
/// there is none.
public struct ExpressionLoweringResult: Sendable {
  /// The program (whose main block is the policy's, unchanged); nil when any diagnostic is an error.
  public var program: Program?
  /// The probe computing the expression; nil when there is no program.
  public var probe: EvalProbe?
  /// Problems with the expression, at positions in its own source.
  public var diagnostics: [Diagnostic]
  /// Problems with the policy's declarations (a model file that cannot be read), in its source.
  public var policyDiagnostics: [Diagnostic]
  /// The runtime error sites whose spans are positions in the expression's source; every other
  /// site is the policy's.
  public var expressionSites: Set<Int32>
}
