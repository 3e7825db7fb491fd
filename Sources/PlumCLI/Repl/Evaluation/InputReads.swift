import PlumChecker

/// Finds the input fields an expression reads, directly or through lets, rules and models.
struct InputReads {
  /// The policy whose declarations are followed.
  let policy: CheckedPolicy
  private var visited: Set<DeclarationReference> = []

  /// Creates a walker over `policy`.
  init(policy: CheckedPolicy) {
    self.policy = policy
  }

  /// The index of the first input field `expression` reads, or nil when it reads none.
  static func firstField(of expression: TypedExpression, in policy: CheckedPolicy) -> Int? {
    var walker = InputReads(policy: policy)
    return walker.firstField(expression)
  }

  private mutating func firstField(_ expression: TypedExpression) -> Int? {
    switch expression.kind {
    case .field(let index): return index
    case .letRef(let index): return declaration(.let(index))
    case .ruleRef(let index): return declaration(.rule(index))
    case .modelRef(let index): return declaration(.model(index))
    case .list(let elements), .call(_, let elements): return first(elements)
    case .interpolation(let segments):
      return first(
        segments.compactMap { segment in
          if case .value(let inner, _) = segment { inner } else { nil }
        })
    case .narrowed(let inner), .intToFloat(let inner), .negate(_, let inner), .not(let inner):
      return firstField(inner)
    case .binary(_, let left, let right): return first([left, right])
    case .conditional(let condition, let then, let otherwise): return first([condition, then, otherwise])
    case .bool, .int, .float, .money, .duration, .date, .string, .enumCase, .rewarded, .rewards,
      .rewardGranted, .reason, .error:
      return nil
    }
  }

  private mutating func first(_ expressions: [TypedExpression]) -> Int? {
    for expression in expressions {
      if let field = firstField(expression) { return field }
    }
    return nil
  }

  private mutating func declaration(_ reference: DeclarationReference) -> Int? {
    guard visited.insert(reference).inserted else { return nil }
    switch reference {
    case .let(let index):
      return policy.lets.indices.contains(index) ? firstField(policy.lets[index].value) : nil
    case .rule(let index):
      return policy.rules.indices.contains(index) ? firstField(policy.rules[index].condition) : nil
    case .model(let index):
      guard policy.models.indices.contains(index) else { return nil }
      return first(policy.models[index].inputs.map(\.value))
    }
  }
}
