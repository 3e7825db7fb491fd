/// Error rates group by group against a known outcome, and the between-group gaps.
///
/// Figures equal fairlearn's `true_positive_rate`, `false_positive_rate`, `false_negative_rate`,
/// `equal_opportunity_difference` and `equalized_odds_difference` (its default: the larger of the
/// TPR and FPR gaps), and scikit-learn's `precision_score`, over the compared groups. A rate whose
/// denominator is empty in a group (no actual positives for TPR) is nil and left out of the gaps.
public struct ClassificationAudit: Sendable, Hashable {
  /// One group's rates.
  public struct Group: Sendable, Hashable {
    /// The group.
    public let key: GroupKey
    /// Its records.
    public let count: Int
    /// Whether the group is too small to compare.
    public let isSmall: Bool
    /// True positives, false positives, true negatives, false negatives.
    public let truePositives: Int
    /// Predicted positive, actually negative.
    public let falsePositives: Int
    /// Predicted negative, actually negative.
    public let trueNegatives: Int
    /// Predicted negative, actually positive.
    public let falseNegatives: Int

    /// `TP / (TP + FN)`, the share of actual positives selected.
    public var truePositiveRate: Double? { ratio(truePositives, truePositives + falseNegatives) }
    /// `FP / (FP + TN)`, the share of actual negatives selected.
    public var falsePositiveRate: Double? { ratio(falsePositives, falsePositives + trueNegatives) }
    /// `FN / (TP + FN)`, the share of actual positives not selected.
    public var falseNegativeRate: Double? { ratio(falseNegatives, truePositives + falseNegatives) }
    /// `TP / (TP + FP)`, the share of selections that were actual positives.
    public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
      denominator > 0 ? Double(numerator) / Double(denominator) : nil
    }
  }

  /// Every group, in key order.
  public let groups: [Group]
  /// Records missing an audited attribute.
  public let missingCount: Int
  /// Highest compared TPR minus the lowest (fairlearn's `equal_opportunity_difference`).
  public let equalOpportunityDifference: Double?
  /// The larger of the compared TPR and FPR gaps (fairlearn's `equalized_odds_difference`).
  public let equalizedOddsDifference: Double?

  /// Audits `predicted` against `actual` by `groups`.
  public init(
    predicted: [Bool], actual: [Bool], groups keys: [GroupKey?], rule: SmallGroupRule = SmallGroupRule()
  ) throws(StatisticsError) {
    guard actual.count == predicted.count else {
      throw .lengthMismatch(
        first: "predicted", firstCount: predicted.count, second: "actual", secondCount: actual.count)
    }
    let partition = try GroupPartition(keys, expectedCount: predicted.count, name: "predicted")
    groups = partition.groups.map { group in
      var counts = (tp: 0, fp: 0, tn: 0, fn: 0)
      for row in group.rows {
        switch (predicted[row], actual[row]) {
        case (true, true): counts.tp += 1
        case (true, false): counts.fp += 1
        case (false, false): counts.tn += 1
        case (false, true): counts.fn += 1
        }
      }
      return Group(
        key: group.key, count: group.rows.count,
        isSmall: rule.isSmall(count: group.rows.count, total: partition.recordCount),
        truePositives: counts.tp,
        falsePositives: counts.fp, trueNegatives: counts.tn, falseNegatives: counts.fn)
    }
    missingCount = partition.missingCount
    let compared = groups.filter { !$0.isSmall }
    let opportunity = Spread(compared.map(\.truePositiveRate))
    let falseAlarms = Spread(compared.map(\.falsePositiveRate))
    equalOpportunityDifference = opportunity?.difference
    switch (opportunity, falseAlarms) {
    case (let tpr?, let fpr?): equalizedOddsDifference = Swift.max(tpr.difference, fpr.difference)
    case (let only?, nil), (nil, let only?): equalizedOddsDifference = only.difference
    case (nil, nil): equalizedOddsDifference = nil
    }
  }
}
