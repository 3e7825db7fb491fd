import PlumChecker
import PlumDiagnostics
import PlumModels

/// What a test may ask about a decision: the rewards given and the explanation text.
public struct ExplainDecisionFacts: Hashable, Sendable {
  /// The rewards given, by index in `CheckedPolicy.rewards`, in output order.
  public var selected: [Int]
  /// The `because` texts of the rewards given, joined with `; `.
  public var reason: String

  /// Creates facts.
  public init(selected: [Int], reason: String) {
    self.selected = selected
    self.reason = reason
  }
}

/// A tracing evaluator over the checked policy: computes any let, rule, model or expression for one
/// record, remembering every value, so tests and explanations can show how a decision came about.
///
/// It follows the register machine's semantics (short-circuit `and`/`or`, lazy declarations,
/// consent gates that abandon a reward, the same arithmetic and errors) but trades speed for
/// visibility; decisions are still made by the machine, and the two are checked against each other.
public final class ExplainEvaluator {
  /// The policy.
  public let policy: CheckedPolicy
  /// The policy's source, for error messages and condition texts.
  public let source: SourceFile
  /// The as-of date, in days since 1970-01-01.
  public let asOf: Int64
  /// The record's field values in schema order (`missing` where absent).
  public let record: [ExplainValue]
  /// The models' scoring parameters.
  public let models: ExplainModels
  /// The decision, when expectations about `rewards`, `reason` or a reward name are evaluated.
  public var facts: ExplainDecisionFacts?
  /// The features each evaluated model was scored on, by model index, in the model file's order.
  public private(set) var features: [Int: [Double]] = [:]
  private var cache: [DeclarationReference: Result<ExplainValue, ExplainStop>] = [:]
  private var inProgress: Set<DeclarationReference> = []
  let currency: String

  /// Creates an evaluator for one record.
  public init(
    policy: CheckedPolicy, source: SourceFile, models: ExplainModels, asOf: Int64, record: [ExplainValue]
  ) {
    self.policy = policy
    self.source = source
    self.models = models
    self.asOf = asOf
    self.record = record
    currency = policy.currency ?? ""
  }

  /// The evaluator for the same policy and date with other record values.
  public func with(record: [ExplainValue]) -> ExplainEvaluator {
    ExplainEvaluator(policy: policy, source: source, models: models, asOf: asOf, record: record)
  }

  /// The value of an expression, or why there is none.
  public func evaluate(_ expression: TypedExpression) -> Result<ExplainValue, ExplainStop> {
    do {
      return .success(try value(expression))
    } catch {
      return .failure(error)
    }
  }

  /// The value of a let, rule or model, computed once.
  public func value(of reference: DeclarationReference) -> Result<ExplainValue, ExplainStop> {
    do {
      return .success(try declaration(reference))
    } catch {
      return .failure(error)
    }
  }

  /// Whether a declaration's value has been computed (or has failed) for this record.
  public func isComputed(_ reference: DeclarationReference) -> Bool { cache[reference] != nil }

  // MARK: Expressions

  func value(_ expression: TypedExpression) throws(ExplainStop) -> ExplainValue {
    switch expression.kind {
    case .bool(let value): return .bool(value)
    case .int(let value): return .int(value)
    case .float(let value): return .float(value)
    case .money(let literal):
      let digits = Money.minorDigits(of: literal.currency)
      guard let units = Money.minorUnits(units: literal.units, scale: literal.scale, digits: digits) else {
        throw unavailable("money literal is finer than the minor unit of \(literal.currency)", expression)
      }
      return .money(units, currency: literal.currency)
    case .duration(let days): return .duration(days)
    case .date(let literal):
      return .date(
        CivilDate.days(year: Int64(literal.year), month: Int64(literal.month), day: Int64(literal.day)))
    case .string(let text): return .string(text)
    case .enumCase(let type, let index): return .enumeration(type, index)
    case .interpolation(let segments): return .string(try interpolate(segments))
    case .list(let elements):
      var values: [ExplainValue] = []
      for element in elements { values.append(try value(element)) }
      return .list(values)
    case .field(let index):
      return record.indices.contains(index) ? record[index] : .missing
    case .letRef(let index): return try declaration(.let(index))
    case .ruleRef(let index): return try declaration(.rule(index))
    case .modelRef(let index): return try declaration(.model(index))
    case .narrowed(let inner): return try value(inner)
    case .intToFloat(let inner):
      let operand = try value(inner)
      guard let number = operand.integer else { return operand }
      return .float(Double(number))
    case .call(let builtin, let arguments): return try call(builtin, arguments, expression)
    case .negate(let arithmetic, let inner): return try negate(arithmetic, try value(inner), expression)
    case .not(let inner): return .bool(!(try condition(inner)))
    case .binary(let operation, let left, let right): return try binary(operation, left, right, expression)
    case .conditional(let test, let then, let otherwise):
      return try condition(test) ? try value(then) : try value(otherwise)
    case .rewards:
      let facts = try decisionFacts(expression)
      return .list(facts.selected.map { .enumeration(policy.rewardNames, $0) })
    case .rewardGranted(let index):
      return .bool(try decisionFacts(expression).selected.contains(index))
    case .reason: return .string(try decisionFacts(expression).reason)
    case .rewarded: throw unavailable("`rewarded` is only known over a whole run", expression)
    case .error: throw unavailable("the expression did not check", expression)
    }
  }

