import PlumStatistics

/// The figures of a fairness audit: for every subject and grouping the selection audit (and, with
/// an outcome, the error rates), for every model and grouping the score summary. Each figure comes
/// from `PlumStatistics`, which is checked against fairlearn, scikit-learn and statsmodels.
public struct FairnessAudit: Sendable {
  /// The records split by one attribute, or by all of them at once (the intersection).
  public struct Grouping: Sendable, Hashable {
    /// The attributes' indexes in `AuditData.attributes`.
    public var attributes: [Int]
    /// The attribute names joined by ` × `.
    public var name: String
    /// The attribute names joined by `-`, for anchors.
    public var id: String
    /// Whether it combines several attributes.
    public var isIntersection: Bool { attributes.count > 1 }
  }

  /// One subject's selection figures for one grouping.
  public struct Selection: Sendable {
    /// The selection audit over the records where the subject was evaluated.
    public var audit: SelectionAudit
    /// Records left out because the subject was not evaluated for them.
    public var notEvaluated: Int
    /// Error rates against the outcome, over records that have one; nil without an outcome.
    public var errors: ClassificationAudit?
    /// Records without an outcome value, left out of `errors`.
    public var outcomeMissing: Int
  }

  /// One model's score figures for one grouping.
  public struct Scores: Sendable {
    /// The summary over the scored records.
    public var audit: ScoreAudit
    /// ROC AUC per group against the outcome, over scored records that have one; empty without one.
    public var auc: [GroupKey: Double]
    /// Records not scored (no consent for the model's purpose, or an error).
    public var notScored: Int
  }

  /// A compared group whose impact ratio is under four fifths.
  public struct Failure: Sendable, Hashable {
    /// The subject's index.
    public var subject: Int
    /// The grouping's index.
    public var grouping: Int
    /// The group.
    public var group: GroupKey
    /// Its impact ratio.
    public var ratio: Double
  }

  /// The data measured.
  public let data: AuditData
  /// When a group is too small to compare.
  public let rule: SmallGroupRule
  /// Each attribute alone, then (with two or more) all of them together.
  public let groupings: [Grouping]
  /// `selections[subject][grouping]`.
  public let selections: [[Selection]]
  /// `scores[model][grouping]`.
  public let scores: [[Scores]]
  /// Records missing each attribute (nil value), by attribute.
  public let missing: [Int]

  /// The quantile levels of score summaries.
  public static let levels = [0.1, 0.25, 0.5, 0.75, 0.9]

  /// Measures `data`.
  public init(_ data: AuditData, rule: SmallGroupRule = SmallGroupRule()) throws(StatisticsError) {
    self.data = data
    self.rule = rule
    let names = data.attributes.map(\.name)
    var groupings = names.indices.map { Grouping(attributes: [$0], name: names[$0], id: names[$0]) }
    if names.count > 1 {
      groupings.append(
        Grouping(
          attributes: Array(names.indices), name: names.joined(separator: " × "),
          id: names.joined(separator: "-")))
    }
    self.groupings = groupings
    missing = data.groups.map { column in column.count { $0 == nil } }
    var keys: [[GroupKey?]] = []
    for grouping in groupings {
      keys.append(try GroupKey.keys(attributes: grouping.attributes.map { data.groups[$0] }))
    }
    var selections: [[Selection]] = []
    for column in data.selections {
      var row: [Selection] = []
      for groupKeys in keys {
        row.append(
          try Self.selection(
            column, keys: groupKeys, outcomes: data.outcomeName == nil ? nil : data.outcomes, rule: rule))
      }
      selections.append(row)
    }
    self.selections = selections
    var scores: [[Scores]] = []
    for column in data.scores {
      var row: [Scores] = []
      for groupKeys in keys {
        row.append(
          try Self.scores(
            column, keys: groupKeys, outcomes: data.outcomeName == nil ? nil : data.outcomes, rule: rule))
      }
      scores.append(row)
    }
    self.scores = scores
  }

  private static func selection(
    _ column: [Bool?], keys: [GroupKey?], outcomes: [Bool?]?, rule: SmallGroupRule
  ) throws(StatisticsError) -> Selection {
    let rows = column.indices.filter { column[$0] != nil }
    let selected = rows.map { column[$0] == true }
    let audit = try SelectionAudit(selected: selected, groups: rows.map { keys[$0] }, rule: rule)
    var errors: ClassificationAudit?
    var outcomeMissing = 0
    if let outcomes {
      let known = rows.filter { outcomes[$0] != nil }
      outcomeMissing = rows.count - known.count
      errors = try ClassificationAudit(
        predicted: known.map { column[$0] == true }, actual: known.map { outcomes[$0] == true },
        groups: known.map { keys[$0] }, rule: rule)
    }
    return Selection(
      audit: audit, notEvaluated: column.count - rows.count, errors: errors, outcomeMissing: outcomeMissing)
  }

  private static func scores(
    _ column: [Double?], keys: [GroupKey?], outcomes: [Bool?]?, rule: SmallGroupRule
  ) throws(StatisticsError) -> Scores {
    let rows = column.indices.filter { column[$0] != nil }
    let values = rows.map { column[$0] ?? 0 }
    let audit = try ScoreAudit(scores: values, groups: rows.map { keys[$0] }, levels: levels, rule: rule)
    var auc: [GroupKey: Double] = [:]
    if let outcomes {
      let known = rows.filter { outcomes[$0] != nil }
      let withOutcome = try ScoreAudit(
        scores: known.map { column[$0] ?? 0 }, actual: known.map { outcomes[$0] == true },
        groups: known.map { keys[$0] }, levels: [0.5], rule: rule)
      for group in withOutcome.groups { if let value = group.auc { auc[group.key] = value } }
    }
    return Scores(audit: audit, auc: auc, notScored: column.count - rows.count)
  }

  /// Every compared group under four fifths, for the subjects that gate the audit first.
  public var failures: [Failure] {
    var out: [Failure] = []
    for (subject, row) in selections.enumerated() {
      for (grouping, selection) in row.enumerated() {
        for group in selection.audit.groups where group.failsFourFifths == true {
          out.append(
            Failure(subject: subject, grouping: grouping, group: group.key, ratio: group.ratioToTop ?? 0))
        }
      }
    }
    return out
  }

  /// Whether the audit found something: a subject that gates it (any reward, a reward) fails the
  /// four-fifths rule, a record could not be audited, or no record was.
  public var hasFindings: Bool {
    failsFourFifths || data.count == 0 || data.notAudited.values.contains { $0 > 0 }
  }

  /// Whether a subject that gates the audit (any reward, a reward) fails the four-fifths rule.
  public var failsFourFifths: Bool {
    failures.contains { data.subjects[$0.subject].isGate }
  }
}
