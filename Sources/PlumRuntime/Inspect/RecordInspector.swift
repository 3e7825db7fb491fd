import PlumChecker
import PlumData
import PlumDiagnostics

/// One record as the machine decided it, with any expression of the policy computed for it on demand.
///
/// The decision and its trace come from the runner; every other value (a let, a rule's parts, a
/// comparison's operands, a test's expectation) from a probe block run on the same machine after the
/// decision, so declarations the decision computed are read, not computed again. Values are kept,
/// so asking twice costs nothing.
public final class RecordInspector {
  /// The inspection this record belongs to.
  public let inspection: Inspection
  /// The record's field values in schema order (`missing` where absent).
  public let record: [ExplainValue]
  private let row: RecordRow
  private var decided: Decision?
  private var explained: ExplainDecision?
  private var values: [TypedExpression: Result<ExplainValue, ExplainStop>] = [:]
  private var features: [Int: [Double]] = [:]

  init(inspection: Inspection, row: RecordRow, record: [ExplainValue]) {
    self.inspection = inspection
    self.row = row
    self.record = record
  }

  /// The policy.
  public var policy: CheckedPolicy { inspection.policy }
  /// The policy's source.
  public var source: SourceFile { inspection.source }
  /// The as-of date, in days since 1970-01-01.
  public var asOf: Int64 { inspection.asOf }

  /// The inspector for the same policy and date with other record values.
  public func with(record: [ExplainValue]) -> RecordInspector { inspection.inspector(for: record) }

  /// The decision, exactly as `plum run` makes it, with its trace.
  public var decision: Decision {
    load()
    return decided ?? Decision()
  }

  /// Makes the machine hold this record, decided.
  private func load() {
    guard inspection.current !== self else { return }
    let runner = inspection.runner
    runner.decide(row, record: 1)
    if decided == nil { decided = runner.decision }
    inspection.current = self
  }

  /// The value of an expression of the policy for this record, or why there is none.
  public func evaluate(_ expression: TypedExpression) -> Result<ExplainValue, ExplainStop> {
    evaluate(expression, deciding: true)
  }

  /// The value of an expression; `deciding: false` leaves out the decision (for constants).
  func evaluate(_ expression: TypedExpression, deciding: Bool) -> Result<ExplainValue, ExplainStop> {
    if let known = values[expression] { return known }
    let result = compute(expression, deciding: deciding)
    values[expression] = result
    return result
  }

  private func compute(_ expression: TypedExpression, deciding: Bool) -> Result<ExplainValue, ExplainStop> {
    let probe: EvalProbe
    switch inspection.probe(for: expression) {
    case .success(let found): probe = found
    case .failure(let fault): return .failure(.fault(fault))
    }
    if deciding {
      load()
    } else {
      inspection.machine.load(row)
      inspection.current = nil
    }
    if readsDecision(expression), decided?.isDecided != true {
      return .failure(
        .fault(ExplainFault(code: nil, summary: "the record has no decision", range: expression.range)))
    }
    switch inspection.machine.run(probe, type: expression.type) {
    case .value(let value): return .success(value)
    case .fault(let fault): return .failure(.fault(inspection.fault(fault, at: expression.range)))
    case .blocked(let model): return .failure(noConsent(model))
    }
  }

  private func noConsent(_ programModel: Int) -> ExplainStop {
    let program = inspection.program
    let purpose =
      program.models.indices.contains(programModel) ? program.models[programModel].purpose ?? "" : ""
    return .noConsent(model: inspection.policyModel(programModel) ?? 0, purpose: purpose)
  }

  private func readsDecision(_ expression: TypedExpression) -> Bool {
    var reads = false
    ExplainDependencies(policy: policy).forEachNode(in: expression) { node in
      switch node.kind {
      case .rewards, .rewardGranted, .reason: reads = true
      default: break
      }
    }
    return reads
  }

  /// The value of a let, rule or model, as the machine computed it for the record.
  public func value(of reference: DeclarationReference) -> Result<ExplainValue, ExplainStop> {
    let result = evaluate(Self.expression(for: reference, in: policy))
    if case .model(let index) = reference, case .success = result, features[index] == nil,
      let lowered = inspection.programModel(index)
    {
      features[index] = inspection.machine.features(ofModel: lowered)
    }
    return result
  }

  /// A reference to a declaration, as an expression.
  static func expression(for reference: DeclarationReference, in policy: CheckedPolicy) -> TypedExpression {
    switch reference {
    case .let(let index):
      let item = policy.lets[index]
      return TypedExpression(.letRef(index), item.type, item.name.range)
    case .rule(let index):
      return TypedExpression(.ruleRef(index), .bool, policy.rules[index].name.range)
    case .model(let index):
      let model = policy.models[index]
      return TypedExpression(.modelRef(index), model.type, model.name.range)
    }
  }

  /// The features model `index` (of the policy) was scored on, in the model file's order, once its
  /// value has been asked for and it was scored.
  public func features(ofModel index: Int) -> [Double]? {
    if features[index] == nil { _ = value(of: .model(index)) }
    return features[index]
  }

  /// The model `index` of the policy as the machine scores it: its feature names in the file's order
  /// and its parameters; nil when it was not loaded.
  public func loadedModel(_ index: Int) -> ModelProgram? {
    inspection.programModel(index).map { inspection.program.models[$0] }
  }

  /// The decision with every reward's conditions, in the policy's terms.
  public func decide() -> ExplainDecision {
    if let explained { return explained }
    let result = ExplainDecision(decision, inspection: inspection)
    explained = result
    return result
  }
}
