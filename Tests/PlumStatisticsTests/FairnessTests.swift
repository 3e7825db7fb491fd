import Testing

@testable import PlumStatistics

/// The fairness audit against fairlearn `MetricFrame`, scikit-learn, NumPy and statsmodels on the
/// German Credit data (`scripts/fixtures/fairness.py`), within 1e-9.
@Suite struct FairnessTests {
  /// The fixture's records and, for each audit, its group keys.
  struct Data {
    let fixture: Fixture
    let actual: [Bool]
    let selected: [Bool]
    let scores: [Double]
    let levels: [Double]

    init() throws {
      fixture = try Fixture("fairness.json")
      actual = try fixture["actual"].bools
      selected = try fixture["selected"].bools
      scores = try fixture["score"].numbers
      levels = try fixture["quantiles"].numbers
    }

    /// The audits, each with its keys built from the named attribute columns.
    func audits() throws -> [(audit: Fixture, keys: [GroupKey?])] {
      try fixture["audits"].elements.map { audit in
        let columns = try audit["attributes"].elements.map { name in
          try fixture["columns"][name.optionalString ?? ""].elements.map { try $0.optionalString }
        }
        return (audit, try GroupKey.keys(attributes: columns))
      }
    }
  }

  static func key(_ group: Fixture) throws -> GroupKey {
    GroupKey(try group["key"].elements.map { try $0.optionalString ?? "" })
  }

  /// `actual` equals the fixture's optional figure (both nil, or both present and close).
  static func same(_ actual: Double?, _ expected: Double?) -> Bool {
    switch (actual, expected) {
    case (nil, nil): return true
    case (let a?, let e?): return matches(a, e)
    default: return false
    }
  }

  @Test func selectionRatesAndIntervalsMatch() throws {
    let data = try Data()
    let audits = try data.audits()
    #expect(audits.count == 4)
    for (audit, keys) in audits {
      let result = try SelectionAudit(selected: data.selected, groups: keys)
      let expected = try audit["groups"].elements
      #expect(result.groups.count == expected.count)
      #expect(try result.missingCount == audit["missing"].integer)
      for (group, reference) in zip(result.groups, expected) {
        #expect(try group.key == Self.key(reference))
        #expect(
          try group.count == reference["count"].integer && group.selected == reference["selected"].integer)
        #expect(try matches(group.rate, reference["selection_rate"].number), "\(group.key)")
        let wilson = try reference["wilson"].numbers
        #expect(matches(group.interval.lower, wilson[0]) && matches(group.interval.upper, wilson[1]))
        #expect(try group.isSmall == reference["small"].bool, "\(group.key)")
      }
      let large = try audit["large_groups"]
      #expect(try Self.same(result.parityDifference, large["demographic_parity_difference"].number))
      #expect(try Self.same(result.disparateImpact, large["demographic_parity_ratio"].number))
      let compared = try audit["large_group_rows"].elements
      let rows = result.groups.filter { !$0.isSmall }
      #expect(rows.count == compared.count)
      for (group, reference) in zip(rows, compared) {
        #expect(try Self.same(group.ratioToTop, reference["ratio_to_top"].number), "\(group.key)")
        #expect(try group.failsFourFifths == reference["four_fifths_flag"].bool, "\(group.key)")
      }
      #expect(
        result.groups.filter(\.isSmall).allSatisfy { $0.ratioToTop == nil && $0.failsFourFifths == nil })
    }
  }

  @Test func everyGroupComparedMatchesFairlearn() throws {
    let data = try Data()
    let everyGroup = SmallGroupRule(minimumCount: 0, minimumShare: 0)
    for (audit, keys) in try data.audits() {
      let expected = try audit["all_groups"]
      let selection = try SelectionAudit(selected: data.selected, groups: keys, rule: everyGroup)
      #expect(try Self.same(selection.parityDifference, expected["demographic_parity_difference"].number))
      #expect(try Self.same(selection.disparateImpact, expected["demographic_parity_ratio"].number))
      let errors = try ClassificationAudit(
        predicted: data.selected, actual: data.actual, groups: keys, rule: everyGroup)
      #expect(try Self.same(errors.equalizedOddsDifference, expected["equalized_odds_difference"].number))
      #expect(
        try Self.same(errors.equalOpportunityDifference, expected["equal_opportunity_difference"].number))
    }
  }

  @Test func errorRatesMatchFairlearn() throws {
    let data = try Data()
    for (audit, keys) in try data.audits() {
      let result = try ClassificationAudit(predicted: data.selected, actual: data.actual, groups: keys)
      for (group, reference) in zip(result.groups, try audit["groups"].elements) {
        #expect(try Self.same(group.truePositiveRate, reference["tpr"].number), "\(group.key)")
        #expect(try Self.same(group.falsePositiveRate, reference["fpr"].number), "\(group.key)")
        #expect(try Self.same(group.falseNegativeRate, reference["fnr"].number), "\(group.key)")
        #expect(try Self.same(group.precision, reference["precision"].number), "\(group.key)")
      }
      let large = try audit["large_groups"]
      #expect(try Self.same(result.equalizedOddsDifference, large["equalized_odds_difference"].number))
      #expect(try Self.same(result.equalOpportunityDifference, large["equal_opportunity_difference"].number))
    }
  }

  @Test func scoreSummariesMatchNumPyAndScikitLearn() throws {
    let data = try Data()
    for (audit, keys) in try data.audits() {
      let result = try ScoreAudit(scores: data.scores, actual: data.actual, groups: keys, levels: data.levels)
      for (group, reference) in zip(result.groups, try audit["groups"].elements) {
        #expect(try matches(group.mean, reference["mean_score"].number), "\(group.key)")
        let quantiles = try reference["quantiles"].numbers
        #expect(zip(group.quantiles, quantiles).allSatisfy { matches($0, $1) }, "\(group.key)")
        #expect(try Self.same(group.auc, reference["auc"].number), "\(group.key)")
      }
    }
  }

  @Test func aucCountsTiesAsOneHalf() throws {
    // scikit-learn: roc_auc_score([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]) = 0.875.
    #expect(try ROCAUC.score([0.5, 0.5, 0.2, 0.9], labels: [false, true, false, true]) == 0.875)
    #expect(try ROCAUC.score([0.1, 0.2], labels: [true, true]) == nil)
  }

  @Test func missingAttributesAreCountedApart() throws {
    let keys = try GroupKey.keys(attributes: [["f", nil, "m", "m"], ["young", "old", nil, "old"]])
    #expect(keys == [GroupKey(["f", "young"]), nil, nil, GroupKey(["m", "old"])])
    let audit = try SelectionAudit(
      selected: [true, true, false, true], groups: keys, rule: SmallGroupRule(minimumCount: 1))
    #expect(audit.missingCount == 2 && audit.recordCount == 4)
    #expect(audit.groups.map(\.count) == [1, 1])
  }
}
