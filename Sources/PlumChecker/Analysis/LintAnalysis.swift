import PlumDiagnostics

/// The lints: findings that are likely mistakes but not unsafe, reported as warnings.
struct LintAnalysis {
  /// Where an expression sits in the policy.
  enum Place {
    case declaration(DeclarationReference)
    case reward(Int, RewardClauseName)
    case constraint(Int)
    case test(Int)
  }

  let context: AnalysisContext

  /// Every expression of the policy with its place: declarations, rewards, constraints and tests.
  var expressions: [(place: Place, value: TypedExpression)] {
    var result: [(Place, TypedExpression)] = []
    for reference in context.declarations {
      for (_, value) in context.expressions(of: reference) { result.append((.declaration(reference), value)) }
    }
    for (index, reward) in context.policy.rewards.enumerated() {
      for (clause, value) in reward.clauseExpressions { result.append((.reward(index, clause), value)) }
    }
    for (index, constraint) in context.policy.constraints.enumerated() {
      result.append((.constraint(index), constraint.condition))
    }
    for (index, test) in context.policy.tests.enumerated() {
      for expectation in test.expectations {
        for value in expectation.expressions { result.append((.test(index), value)) }
      }
    }
    return result
  }

  /// Runs every lint.
  func run(into diagnostics: inout DiagnosticBag) {
    reportUnusedDeclarations(into: &diagnostics)
    reportUnusedFields(into: &diagnostics)
    reportProxies(into: &diagnostics)
    reportConstantConditions(into: &diagnostics)
    reportComparisons(into: &diagnostics)
    reportMoney(into: &diagnostics)
    reportRewardReachability(into: &diagnostics)
    reportMissingTests(into: &diagnostics)
  }

  /// The value of a let or rule, to fold constants through references.
  func resolve(_ reference: DeclarationReference) -> TypedExpression? {
    switch reference {
    case .let(let index): context.policy.lets[index].value
    case .rule(let index): context.policy.rules[index].condition
    case .model: nil
    }
  }
}

extension Expectation {
  /// The expressions of the expectation.
  var expressions: [TypedExpression] {
    switch kind {
    case .holds(let value): [value]
    case .approximately(let a, let b, let tolerance): [a, b, tolerance]
    case .contains(let a, let b): [a, b]
    case .error, .withheldByBudget: []
    }
  }
}
