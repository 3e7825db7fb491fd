import Foundation
import PlumOptimizer
import Testing

/// The optimiser against SciPy's HiGHS LP and MILP optima on generated instances.
@Suite struct OptimizerReferenceTests {
  @Test func allocationsAreFeasibleAndWithinOneOptionOfTheLPOptimum() throws {
    let fixture = try loadOptimizerFixture()
    guard let cases = fixture["cases"] as? [[String: Any]], !cases.isEmpty else {
      throw OptimizerFixtureError("no cases")
    }
    for entry in cases {
      let instance = try GeneratedInstance(fixture: entry["instance"] as? [String: Any] ?? [:])
      let list = try instance.candidates()
      for reference in entry["budgets"] as? [[String: Any]] ?? [] {
        let budget = (reference["budget"] as? Int).map(Int64.init)
        guard let lp = reference["lp"] as? Double, let exact = reference["milp"] as? Double,
          let dual = reference["lambda"] as? Double
        else { throw OptimizerFixtureError("malformed budget \(reference)") }
        let allocation = try BudgetOptimizer.solve(list, budget: budget)
        let label = "budget \(budget.map(String.init) ?? "unbounded")"
        if let budget { #expect(allocation.spent <= budget, "\(label)") }
        #expect(allocation.value >= lp - list.largestValue - 1e-6, "\(label)")
        #expect(allocation.value <= exact + 1e-6, "\(label): no allocation beats the exact optimum")
        #expect(abs(allocation.upperBound - lp) <= 1e-9 * max(1, lp), "\(label): LP bound")
        #expect(allocation.gap >= -1e-9)
        if budget != 0 { #expect(abs(allocation.lambda - dual) <= 1e-12 * max(1, dual), "\(label): λ") }
      }
    }
  }

  @Test func theFairnessConstraintHoldsWithinBudgetAndCostsAboutWhatTheExactOptimumSays() throws {
    let fixture = try loadOptimizerFixture()
    guard let fairness = fixture["fairness"] as? [String: Any],
      let threshold = fairness["threshold"] as? Double,
      let sizes = fairness["group_sizes"] as? [Int], let budgets = fairness["budgets"] as? [[String: Any]]
    else { throw OptimizerFixtureError("missing fairness section") }
    let instance = try GeneratedInstance(fixture: fairness["instance"] as? [String: Any] ?? [:])
    #expect(instance.groupSizes(sizes.count) == sizes)
    let list = try instance.candidates()
    let constraint = FairnessConstraint(threshold: threshold, groupSizes: sizes)
    for reference in budgets {
      guard let budget = (reference["budget"] as? Int).map(Int64.init),
        let fairOptimum = reference["fair_milp"] as? Double
      else { throw OptimizerFixtureError("malformed fairness budget") }
      let result = try BudgetOptimizer.solve(list, budget: budget, fairness: constraint)
      #expect(
        constraint.disparateImpact(counts: result.unconstrained.selectedCounts(groups: sizes.count))
          < threshold)
      #expect(result.isFeasible)
      #expect(result.disparateImpact >= threshold)
      #expect(
        constraint.disparateImpact(counts: result.allocation.selectedCounts(groups: sizes.count)) >= threshold
      )
      #expect(result.allocation.spent <= budget)
      #expect(result.allocation.value <= fairOptimum + 1e-6)
      #expect(result.allocation.value >= fairOptimum - 0.01 * fairOptimum, "within 1% of the fair optimum")
      #expect(result.priceOfFairness >= 0)
    }
  }
}
