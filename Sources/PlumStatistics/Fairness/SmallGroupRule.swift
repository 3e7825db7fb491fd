/// When a group is too small to compare: fewer than `minimumCount` records, or fewer than
/// `minimumShare` of all records. Small groups are reported and flagged but left out of every
/// between-group figure (ratios, differences, the four-fifths flag).
public struct SmallGroupRule: Sendable, Hashable {
  /// The fewest records a compared group may have (default 30).
  public let minimumCount: Int
  /// The smallest share of all records, missing attributes included, a compared group may have
  /// (default 0.02).
  public let minimumShare: Double

  /// Creates a rule; `SmallGroupRule(minimumCount: 0, minimumShare: 0)` compares every group.
  public init(minimumCount: Int = 30, minimumShare: Double = 0.02) {
    self.minimumCount = minimumCount
    self.minimumShare = minimumShare
  }

  /// Whether a group of `count` records out of `total` is small.
  public func isSmall(count: Int, total: Int) -> Bool {
    count < minimumCount || Double(count) < minimumShare * Double(total)
  }
}
