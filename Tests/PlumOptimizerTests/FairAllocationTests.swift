import PlumModels
import PlumOptimizer
import Testing

/// Two groups whose values differ by `skew`, so a plain allocation favours group 0.
private func skewedInstance(seed: UInt64, records: Int, skew: Double) throws -> (CandidateList, [Int]) {
  var random = SplitMix64(seed: seed)
  var list = CandidateList()
  var sizes = [0, 0]
  for _ in 0..<records {
    let group = random.nextInt(below: 2)
    sizes[group] += 1
    let options = (0..<(1 + random.nextInt(below: 3))).map { index in
      BudgetOption(
        index: index, value: (Double(random.nextInt(below: 3_000)) / 100) * (group == 0 ? 1 : skew),
        cost: Int64(100 * (1 + random.nextInt(below: 20))))
    }
    try list.addRecord(options, tieBreak: random.next(), group: UInt16(group))
  }
  return (list, sizes)
}

@Test(arguments: 0..<8)
func enforcedAllocationsMeetTheRatioWithinBudget(seed: Int) throws {
  let (list, sizes) = try skewedInstance(seed: UInt64(seed), records: 1_500, skew: 0.5)
  let budget: Int64 = 150_000
  let constraint = FairnessConstraint(threshold: 0.8, groupSizes: sizes)
  let result = try BudgetOptimizer.solve(list, budget: budget, fairness: constraint)
  #expect(constraint.disparateImpact(counts: result.unconstrained.selectedCounts(groups: 2)) < 0.8)
  #expect(result.isFeasible)
  #expect(constraint.disparateImpact(counts: result.allocation.selectedCounts(groups: 2)) >= 0.8)
  #expect(result.allocation.spent <= budget)
  #expect(result.priceOfFairness >= 0)
  #expect(result.priceOfFairness < 0.1 * result.unconstrained.value)
}

@Test func aFairAllocationNeedsNoBoostAndCostsNothing() throws {
  let (list, sizes) = try skewedInstance(seed: 1, records: 800, skew: 1)
  let result = try BudgetOptimizer.solve(
    list, budget: 50_000, fairness: FairnessConstraint(threshold: 0.8, groupSizes: sizes))
  #expect(result.isFeasible && result.rounds == 1)
  #expect(result.boosts == [0, 0] && result.priceOfFairness == 0)
}

@Test func aGroupThatCanReceiveNothingMakesTheConstraintInfeasible() throws {
  var list = CandidateList()
  for record in 0..<100 {
    try list.addRecord([BudgetOption(index: 0, value: 5, cost: 10)], tieBreak: UInt64(record), group: 0)
  }
  // Group 1 has 50 members and none has a candidate.
  let constraint = FairnessConstraint(threshold: 0.8, groupSizes: [100, 50])
  let result = try BudgetOptimizer.solve(list, budget: 500, fairness: constraint)
  #expect(!result.isFeasible)
  #expect(result.disparateImpact == 0)
  #expect(result.allocation.spent <= 500)
}

@Test func smallAndUnmeasuredGroupsAreLeftOutOfTheRatio() {
  let constraint = FairnessConstraint(
    threshold: 0.8, groupSizes: [100, 100, 10, 100], minimumGroupSize: 30, unmeasuredGroups: [3])
  #expect(constraint.disparateImpact(counts: [50, 45, 0, 0]) == 0.9)
  #expect(constraint.disparateImpact(counts: [0, 0, 5, 5]) == 0)
}

@Test func invalidFairnessInputIsATypedError() throws {
  var list = CandidateList()
  try list.addRecord([BudgetOption(index: 0, value: 1, cost: 1)], tieBreak: 0, group: 2)
  #expect(throws: OptimizerError.self) {
    try BudgetOptimizer.solve(
      list, budget: 1, fairness: FairnessConstraint(threshold: 0.8, groupSizes: [1, 1]))
  }
  #expect(throws: OptimizerError.self) {
    try BudgetOptimizer.solve(
      list, budget: 1, fairness: FairnessConstraint(threshold: 1.5, groupSizes: [1, 1, 1]))
  }
}
