/// Which values carry personal data, by the one rule that the personal-data guarantees
/// (`P0403`–`P0405`) enforce and that the runtime's defensive redaction applies.
///
/// A value carries personal data when it depends on a `pii` field in any way: computed from it
/// (`len(participant.email)`), or chosen by a condition that reads it: the condition of an `if`,
/// the presence tested by `??`, an `and`/`or`, a membership test, a let, rule or model (through its
/// inputs) that does. A ladder of `if starts_with(participant.email, "a") then "a" else …` rebuilds
/// the address one letter at a time, so what a condition on personal data chooses reveals it as
/// surely as the value itself; a bool derived from it reveals one bit of it.
///
/// Deciding on personal data stays allowed: a reward's `when` and `requires`, and the rules they
/// use, are no output. What is shown may not carry it: `because` texts, a reward's `give`, `value`
/// and `priority` (`Sink`). A model input may be a bool derived from it, a decision like a `when`,
/// but not a value beyond that; the model's score then carries it.
public struct PersonalDataFlow: Sendable {
  /// Where a value is used, as far as personal data is concerned.
  public enum Sink: Sendable, Hashable {
    /// A value interpolated in a `because` text.
    case explanation
    /// What a reward gives: its amount, rate or badge label.
    case give
    /// A reward's `value`, written to the output and used by the budget.
    case value
    /// A reward's `priority`, which decides which reward the output shows.
    case priority
    /// An input of a model.
    case modelInput
  }

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

  /// Whether an expression's value carries personal data: whether it depends on a `pii` field,
  /// through its value or through a condition that chooses it.
  public func carriesPersonalData(_ expression: TypedExpression) -> Bool {
    var tracer = Tracer(policy: policy, cache: declarations)
    return tracer.carries(expression)
  }

  /// Whether a let, rule or model carries personal data.
  public func carriesPersonalData(_ reference: DeclarationReference) -> Bool {
    declarations[reference] ?? false
  }

  /// Whether `expression` may not be used in `sink`: it carries personal data, and is not a bool
  /// fed to a model (a decision on personal data, which is allowed).
  public func isRefused(_ expression: TypedExpression, in sink: Sink) -> Bool {
    if sink == .modelInput, expression.type.unwrapped == .bool { return false }
    return carriesPersonalData(expression)
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
        guard let reference = expression.declarationReference else { return false }
        return carries(reference)
      default:
        // Every operand counts, an `if` condition and the left side of `??` included: they choose
        // the value. The analysis's derivations (`TaintAnalysis`) walk the same operands.
        return expression.children.contains { carries($0) }
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