  /// The value of a bool expression.
  func condition(_ expression: TypedExpression) throws(ExplainStop) -> Bool {
    try value(expression).boolValue ?? false
  }

  private func decisionFacts(_ expression: TypedExpression) throws(ExplainStop) -> ExplainDecisionFacts {
    guard let facts else { throw unavailable("the record has no decision", expression) }
    return facts
  }

  func unavailable(_ summary: String, _ expression: TypedExpression) -> ExplainStop {
    .fault(ExplainFault(code: nil, summary: summary, range: expression.range))
  }

  func fault(_ code: RuntimeErrorCode, _ expression: TypedExpression) -> ExplainStop {
    .fault(ExplainFault(code, at: expression.range))
  }

  private func interpolate(_ segments: [TypedSegment]) throws(ExplainStop) -> String {
    var text = ""
    for segment in segments {
      switch segment {
      case .text(let part): text += part
      case .value(let expression, let format):
        // As in `plum run`, values that carry personal data never reach the text.
        if PersonalDataFlow(policy: policy).carriesPersonalData(expression) {
          text += "[redacted]"
          continue
        }
        text += try value(expression).interpolated(format)
      }
    }
    return text
  }

  // MARK: Declarations

  private func declaration(_ reference: DeclarationReference) throws(ExplainStop) -> ExplainValue {
    if let cached = cache[reference] { return try cached.get() }
    guard inProgress.insert(reference).inserted else {
      throw .fault(
        ExplainFault(code: nil, summary: "declarations depend on each other", range: range(of: reference)))
    }
    defer { inProgress.remove(reference) }
    let result: Result<ExplainValue, ExplainStop>
    do {
      switch reference {
      case .let(let index): result = .success(try value(policy.lets[index].value))
      case .rule(let index): result = .success(try value(policy.rules[index].condition))
      case .model(let index): result = .success(try model(index))
      }
    } catch {
      result = .failure(error)
    }
    cache[reference] = result
    return try result.get()
  }

  /// The span of a declaration's name.
  func range(of reference: DeclarationReference) -> SourceRange {
    switch reference {
    case .let(let index): policy.lets[index].name.range
    case .rule(let index): policy.rules[index].name.range
    case .model(let index): policy.models[index].name.range
    }
  }

  private func model(_ index: Int) throws(ExplainStop) -> ExplainValue {
    let model = policy.models[index]
    if let purpose = model.purpose, let flag = policy.input.index(ofPath: "consent.\(purpose.name)"),
      record.indices.contains(flag), record[flag] != .bool(true)
    {
      throw .noConsent(model: index, purpose: purpose.name)
    }
    let parameters: ExplainModels.Model
    switch models.models[index] {
    case .success(let loaded)?: parameters = loaded
    case .failure(let problem)?: throw .fault(problem)
    case nil:
      throw .fault(
        ExplainFault(code: nil, summary: "model `\(model.name.name)` is not loaded", range: model.name.range))
    }
    var inputs: [Double] = []
    for feature in parameters.features {
      guard let input = model.inputs.first(where: { $0.name.name == feature }) else {
        throw .fault(
          ExplainFault(code: nil, summary: "model file needs feature `\(feature)`", range: model.sourceRange))
      }
      switch try value(input.value) {
      case .money(let units, let currency):
        inputs.append(Money.toDouble(units, digits: Money.minorDigits(of: currency)))
      case .missing: inputs.append(.nan)  // an optional `trees` input: XGBoost's missing value
      case let other: inputs.append(other.numericValue ?? other.integer.map(Double.init) ?? 0)
      }
    }
    features[index] = inputs
    let score = parameters.model.score(inputs)
    if case .kMeans = parameters.model {
      guard score >= 0 else { throw .fault(ExplainFault(.notFinite, at: model.name.range)) }
      // With `segments [a, b, c]` the segment is a case of the model's enumeration.
      if case .enumeration(let type) = model.type, type.cases.indices.contains(Int(score)) {
        return .enumeration(type, Int(score))
      }
      return .int(Int64(score))
    }
    guard score.isFinite else { throw .fault(ExplainFault(.notFinite, at: model.name.range)) }
    return .float(score)
  }
}
