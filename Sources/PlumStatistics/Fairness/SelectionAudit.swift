/// Who was selected, group by group, and how far the groups' selection rates are apart.
///
/// Rates and between-group figures equal fairlearn's `selection_rate`,
/// `demographic_parity_difference` and `demographic_parity_ratio` over the compared (not small)
/// groups; the interval is statsmodels' Wilson interval.
public struct SelectionAudit: Sendable, Hashable {
  /// One group's row of the audit table.
  public struct Group: Sendable, Hashable {
    /// The group.
    public let key: GroupKey
    /// Its records.
    public let count: Int
    /// Its records that were selected.
    public let selected: Int
    /// `selected / count`.
    public let rate: Double
    /// The Wilson interval for the rate.
    public let interval: ConfidenceInterval
    /// Whether the group is too small to compare (`SmallGroupRule`).
    public let isSmall: Bool
    /// The rate over the top compared group's rate (the impact ratio); nil for a small group.
    public let ratioToTop: Double?
    /// The top compared group's rate minus this rate; nil for a small group.
    public let differenceFromTop: Double?
    /// Whether the impact ratio is under four fifths (0.8); nil for a small group.
    public var failsFourFifths: Bool? { ratioToTop.map { $0 < 0.8 } }
  }

  /// Every group with at least one record, in key order, small ones included.
  public let groups: [Group]
  /// Records missing an audited attribute, counted apart.
  public let missingCount: Int
  /// All records.
  public let recordCount: Int
  /// The compared group with the highest rate (the first in key order on a tie).
  public let topGroup: GroupKey?
  /// Lowest compared rate over the highest: the disparate impact (fairlearn's
  /// `demographic_parity_ratio`); nil with no compared group or a top rate of 0.
  public let disparateImpact: Double?
  /// Highest compared rate minus the lowest (fairlearn's `demographic_parity_difference`).
  public let parityDifference: Double?

  /// Audits `selected` by `groups` (one key per record, nil where an attribute is missing).
  public init(
    selected: [Bool], groups keys: [GroupKey?], rule: SmallGroupRule = SmallGroupRule(),
    confidence: Double = 0.95
  ) throws(StatisticsError) {
    let partition = try GroupPartition(keys, expectedCount: selected.count, name: "selected")
    struct Tally {
      let key: GroupKey
      let count: Int
      let selected: Int
      let isSmall: Bool
      var rate: Double { Double(selected) / Double(count) }
    }
    let tallies = partition.groups.map { group in
      Tally(
        key: group.key, count: group.rows.count, selected: group.rows.count { selected[$0] },
        isSmall: rule.isSmall(count: group.rows.count, total: partition.recordCount))
    }
    let compared = tallies.filter { !$0.isSmall }
    let top = compared.max { $0.rate < $1.rate || ($0.rate == $1.rate && $0.key > $1.key) }
    var rows: [Group] = []
    for tally in tallies {
      let interval = try ConfidenceInterval.wilson(
        successes: tally.selected, trials: tally.count, confidence: confidence)
      let topRate = tally.isSmall ? nil : top?.rate
      rows.append(
        Group(
          key: tally.key, count: tally.count, selected: tally.selected, rate: tally.rate, interval: interval,
          isSmall: tally.isSmall, ratioToTop: topRate.flatMap { $0 > 0 ? tally.rate / $0 : nil },
          differenceFromTop: topRate.map { $0 - tally.rate }))
    }
    self.groups = rows
    missingCount = partition.missingCount
    recordCount = partition.recordCount
    topGroup = top?.key
    let spread = Spread(compared.map(\.rate))
    disparateImpact = spread?.ratio
    parityDifference = spread?.difference
  }
}
