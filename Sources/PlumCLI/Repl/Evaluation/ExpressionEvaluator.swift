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

/// Evaluates expressions in a policy's scope: compile through a synthetic `let`, lower with a
/// probe, and run the probe on one record.
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
    let lowered = Lowering.lower(
      compiled.checked, source: compiled.synthetic.source,
      options: policy.loweringOptions, probing: [compiled.value])
    let findings = lowered.diagnostics.map(compiled.mapper.map)
    guard let program = lowered.program, let probe = lowered.probes.first else {
      return .failure(EvalLoweringFailure(findings: findings))
    }
    return .success((program, probe))
  }

  /// Evaluates `text` on `record` (nil: no record is selected).
  func evaluate(_ text: String, record: RecordRow?) -> EvalOutcome {
    let compiled: CompiledExpression
    switch compile(text) {
    case .failed(let findings): return .invalid(findings)
    case .compiled(let result): compiled = result
    }
    if record == nil, let field = InputReads.firstField(of: compiled.value, in: compiled.checked) {
      let path = compiled.checked.input.fields[field].path
      return .needsRecord(field: "\(compiled.checked.input.name.name).\(path)")
    }
    let program: Program
    let probe: EvalProbe
    switch lower(compiled) {
    case .failure(let failure): return .invalid(failure.findings)
    case .success(let lowered): (program, probe) = lowered
    }
    let runner = ProbeRunner(program: program, asOf: asOf)
    runner.load(record ?? policy.schema.makeRow())
    switch runner.run(probe, type: compiled.type) {
    case .fault(let fault):
      return .fault(runner.finding(for: fault, in: compiled.synthetic.source, mapper: compiled.mapper))
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
