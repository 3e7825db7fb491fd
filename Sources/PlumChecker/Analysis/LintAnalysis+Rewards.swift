import PlumDiagnostics

extension LintAnalysis {
  /// The conjuncts a reward needs: its `requires` and `when`, with bool lets and rules expanded.
  func conditions(of reward: CheckedReward) -> [TypedExpression] {
    (reward.requires + (reward.when.map { [$0] } ?? [])).flatMap { expanded($0, depth: 0) }
  }

  /// The conjuncts of a condition, looking through bool lets and rules used as conjuncts.
  func expanded(_ condition: TypedExpression, depth: Int) -> [TypedExpression] {
    condition.conjuncts.flatMap { conjunct -> [TypedExpression] in
      guard depth < 32, let reference = conjunct.declarationReference, conjunct.type.unwrapped == .bool,
        let value = resolve(reference)
      else { return [conjunct] }
      return expanded(value, depth: depth + 1)
    }
  }

  /// A reward's priority when it is a number literal.
  func constantPriority(_ reward: CheckedReward) -> Double? {
    reward.priority.flatMap(ConstantFolding.number)
  }

  /// Rewards that can never apply, or that a better reward always displaces under `select best`.
  func reportRewardReachability(into diagnostics: inout DiagnosticBag) {
    let rewards = context.policy.rewards
    let conditionSets = rewards.map(conditions(of:))
    let factLists = conditionSets.map(ConditionFacts.facts(of:))
    var unreachable: Set<Int> = []
    for (index, reward) in rewards.enumerated() {
      let all = reward.requires + (reward.when.map { [$0] } ?? [])
      let folded = all.map { ConstantFolding.bool($0, resolve: resolve) }
      if folded.contains(false) || ConditionFacts.of(factLists[index]).isContradictory {
        unreachable.insert(index)
        let at = reward.when?.range ?? reward.name.range
        diagnostics.report(
          LintDiagnostics.unreachableReward, "reward `\(reward.name.name)` can never apply", at: at,
          labels: [Diagnostic.Label(reward.name.range, "this reward")],
          notes: ["its conditions are false for every record"])
      }
    }
    guard case .bestByPriority(let limit) = context.policy.select, let limit else { return }
    let keys = conditionSets.map { Set($0.map(ExpressionKey.of)) }
    let gathered = factLists.map(ConditionFacts.of)
    for (index, reward) in rewards.enumerated() where !unreachable.contains(index) {
      guard let priority = constantPriority(reward) else { continue }
      var betters: [Int] = []
      for (other, candidate) in rewards.enumerated() where other != index && !unreachable.contains(other) {
        guard let otherPriority = constantPriority(candidate) else { continue }
        let ranksHigher = otherPriority > priority || (otherPriority == priority && other < index)
        guard ranksHigher else { continue }
        if keys[other].isSubset(of: keys[index])
          || ConditionFacts.conjunction(
            factLists[index], gathered[index], implies: factLists[other], gathered[other])
        {
          betters.append(other)
        }
      }
      if betters.count >= Int(limit) {
        let names = betters.prefix(Int(limit)).map { "`\(rewards[$0].name.name)`" }.joined(separator: ", ")
        diagnostics.report(
          LintDiagnostics.shadowedReward,
          "reward `\(reward.name.name)` is never selected: \(names) always applies too and ranks higher",
          at: reward.name.range,
          labels: betters.prefix(Int(limit)).map { Diagnostic.Label(rewards[$0].name.range, "ranks higher") },
          notes: [
            "`select best by priority, max \(limit)` keeps only the best \(limit) of a record's rewards"
          ])
        unreachable.insert(index)
      }
    }
    for (index, reward) in rewards.enumerated() where !unreachable.contains(index) {
      guard let priority = constantPriority(reward) else { continue }
      for other in rewards.indices where other < index && !unreachable.contains(other) {
        guard constantPriority(rewards[other]) == priority else { continue }
        if ConditionFacts.of(factLists[index] + factLists[other]).isContradictory { continue }
        let first = rewards[other].name.name
        diagnostics.report(
          LintDiagnostics.overlappingRewards,
          "rewards `\(first)` and `\(reward.name.name)` have the same priority and may both apply",
          at: reward.name.range, labels: [Diagnostic.Label(rewards[other].name.range, "same priority")],
          notes: ["ties are broken by source order, so `\(first)` wins; give them different priorities"])
      }
    }
  }

  /// Rewards that no test names in an expectation.
  func reportMissingTests(into diagnostics: inout DiagnosticBag) {
    let rewardType = context.policy.rewardNames
    var named: Set<Int> = []
    for test in context.policy.tests {
      for expectation in test.expectations {
        if case .withheldByBudget(let reward, _) = expectation.kind { named.insert(reward) }
        for value in expectation.expressions {
          value.forEachNode { node in
            switch node.kind {
            case .rewardGranted(let index): named.insert(index)
            case .enumCase(let type, let index) where type == rewardType: named.insert(index)
            default: break
            }
          }
        }
      }
    }
    for (index, reward) in context.policy.rewards.enumerated() where !named.contains(index) {
      diagnostics.report(
        LintDiagnostics.missingTest, "reward `\(reward.name.name)` has no test", at: reward.name.range,
        notes: [
          "add a `test` whose `expect` names it, such as `expect \(reward.name.name)` or `expect not "
            + "\(reward.name.name)`"
        ])
    }
  }
}
