/// A disparate-impact constraint: the lowest group selection rate divided by the highest must be
/// at least `threshold` (0.8 is the four-fifths rule).
///
/// A group's rate is its selected records over all its records — including those with no
/// candidate, which the candidate list never holds, so the caller gives every group's size.
/// Groups smaller than `minimumGroupSize`, and `unmeasuredGroups` (records missing the attribute),
/// are left out of the ratio.
public struct FairnessConstraint: Sendable, Equatable {
  /// The lowest acceptable ratio, in `(0, 1]`.
  public var threshold: Double
  /// The number of records in each group (group numbers are `CandidateList` groups).
  public var groupSizes: [Int]
  /// Groups with fewer records are not measured.
  public var minimumGroupSize: Int
  /// Groups that are never measured (e.g. the attribute is missing).
  public var unmeasuredGroups: Set<Int>

  /// Creates a constraint.
  public init(
    threshold: Double, groupSizes: [Int], minimumGroupSize: Int = 30, unmeasuredGroups: Set<Int> = []
  ) {
    self.threshold = threshold
    self.groupSizes = groupSizes
    self.minimumGroupSize = minimumGroupSize
    self.unmeasuredGroups = unmeasuredGroups
  }

  /// Whether group `group` counts in the ratio.
  public func isMeasured(_ group: Int) -> Bool {
    group < groupSizes.count && groupSizes[group] >= max(minimumGroupSize, 1)
      && !unmeasuredGroups.contains(group)
  }

  /// The lowest measured rate over the highest for per-group selection `counts`; 0 when no measured
  /// group has a selection (an allocation that selects nobody does not satisfy the constraint).
  public func disparateImpact(counts: [Int]) -> Double {
    var lowest = Double.infinity
    var highest = 0.0
    for group in groupSizes.indices where isMeasured(group) {
      let rate = Double(group < counts.count ? counts[group] : 0) / Double(groupSizes[group])
      lowest = min(lowest, rate)
      highest = max(highest, rate)
    }
    guard highest > 0, lowest.isFinite else { return 0 }
    return lowest / highest
  }
}

/// Keeps the marginal fill from breaking a fairness constraint: a new selection is allowed when
/// the ratio stays at or above the threshold, or does not fall.
struct FairnessGuard {
  let constraint: FairnessConstraint
  var counts: [Int]

  init(constraint: FairnessConstraint, list: CandidateList, chosen: [UInt8]) {
    self.constraint = constraint
    counts = [Int](repeating: 0, count: constraint.groupSizes.count)
    for record in 0..<list.recordCount where chosen[record] != BudgetAllocation.none {
      counts[Int(list.groups[record])] += 1
    }
  }

  func canSelect(group: Int) -> Bool {
    guard constraint.isMeasured(group) else { return true }
    let before = constraint.disparateImpact(counts: counts)
    var after = counts
    after[group] += 1
    let ratio = constraint.disparateImpact(counts: after)
    return ratio >= constraint.threshold || ratio >= before
  }

  mutating func select(group: Int) { counts[group] += 1 }
}
