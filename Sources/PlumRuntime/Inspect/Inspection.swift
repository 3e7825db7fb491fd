import PlumChecker
import PlumData
import PlumDiagnostics

/// A policy lowered for inspection: the program with traces and probe blocks, and the one machine
/// (inside a decision runner) that decides records and computes every value an explanation or a
/// test shows.
///
/// Nothing here evaluates an expression: each value is read from the machine after it ran the
/// decision, or a probe block that computes the expression with the same code lowering gives
/// `plum run`. Probes are lowered up front for the expressions explanations usually ask about; an
/// expression asked about later is lowered then, and the machine rebuilt (a record decides the same
/// way every time, so nothing changes but the cost).
public final class Inspection {
  /// The policy.
  public let policy: CheckedPolicy
  /// The policy's source.
  public let source: SourceFile
  /// The as-of date, in days since 1970-01-01.
  public let asOf: Int64
  /// The schema records are laid out in.
  public let schema: RecordSchema
  private let options: LoweringOptions
  private var expressions: [TypedExpression]
  private var probes: [TypedExpression: Int] = [:]
  private var lowered: EvalLoweringResult
  /// The runner whose machine decides and probes; rebuilt when new probes are lowered.
  private(set) var runner: DecisionRunner
  /// The inspector whose record the machine holds, if any.
  weak var current: RecordInspector?

  /// Why a policy cannot be inspected.
  public enum Failure: Error, Sendable {
    /// Lowering the policy failed with these diagnostics.
    case lowering([Diagnostic])
    /// The input schema cannot be read from records.
    case schema(SchemaError)
  }

  /// Lowers `policy` with traces and probes for `expressions` (more are lowered on demand).
  public init(
    policy: CheckedPolicy, source: SourceFile, options: LoweringOptions, asOf: Int64,
    expressions: [TypedExpression]
  ) throws(Failure) {
    self.policy = policy
    self.source = source
    self.asOf = asOf
    var options = options
    options.explain = true
    self.options = options
    var unique: [TypedExpression] = []
    var seen = Set<TypedExpression>()
    for expression in expressions where seen.insert(expression).inserted { unique.append(expression) }
    self.expressions = unique
    let result = Lowering.lower(
      policy, source: source, options: options, probing: unique, isolatingProbeErrors: true)
    guard let program = result.program else { throw .lowering(result.diagnostics) }
    lowered = result
    do {
      runner = try DecisionRunner(program: program, asOf: asOf)
    } catch {
      throw .schema(error)
    }
    schema = runner.schema
    for (index, expression) in unique.enumerated() { probes[expression] = index }
  }

  /// The program the machine runs.
  public var program: Program { runner.program }

  /// The machine.
  var machine: Machine { runner.machine }

  /// The probe computing `expression`, lowering it first if it has none; or why there is none.
  func probe(for expression: TypedExpression) -> Result<EvalProbe, ExplainFault> {
    if probes[expression] == nil { extend(with: expression) }
    guard let index = probes[expression], lowered.probes.indices.contains(index) else {
      return .failure(
        ExplainFault(code: nil, summary: "the expression cannot be computed", range: expression.range))
    }
    if lowered.failures.indices.contains(index), let problem = lowered.failures[index] {
      return .failure(ExplainFault(code: nil, summary: problem, range: expression.range))
    }
    return .success(lowered.probes[index])
  }

  /// Lowers the program again with one more probe and rebuilds the machine.
  private func extend(with expression: TypedExpression) {
    let result = Lowering.lower(
      policy, source: source, options: options, probing: expressions + [expression],
      isolatingProbeErrors: true)
    guard let program = result.program, let rebuilt = try? DecisionRunner(program: program, asOf: asOf) else {
      return
    }
    expressions.append(expression)
    probes[expression] = expressions.count - 1
    lowered = result
    runner = rebuilt
    current = nil
  }

  /// The fault a machine error is, at its source expression.
  func fault(_ fault: RuntimeFault, at fallback: SourceRange) -> ExplainFault {
    let sites = program.sites
    let range = sites.indices.contains(Int(fault.site)) ? sites[Int(fault.site)].range : fallback
    return ExplainFault(fault.code, at: range)
  }

  /// The policy's index of the program's model `index`.
  func policyModel(_ index: Int) -> Int? {
    guard program.models.indices.contains(index) else { return nil }
    return policy.models.firstIndex { $0.name.name == program.models[index].name }
  }

  /// The program's index of the policy's model `index`.
  func programModel(_ index: Int) -> Int? {
    guard policy.models.indices.contains(index) else { return nil }
    return program.models.firstIndex { $0.name == policy.models[index].name.name }
  }

  /// An inspector for a record read from data, laid out as `schema` says.
  public func inspector(for row: RecordRow) -> RecordInspector {
    RecordInspector(
      inspection: self, row: row, record: ExplainRecord.values(of: row, schema: schema, input: policy.input))
  }

  /// An inspector for a record given as values in schema order (`missing` where absent).
  public func inspector(for values: [ExplainValue]) -> RecordInspector {
    RecordInspector(inspection: self, row: ExplainRecord.row(from: values, schema: schema), record: values)
  }

  /// The values of a test's inline record, in schema order; fields left out are `missing`.
  ///
  /// The values are constants the checker has typed; each is computed by the machine, with the
  /// code lowering gives a constant. One that cannot be computed (a money amount finer than its
  /// currency's minor unit) is the fault returned.
  public func values(of fields: [TestFieldValue]) -> Result<[ExplainValue], ExplainFault> {
    let blank = inspector(for: Array(repeating: ExplainValue.missing, count: policy.input.fields.count))
    var values = Array(repeating: ExplainValue.missing, count: policy.input.fields.count)
    for field in fields where values.indices.contains(field.field) {
      switch blank.evaluate(field.value, deciding: false) {
      case .success(let value): values[field.field] = value
      case .failure(.fault(let fault)): return .failure(fault)
      case .failure(.noConsent):
        return .failure(
          ExplainFault(code: nil, summary: "a test value cannot use a model", range: field.value.range))
      }
    }
    return .success(values)
  }
}
