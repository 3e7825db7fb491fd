/// A model's scores group by group: count, mean, quantiles and, with a known outcome, ROC AUC.
public struct ScoreAudit: Sendable, Hashable {
  /// One group's score summary.
  public struct Group: Sendable, Hashable {
    /// The group.
    public let key: GroupKey
    /// Its records.
    public let count: Int
    /// Whether the group is too small to compare.
    public let isSmall: Bool
    /// The mean score.
    public let mean: Double
    /// The score quantiles at the audit's `levels` (NumPy's linear method).
    public let quantiles: [Double]
    /// ROC AUC of the scores against the outcome; nil without an outcome or with one class only.
    public let auc: Double?
  }

  /// The quantile levels, such as `[0.1, 0.25, 0.5, 0.75, 0.9]`.
  public let levels: [Double]
  /// Every group, in key order.
  public let groups: [Group]
  /// Records missing an audited attribute.
  public let missingCount: Int

  /// Summarises `scores` by `groups`, with AUC against `actual` when given.
  public init(
    scores: [Double], actual: [Bool]? = nil, groups keys: [GroupKey?],
    levels: [Double] = [0.1, 0.25, 0.5, 0.75, 0.9],
    rule: SmallGroupRule = SmallGroupRule()
  ) throws(StatisticsError) {
    if let actual, actual.count != scores.count {
      throw .lengthMismatch(
        first: "scores", firstCount: scores.count, second: "actual", secondCount: actual.count)
    }
    for level in levels where !(0...1).contains(level) {
      throw .invalidParameter(name: "quantile level", value: level, expected: "between 0 and 1")
    }
    let partition = try GroupPartition(keys, expectedCount: scores.count, name: "scores")
    var rows: [Group] = []
    for group in partition.groups {
      let values = group.rows.map { scores[$0] }
      let auc = try actual.flatMap { actual throws(StatisticsError) in
        try ROCAUC.score(values, labels: group.rows.map { actual[$0] })
      }
      rows.append(
        Group(
          key: group.key, count: values.count,
          isSmall: rule.isSmall(count: values.count, total: partition.recordCount),
          mean: SampleSummary(values).mean, quantiles: Quantile.linear(values, levels: levels), auc: auc))
    }
    self.levels = levels
    groups = rows
    missingCount = partition.missingCount
  }
}
