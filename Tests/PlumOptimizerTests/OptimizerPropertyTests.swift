import PlumModels
import PlumOptimizer
import Testing

/// A small random instance: `records` records of 0–`maxOptions` options, costs 0–`maxCost`.
private func randomRows(seed: UInt64, records: Int, maxOptions: Int, maxCost: Int) -> [[BudgetOption]] {
  var random = SplitMix64(seed: seed)
  return (0..<records).map { _ in
    (0..<random.nextInt(below: maxOptions + 1)).map { index in
      BudgetOption(
        index: index, value: Double(random.nextInt(below: 2_000)) / 100 - 2,
        cost: Int64(random.nextInt(below: maxCost + 1)))
    }
  }
}

private func list(_ rows: [[BudgetOption]], seed: UInt64 = 0) throws -> CandidateList {
  var list = CandidateList()
  for (record, options) in rows.enumerated() {
    try list.addRecord(options, tieBreak: UInt64(record) &* 0x9E37_79B9_7F4A_7C15 ^ seed)
  }
  return list
}

/// The exact optimum by trying every combination (tiny instances only).
private func bruteForce(_ rows: [[BudgetOption]], budget: Int64) -> Double {
  func best(_ record: Int, _ left: Int64) -> Double {
    guard record < rows.count else { return 0 }
    var value = best(record + 1, left)
    for option in rows[record] where option.cost <= left {
      value = max(value, option.value + best(record + 1, left - option.cost))
    }
    return value
  }
  return best(0, budget)
}

@Test(arguments: 0..<60)
func smallInstancesAreWithinOneOptionOfTheExactOptimum(seed: Int) throws {
  let rows = randomRows(seed: UInt64(seed), records: 7, maxOptions: 3, maxCost: 9)
  let candidates = try list(rows)
  for budget in [Int64(0), 3, 8, 15, 30] {
    let allocation = try BudgetOptimizer.solve(candidates, budget: budget)
    let optimum = bruteForce(rows, budget: budget)
    #expect(allocation.spent <= budget)
    #expect(allocation.value <= optimum + 1e-9)
    #expect(allocation.upperBound >= optimum - 1e-9)
    #expect(allocation.value >= allocation.upperBound - candidates.largestValue - 1e-9)
  }
}

/// λ never rises and the LP bound never falls as the budget grows; the value captured does not
/// fall by more than one option's value (the fill is greedy, so it is not exactly monotone).
@Test(arguments: 0..<20)
func moreBudgetNeverRaisesThePriceOrLowersTheBound(seed: Int) throws {
  let rows = randomRows(seed: UInt64(1_000 + seed), records: 400, maxOptions: 5, maxCost: 400)
  let candidates = try list(rows)
  var previous: BudgetAllocation?
  for budget in stride(from: Int64(0), through: 60_000, by: 2_500) {
    let allocation = try BudgetOptimizer.solve(candidates, budget: budget)
    #expect(allocation.spent <= budget)
    if let previous {
      #expect(allocation.lambda <= previous.lambda)
      #expect(allocation.upperBound >= previous.upperBound - 1e-9)
      #expect(allocation.value >= previous.value - candidates.largestValue)
    }
    previous = allocation
  }
}

@Test(arguments: 0..<10)
func theSameInputsGiveTheSameAllocation(seed: Int) throws {
  let rows = randomRows(seed: UInt64(2_000 + seed), records: 2_000, maxOptions: 6, maxCost: 50)
  let first = try BudgetOptimizer.solve(try list(rows), budget: 12_345)
  let second = try BudgetOptimizer.solve(try list(rows), budget: 12_345)
  #expect((0..<rows.count).map(first.option(forRecord:)) == (0..<rows.count).map(second.option(forRecord:)))
  #expect(first.lambda == second.lambda && first.value == second.value && first.spent == second.spent)
}

