/// Which values carry personal data, by the rule the personal-data guarantees (`P0403`–`P0405`)
/// enforce, so the runtime's defensive redaction and the analysis agree.
///
/// A `pii` field's value carries personal data, and so does every value computed from it through
/// lets and operators. A bool ends the flow, since a comparison or predicate such as
/// `ends_with(participant.email, "@example.com")` reveals no personal data, and so does the
/// condition of an `if`. A model's score carries it when an input does, which the analysis refuses.
public struct PersonalDataFlow: Sendable {
  /// The policy.
  public let policy: CheckedPolicy
  /// Whether each let, rule and model carries personal data.
  private let declarations: [DeclarationReference: Bool]

  /// Traces a policy's declarations once.
  public init(policy: CheckedPolicy) {
    self.policy = policy
    var tracer = Tracer(policy: policy)
    for reference in policy.lets.indices.map({ DeclarationReference.let($0) })
      + policy.rules.indices.map({ .rule($0) })
      + policy.models.indices.map({ .model($0) })
    {
      _ = tracer.carries(reference)
    }
    declarations = tracer.cache
  }

  /// Whether an expression's value carries personal data.
  public func carriesPersonalData(_ expression: TypedExpression) -> Bool {
    var tracer = Tracer(policy: policy, cache: declarations)
    return tracer.carries(expression)
  }

  /// The recursive walk, with a memo of the declarations already traced.
  private struct Tracer {
    let policy: CheckedPolicy
    var cache: [DeclarationReference: Bool] = [:]
    var inProgress: Set<DeclarationReference> = []

    mutating func carries(_ expression: TypedExpression) -> Bool {
      switch expression.kind {
      case .field(let index):
        return policy.input.fields.indices.contains(index) && policy.input.fields[index].attributes.isPII
      case .letRef, .ruleRef, .modelRef:
        guard expression.type.unwrapped != .bool, let reference = expression.declarationReference else {
          return false
        }
        return carries(reference)
      default:
        return expression.valueOperands.contains { carries($0) }
      }
    }

    mutating func carries(_ reference: DeclarationReference) -> Bool {
      if let cached = cache[reference] { return cached }
      // A cycle is a checker error; it carries nothing more than its other parts.
      guard inProgress.insert(reference).inserted else { return false }
      defer { inProgress.remove(reference) }
      let result: Bool
      switch reference {
      case .let(let index): result = carries(policy.lets[index].value)
      case .rule(let index): result = carries(policy.rules[index].condition)
      case .model(let index): result = policy.models[index].inputs.contains { carries($0.value) }
      }
      cache[reference] = result
      return result
    }
  }
}
