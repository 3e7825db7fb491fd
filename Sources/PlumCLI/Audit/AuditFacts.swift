import PlumData

/// What the audit reads of one decided record, whichever way the decision was obtained: the one
/// seam between `plum audit` and the machinery that decides.
///
/// Two sources fill it: `LiveAuditFacts` decides the record now; `LoggedAuditFacts` reads a decision
/// file that `plum run` wrote. The grouping values, the key and the outcome come from the data
/// record in both cases (`AuditPolicy`).
struct AuditFacts: Hashable {
  /// Whether each of the policy's rewards was given, by index in `Program.rewards`.
  var rewards: [Bool]
  /// Whether each audited rule held, by index in `AuditPolicy.rules`; nil when not evaluated.
  var rules: [Bool?]
  /// Each audited model's score, by index in `AuditPolicy.models`; nil when not scored.
  var scores: [Double?]
  /// Each k-means model's segment, by index in `AuditPolicy.segmentations`; nil when not scored.
  var segments: [Int?]

  /// Whether the record received any reward.
  var rewarded: Bool { rewards.contains(true) }

  /// The selections in `AuditPolicy.subjects` order: rewarded, each reward, each rule, then for each
  /// k-means model whether the record is in each of its segments.
  func selections(segmentCounts: [Int]) -> [Bool?] {
    var values: [Bool?] = [rewarded] + rewards.map { $0 } + rules
    for (model, count) in segmentCounts.enumerated() {
      let segment = model < segments.count ? segments[model] : nil
      values += (0..<count).map { index in segment.map { $0 == index } }
    }
    return values
  }
}

/// Where per-record facts come from.
protocol AuditFactSource {
  /// The facts of the record in `row` (read with the audit's schema, whose key is `key`), or why
  /// it cannot be audited.
  mutating func facts(for row: RecordRow, key: String?) -> Result<AuditFacts, AuditRejection>
}
