import PlumChecker
import PlumData
import PlumDiagnostics
import PlumRuntime

/// What evaluating an expression gave.
enum EvalOutcome: Sendable {
  /// A value (or `missing`, or `<redacted>`) with its type; warnings about the expression.
  case value(String, type: PlumType, warnings: [Finding])
  /// The expression does not compile; the findings point into it.
  case invalid([Finding])
  /// Evaluating failed at run time (overflow, division by zero…).
  case fault(Finding)
  /// A model needs consent the record does not give.
  case blocked(model: String, purpose: String)
  /// The expression reads the input record, and there is none.
  case needsRecord(field: String)
}

/// Evaluates expressions in a policy's scope: check the expression against the policy, lower it as
/// a probe of the policy's program, and run the probe on one record.
struct ExpressionEvaluator: Sendable {
  /// The policy whose names are in scope.
  let policy: EvalPolicy
  /// The date `today()` means (days since 1970-01-01).
  let asOf: Int64

  /// Compiles an expression without running it.
  func compile(_ text: String) -> CompileOutcome {
    ExpressionCompiler(policy: policy).compile(text)
  }

  /// Lowers the policy with the expression as a probe; the failure's findings point into it.
  func lower(_ compiled: CompiledExpression) -> Result<(Program, EvalProbe), EvalLoweringFailure> {
    let lowered = lowering(compiled)
    guard let program = lowered.program, let probe = lowered.probe else {
      return .failure(EvalLoweringFailure(findings: findings(of: lowered, compiled)))
    }
    return .success((program, probe))
  }

  private func findings(of lowered: ExpressionLoweringResult, _ compiled: CompiledExpression) -> [Finding] {
    lowered.policyDiagnostics.map { Finding(diagnostic: $0, file: policy.frontend.source) }
      + lowered.diagnostics.map { Finding(diagnostic: $0, file: compiled.file) }
  }

  private func lowering(_ compiled: CompiledExpression) -> ExpressionLoweringResult {
    Lowering.lower(
      policy.checked, source: policy.frontend.source, options: policy.loweringOptions,
      evaluating: compiled.value, from: compiled.file)
  }

  /// Evaluates `text` on `record` (nil: no record is selected).
  func evaluate(_ text: String, record: RecordRow?) -> EvalOutcome {
    let compiled: CompiledExpression
    switch compile(text) {
    case .failed(let findings): return .invalid(findings)
    case .compiled(let result): compiled = result
    }
    if record == nil, let field = InputReads.firstField(of: compiled.value, in: policy.checked) {
      let path = policy.checked.input.fields[field].path
      return .needsRecord(field: "\(policy.checked.input.name.name).\(path)")
    }
    let lowered = lowering(compiled)
    guard let program = lowered.program, let probe = lowered.probe else {
      return .invalid(findings(of: lowered, compiled))
    }
    let runner = ProbeRunner(program: program, asOf: asOf)
    runner.load(record ?? policy.schema.makeRow())
    switch runner.run(probe, type: compiled.type) {
    case .fault(let fault):
      return .fault(
        runner.finding(
          for: fault, in: policy.frontend.source,
          expression: (compiled.file, lowered.expressionSites)))
    case .blocked(let model, let purpose):
      return .blocked(model: model, purpose: purpose)
    case let result:
      return .value(result.shown ?? "", type: compiled.type, warnings: compiled.warnings)
    }
  }
}

/// Why an expression could not be lowered.
struct EvalLoweringFailure: Error, Sendable {
  /// The lowering diagnostics, mapped into the expression or the policy.
  var findings: [Finding]
}
