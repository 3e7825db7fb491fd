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
    // Like `plum run`, a record whose key an earlier record had is not decided a second time (P0608).
    let keys = KeyRegistry(schema: policy.schema)
    var record = 0
    while let status = try reader.next(into: &row) {
      record += 1
      switch status {
      case .failure(let error):
        keys?.admit(error, record: record)
        data.reject(reason: reason(error))
      case .record:
        if let duplicate = keys?.admit(row, record: record) {
          data.reject(reason: reason(duplicate))
          continue
        }
        let key = policy.key(of: row)
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

  /// A record error as the report counts it: its code and summary, never its message (which may
  /// quote a value).
  private static func reason(_ error: RecordError) -> String {
    "\(error.code.rawValue) \(error.code.summary)"
  }
}
