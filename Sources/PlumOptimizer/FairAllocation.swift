/// A budget allocation under a disparate-impact constraint, with what fairness cost.
public struct FairAllocation: Sendable {
  /// The allocation that satisfies the constraint (or, when none was found, the closest one).
  public let allocation: BudgetAllocation
  /// The allocation without the constraint.
  public let unconstrained: BudgetAllocation
  /// Each group's value boost (added to its records' option values while allocating).
  public let boosts: [Double]
  /// Each group's selected records.
  public let selected: [Int]
  /// The achieved ratio of lowest to highest measured selection rate.
  public let disparateImpact: Double
  /// Whether the constraint holds.
  public let isFeasible: Bool
  /// How many allocations the search made.
  public let rounds: Int

  /// The value given up for fairness: unconstrained value − fair value.
  public var priceOfFairness: Double { unconstrained.value - allocation.value }
}

extension BudgetOptimizer {
  /// The most search rounds before the constraint is reported infeasible.
  static let fairnessRounds = 40

  /// An allocation of `budget` over `list` whose disparate impact meets `constraint`, found by
  /// group-specific value boosts (the multipliers of the group-rate constraints):
  ///
  /// 1. Allocate without boosts; if the ratio holds, that is the answer (price 0).
  /// 2. Otherwise, at the allocation's price λ, each measured group below `threshold × top rate`
  ///    gets the boost that selects enough of its records — those needing the smallest boost, i.e.
  ///    with the largest `value − λ·cost` — and when even all of a group's records cannot reach it,
  ///    groups above `lowest reachable rate / threshold` get a negative boost that caps them.
  /// 3. Reallocate (λ rises as boosted records spend) and repeat until the ratio holds or
  ///    `fairnessRounds` pass. Records only ever receive one of their own candidates.
  public static func solve(
    _ list: CandidateList, budget: Int64?, fairness constraint: FairnessConstraint
  ) throws(OptimizerError) -> FairAllocation {
    if let budget, budget < 0 { throw .negativeBudget(budget) }
    guard constraint.threshold > 0, constraint.threshold <= 1 else {
      throw .invalidFairness("the threshold must be in (0, 1], found \(constraint.threshold)")
    }
    let groupCount = constraint.groupSizes.count
    var members = [Int](repeating: 0, count: groupCount)
    var selectable = [Int](repeating: 0, count: groupCount)
    for record in 0..<list.recordCount {
      let group = Int(list.groups[record])
      guard group < groupCount else {
        throw .invalidFairness("record \(record + 1) is in unknown group \(group)")
      }
      members[group] += 1
      if list.hullLengths[record] > 0 { selectable[group] += 1 }
    }
    for group in 0..<groupCount where members[group] > constraint.groupSizes[group] {
      throw .invalidFairness("group \(group) has more candidate records than its size")
    }
    let unconstrained = allocate(list, budget: budget, boosts: [], fairness: nil)
    var boosts = [Double](repeating: 0, count: groupCount)
    var current = unconstrained
    var best: (allocation: BudgetAllocation, counts: [Int], ratio: Double, boosts: [Double])?
    for round in 1...fairnessRounds {
      let counts = selectedCounts(current, groups: groupCount)
      let ratio = constraint.disparateImpact(counts: counts)
      if best == nil || ratio > best?.ratio ?? 0 { best = (current, counts, ratio, boosts) }
      if ratio >= constraint.threshold {
        return FairAllocation(
          allocation: current, unconstrained: unconstrained, boosts: boosts, selected: counts,
          disparateImpact: ratio, isFeasible: true, rounds: round)
      }
      adjust(
        &boosts, list: list, lambda: current.lambda, counts: counts, selectable: selectable,
        constraint: constraint)
      current = allocate(list, budget: budget, boosts: boosts, fairness: constraint)
    }
    let closest = best ?? (unconstrained, selectedCounts(unconstrained, groups: groupCount), 0, boosts)
    return FairAllocation(
      allocation: closest.allocation, unconstrained: unconstrained, boosts: closest.boosts,
      selected: closest.counts, disparateImpact: closest.ratio, isFeasible: false, rounds: fairnessRounds)
  }

  static func selectedCounts(_ allocation: BudgetAllocation, groups: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: groups)
    for record in 0..<allocation.list.recordCount where allocation.chosen[record] != BudgetAllocation.none {
      counts[Int(allocation.list.groups[record])] += 1
    }
    return counts
  }

  /// Raises the boosts of groups below the target rate and, when a group cannot reach it, lowers
  /// those above the reachable ceiling.
  static func adjust(
    _ boosts: inout [Double], list: CandidateList, lambda: Double, counts: [Int], selectable: [Int],
    constraint: FairnessConstraint
  ) {
    let groups = constraint.groupSizes.indices.filter(constraint.isMeasured)
    guard !groups.isEmpty else { return }
    func rate(_ count: Int, _ group: Int) -> Double { Double(count) / Double(constraint.groupSizes[group]) }
    let top = groups.map { rate(counts[$0], $0) }.max() ?? 0
    let reachable = groups.map { rate(selectable[$0], $0) }.min() ?? 0
    let ceiling = constraint.threshold * top > reachable ? reachable / constraint.threshold : Double.infinity
    let target = constraint.threshold * min(top, ceiling)
    var needs = [[Double]](repeating: [], count: constraint.groupSizes.count)
    for record in 0..<list.recordCount where list.hullLengths[record] > 0 {
      let group = Int(list.groups[record])
      guard constraint.isMeasured(group) else { continue }
      // The boost above which the record is selected at λ: min over options of λ·cost − value.
      let slot = list.hullChoice(of: record, lambda: lambda)
      needs[group].append(lambda * Double(list.costs[slot]) - list.values[slot])
    }
    for group in groups {
      let sorted = needs[group].sorted()
      let size = constraint.groupSizes[group]
      if rate(counts[group], group) < target, !sorted.isEmpty {
        let wanted = min(sorted.count, Int((target * Double(size)).rounded(.up)) + 1)
        boosts[group] = max(boosts[group], sorted[wanted - 1].nextUp)
      } else if ceiling.isFinite, rate(counts[group], group) > ceiling {
        let allowed = Int((ceiling * Double(size)).rounded(.down))
        if allowed < sorted.count { boosts[group] = min(boosts[group], sorted[allowed]) }
      }
    }
  }
}