/// With no budget, or one that covers everything, each record takes its most valuable option when
/// that is worth more than 0 (the cheaper, then the earlier, of equally valuable ones) — the
/// allocation `select best` makes without a budget.
@Test(arguments: 0..<10)
func withoutABindingBudgetEveryRecordGetsItsBestPositiveOption(seed: Int) throws {
  var rows = randomRows(seed: UInt64(3_000 + seed), records: 500, maxOptions: 6, maxCost: 30)
  rows.append([BudgetOption(index: 0, value: 4, cost: 9), BudgetOption(index: 1, value: 4, cost: 3)])
  rows.append([BudgetOption(index: 0, value: 4, cost: 3), BudgetOption(index: 1, value: 4, cost: 3)])
  let candidates = try list(rows)
  for budget in [nil, Int64(1_000_000)] {
    let allocation = try BudgetOptimizer.solve(candidates, budget: budget)
    #expect(allocation.lambda == 0)
    for (record, options) in rows.enumerated() {
      let best = options.filter { $0.value > 0 }.min { lhs, rhs in
        lhs.value != rhs.value
          ? lhs.value > rhs.value : (lhs.cost != rhs.cost ? lhs.cost < rhs.cost : lhs.index < rhs.index)
      }
      #expect(allocation.option(forRecord: record) == best?.index, "record \(record)")
    }
  }
}

/// "Select all": each (record, reward) pair is its own record, so this is a 0–1 knapsack.
@Test(arguments: 0..<30)
func independentItemsAreAZeroOneKnapsack(seed: Int) throws {
  let rows = randomRows(seed: UInt64(4_000 + seed), records: 10, maxOptions: 1, maxCost: 12).filter {
    !$0.isEmpty
  }
  let candidates = try list(rows)
  let allocation = try BudgetOptimizer.solve(candidates, budget: 25)
  #expect(allocation.spent <= 25)
  #expect(allocation.value >= bruteForce(rows, budget: 25) - candidates.largestValue - 1e-9)
}

@Test func theFillIsGivenByValuePerCostThenByTheCallersHash() throws {
  // λ = 1.2 prices both 5-cost options out; the 5 left over buys the one whose hash is lower.
  var candidates = CandidateList()
  try candidates.addRecord([BudgetOption(index: 0, value: 20, cost: 10)], tieBreak: 9)
  try candidates.addRecord([BudgetOption(index: 0, value: 6, cost: 5)], tieBreak: 7)
  try candidates.addRecord([BudgetOption(index: 0, value: 6, cost: 5)], tieBreak: 3)
  let allocation = try BudgetOptimizer.solve(candidates, budget: 15)
  #expect(allocation.option(forRecord: 0) == 0)
  #expect(allocation.option(forRecord: 1) == nil)
  #expect(allocation.option(forRecord: 2) == 0)
  #expect(allocation.isGivenAtMargin(record: 2))
  #expect(allocation.spent == 15 && allocation.withheld == 1)
}

@Test func badInputIsATypedError() {
  var candidates = CandidateList()
  #expect(throws: OptimizerError.negativeCost(record: 0, option: 2, cost: -1)) {
    try candidates.addRecord([BudgetOption(index: 2, value: 1, cost: -1)], tieBreak: 0)
  }
  #expect(throws: OptimizerError.nonFiniteValue(record: 0, option: 0)) {
    try candidates.addRecord([BudgetOption(index: 0, value: .nan, cost: 1)], tieBreak: 0)
  }
  #expect(throws: OptimizerError.optionIndexOutOfRange(record: 0, option: 70_000)) {
    try candidates.addRecord([BudgetOption(index: 70_000, value: 1, cost: 1)], tieBreak: 0)
  }
  #expect(throws: OptimizerError.costOverflow(record: 1)) {
    try candidates.addRecord([BudgetOption(index: 0, value: 1, cost: .max)], tieBreak: 0)
    try candidates.addRecord([BudgetOption(index: 0, value: 1, cost: 1)], tieBreak: 0)
  }
  #expect(throws: OptimizerError.negativeBudget(-5)) {
    try BudgetOptimizer.solve(CandidateList(), budget: -5)
  }
}
