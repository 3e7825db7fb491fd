import PlumReports
import PlumStatistics
import Testing

@testable import PlumAudit

/// A small programme: 40 women and 60 men by two tiers, 5 records of a third gender, 2 with no
/// gender; a reward given to 10 women and 30 men; a rule that holds for everyone but is not
/// evaluated for 5 records; a model scored for all but 3; an outcome for all but 1.
func sampleData() -> AuditData {
  var data = AuditData(
    attributes: [.init(name: "gender", isProtected: true), .init(name: "tier", isProtected: false)],
    subjects: [
      .init(name: "rewarded", kind: .rewarded), .init(name: "bonus", kind: .reward),
      .init(name: "adult", kind: .rule),
    ],
    models: [.init(name: "churn", kind: "logistic", purpose: "profiling")], outcomeName: "churned")
  for index in 0..<107 {
    let gender: String? = index < 40 ? "f" : index < 100 ? "m" : index < 105 ? "x" : nil
    let tier = index % 2 == 0 ? "gold" : "bronze"
    let given = (index < 40 && index < 10) || (index >= 40 && index < 70) || index == 100
    let rule: Bool? = index % 25 == 3 ? nil : true
    let score: Double? = index % 40 == 7 ? nil : Double(index % 10) / 10
    let outcome: Bool? = index == 50 ? nil : index % 3 == 0
    data.append(groups: [gender, tier], selections: [given, given, rule], scores: [score], outcome: outcome)
  }
  data.reject(reason: "P0603 wrong type or invalid value")
  return data
}

@Suite struct FairnessAuditTests {
  @Test func figuresAreThoseOfTheStatisticsLibrary() throws {
    let data = sampleData()
    let audit = try FairnessAudit(data)
    #expect(audit.groupings.map(\.name) == ["gender", "tier", "gender × tier"])
    #expect(audit.missing == [2, 0])
    let keys = try GroupKey.keys(attributes: [data.groups[0]])
    let selected = data.selections[1].map { $0 == true }
    #expect(audit.selections[1][0].audit == (try SelectionAudit(selected: selected, groups: keys)))
    let outcome = data.outcomes
    let known = outcome.indices.filter { outcome[$0] != nil }
    let errors = try ClassificationAudit(
      predicted: known.map { selected[$0] }, actual: known.map { outcome[$0] == true },
      groups: known.map { keys[$0] })
    #expect(audit.selections[1][0].errors == errors)
    #expect(audit.selections[1][0].outcomeMissing == 1)
  }

  @Test func recordsWhereARuleWasNotEvaluatedAreLeftOut() throws {
    let data = sampleData()
    let audit = try FairnessAudit(data)
    let rule = audit.selections[2][0]
    #expect(rule.notEvaluated == 5)
    #expect(rule.audit.recordCount == 102)
    #expect(rule.audit.groups.allSatisfy { $0.rate == 1 })
  }

  @Test func scoresAreSummarisedOverScoredRecordsWithAUCAgainstTheOutcome() throws {
    let data = sampleData()
    let audit = try FairnessAudit(data)
    let scores = audit.scores[0][0]
    #expect(scores.notScored == 3)
    let rows = data.scores[0].indices.filter { data.scores[0][$0] != nil }
    let keys = try GroupKey.keys(attributes: [data.groups[0]])
    let expected = try ScoreAudit(
      scores: rows.map { data.scores[0][$0] ?? 0 }, groups: rows.map { keys[$0] },
      levels: FairnessAudit.levels)
    #expect(scores.audit == expected)
    let women = rows.filter { keys[$0] == GroupKey(["f"]) && data.outcomes[$0] != nil }
    let auc = try ROCAUC.score(
      women.map { data.scores[0][$0] ?? 0 }, labels: women.map { data.outcomes[$0] == true })
    #expect(scores.auc[GroupKey(["f"])] == auc)
  }

  @Test func onlyRewardsFailTheAudit() throws {
    let audit = try FairnessAudit(sampleData())
    // Women: 10 of 40 (25%), men 30 of 60 (50%): a ratio of 0.5 by gender.
    let women = try #require(audit.selections[0][0].audit.groups.first { $0.key == GroupKey(["f"]) })
    #expect(women.ratioToTop == 0.5)
    #expect(audit.failsFourFifths)
    #expect(audit.failures.contains { $0.subject == 1 && $0.group == GroupKey(["f"]) })
    var rulesOnly = AuditData(
      attributes: [.init(name: "gender", isProtected: true)], subjects: [.init(name: "r", kind: .rule)],
      models: [],
      outcomeName: nil)
    for index in 0..<100 {
      rulesOnly.append(
        groups: [index < 50 ? "f" : "m"], selections: [index < 10 || index >= 50], scores: [], outcome: nil)
    }
    let ruleAudit = try FairnessAudit(rulesOnly)
    #expect(!ruleAudit.failures.isEmpty)
    #expect(!ruleAudit.failsFourFifths)
  }

  @Test func smallGroupsAreSetApartByTheRuleGiven() throws {
    let data = sampleData()
    let strict = try FairnessAudit(data)
    let third = try #require(strict.selections[0][0].audit.groups.first { $0.key == GroupKey(["x"]) })
    #expect(third.isSmall && third.ratioToTop == nil)
    let everyone = try FairnessAudit(data, rule: SmallGroupRule(minimumCount: 0, minimumShare: 0))
    let compared = try #require(everyone.selections[0][0].audit.groups.first { $0.key == GroupKey(["x"]) })
    #expect(!compared.isSmall && compared.ratioToTop != nil)
  }
}
