/// Allocates a budget over records' options to maximise total value (a multiple-choice knapsack)
/// by its Lagrangian dual.
///
/// 1. At a price λ every record takes the option maximising `value − λ·cost` when that is
///    positive (`CandidateList+Choice`); its spend falls as λ rises.
/// 2. λ is the smallest price ≥ 0 whose spend fits: bisection narrows `[lo, hi]` until few records
///    change choice inside it, then the exact breakpoints of those records (hull efficiencies and
///    selection thresholds) are sorted and walked, so λ is a breakpoint and the result does not
///    depend on the bisection's stopping point.
/// 3. What remains is filled at the margin (`MarginalFill`): upgrades by value per cost, ties by
///    the caller's hash of key and seed, never over budget.
///
/// Guarantees: never over budget; value ≥ LP optimum − the largest single option value;
/// deterministic; with no budget (or one that fits) λ = 0 and every record gets its most valuable
/// option when that is worth more than 0.
public enum BudgetOptimizer {
  /// Records whose choice may still change before the exact search takes over.
  static let exactSearchRecords = 4_096

  /// The allocation of `budget` (minor units; `nil` for unbounded) over `list`.
  public static func solve(_ list: CandidateList, budget: Int64?) throws(OptimizerError) -> BudgetAllocation {
    if let budget, budget < 0 { throw .negativeBudget(budget) }
    return allocate(list, budget: budget, boosts: [], fairness: nil)
  }

  static func allocate(
    _ list: CandidateList, budget: Int64?, boosts: [Double], fairness: FairnessConstraint?
  ) -> BudgetAllocation {
    let lambda = budget.map { price(list, budget: $0, boosts: boosts) } ?? 0
    var chosen = [UInt8](repeating: BudgetAllocation.none, count: list.recordCount)
    var spent: Int64 = 0
    for record in 0..<list.recordCount {
      if let slot = list.choice(of: record, lambda: lambda, boost: list.boost(of: record, boosts)) {
        chosen[record] = UInt8(slot - list.slots(of: record).lowerBound)
        spent += list.costs[slot]
      }
    }
    var marginal = [Bool](repeating: false, count: list.recordCount)
    if let budget, budget > spent {
      MarginalFill.fill(
        list, chosen: &chosen, marginal: &marginal, remaining: budget - spent, boosts: boosts,
        guardrail: fairness.map { FairnessGuard(constraint: $0, list: list, chosen: chosen) })
    }
    return BudgetAllocation(
      list: list, budget: budget, lambda: lambda,
      upperBound: upperBound(list, budget: budget, lambda: lambda),
      chosen: chosen, marginal: marginal)
  }

  /// The LP bound `Σ max(0, max value − λ·cost) + λ·budget` (valid for every λ ≥ 0; tight at the
  /// critical price).
  static func upperBound(_ list: CandidateList, budget: Int64?, lambda: Double) -> Double {
    var total = 0.0
    for record in 0..<list.recordCount {
      var best = 0.0
      for slot in list.slots(of: record) {
        best = max(best, list.values[slot] - lambda * Double(list.costs[slot]))
      }
      total += best
    }
    return total + (budget.map { lambda * Double($0) } ?? 0)
  }

  static func spend(_ list: CandidateList, lambda: Double, boosts: [Double]) -> Int64 {
    var total: Int64 = 0
    for record in 0..<list.recordCount {
      total += list.spend(of: record, lambda: lambda, boost: list.boost(of: record, boosts))
    }
    return total
  }

  /// The smallest λ ≥ 0 whose Lagrangian spend is within `budget`.
  static func price(_ list: CandidateList, budget: Int64, boosts: [Double]) -> Double {
    guard spend(list, lambda: 0, boosts: boosts) > budget else { return 0 }
    var hi = 0.0
    for record in 0..<list.recordCount {
      for point in list.breakpoints(of: record, boost: list.boost(of: record, boosts)) where point.isFinite {
        hi = max(hi, point)
      }
    }
    var lo = 0.0
    // Invariant: spend(lo) > budget ≥ spend(hi).
    for _ in 0..<200 {
      let mid = lo + (hi - lo) / 2
      guard mid > lo, mid < hi else { break }
      var total: Int64 = 0
      var changedBelow = 0
      var changedAbove = 0
      for record in 0..<list.recordCount {
        let boost = list.boost(of: record, boosts)
        let atMid = list.spend(of: record, lambda: mid, boost: boost)
        total += atMid
        if list.spend(of: record, lambda: lo, boost: boost) != atMid { changedBelow += 1 }
        if list.spend(of: record, lambda: hi, boost: boost) != atMid { changedAbove += 1 }
      }
      let remaining: Int
      if total > budget {
        lo = mid
        remaining = changedAbove
      } else {
        hi = mid
        remaining = changedBelow
      }
      if remaining <= exactSearchRecords { break }
    }
    return exactPrice(list, budget: budget, boosts: boosts, lo: lo, hi: hi)
  }

  /// Walks the breakpoints in `(lo, hi]` of the records whose spend differs at `lo` and `hi`,
  /// from `hi` down, and returns the lowest one at which the spend still fits.
  static func exactPrice(_ list: CandidateList, budget: Int64, boosts: [Double], lo: Double, hi: Double)
    -> Double
  {
    var events: [(price: Double, increase: Int64)] = []
    var spendAtHigh: Int64 = 0
    for record in 0..<list.recordCount {
      let boost = list.boost(of: record, boosts)
      let high = list.spend(of: record, lambda: hi, boost: boost)
      spendAtHigh += high
      guard list.spend(of: record, lambda: lo, boost: boost) != high else { continue }
      for point in Set(list.breakpoints(of: record, boost: boost)) where point > lo && point <= hi {
        let increase =
          list.spend(of: record, lambda: point.nextDown, boost: boost)
          - list.spend(of: record, lambda: point, boost: boost)
        if increase > 0 { events.append((point, increase)) }
      }
    }
    events.sort { $0.price > $1.price }
    var lambda = hi
    var total = spendAtHigh
    var index = 0
    while index < events.count, total <= budget {
      let point = events[index].price
      lambda = point
      while index < events.count, events[index].price == point {
        total += events[index].increase
        index += 1
      }
    }
    return lambda
  }
}
