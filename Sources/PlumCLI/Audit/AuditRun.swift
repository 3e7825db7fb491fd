import PlumAudit
import PlumData

/// Reads every data record once and gathers the audit's columns: each record audited, or counted
/// with the reason it is not (a read error, a repeated key, an unreadable outcome, a failed
/// decision). Nothing is dropped silently and no record's value is kept beyond its groups.
enum AuditRun {
  /// The audit data of `bytes` (the data file, in `format`) with facts from `source`.
  static func collect(
    _ bytes: [UInt8], format: InputFormat, policy: AuditPolicy, source: inout some AuditFactSource,
    models: [AuditData.Model]
  ) throws(DataError) -> AuditData {
    var data = AuditData(
      attributes: policy.attributes, subjects: policy.subjects, models: models,
      outcomeName: policy.outcome.map { outcome in
        switch outcome {
        case .field(let field): policy.schema.fields[field].path
        case .extra(_, let name): name
        }
      })
    let reader = try format.reader(schema: policy.schema, source: MemorySource(bytes))
    var row = policy.schema.makeRow()
    let segmentCounts = policy.segmentations.map(\.segments.count)
    // Like `plum run`, a record whose key an earlier record had is not decided a second time.
    var keys: Set<String> = []
    while let status = try reader.next(into: &row) {
      switch status {
      case .failure(let error):
        if let key = error.key { keys.insert(key) }
        data.reject(reason: "\(error.code.rawValue) \(error.code.summary)")
      case .record:
        let key = policy.key(of: row)
        if let key, !keys.insert(key).inserted {
          data.reject(reason: "repeated record key")
          continue
        }
        let outcome: Bool?
        switch policy.outcome(of: row) {
        case .success(let value): outcome = value
        case .failure(let rejection):
          data.reject(reason: rejection.reason)
          continue
        }
        switch source.facts(for: row, key: key) {
        case .success(let facts):
          data.append(
            groups: policy.groups(of: row), selections: facts.selections(segmentCounts: segmentCounts),
            scores: facts.scores, outcome: outcome)
        case .failure(let rejection):
          data.reject(reason: rejection.reason)
        }
      }
    }
    return data
  }
}
