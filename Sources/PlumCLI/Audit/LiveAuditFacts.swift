import PlumData
import PlumRuntime

/// Decides each record now, as `plum run` does, and reads its facts from the machine: the rewards
/// selected, every rule, model score and k-means segment computed by its probe (models only with
/// their consent).
///
/// The rewards come from the runtime's `Decision`; rules, scores and segments from probes run on
/// the same machine after the decision.
struct LiveAuditFacts: AuditFactSource {
  private let policy: AuditPolicy
  private let runner: DecisionRunner

  /// Prepares a runner for `policy` as of `asOf` (days since 1970-01-01).
  init(policy: AuditPolicy, asOf: Int64) throws(SchemaError) {
    self.policy = policy
    runner = try DecisionRunner(program: policy.program, asOf: asOf)
  }

  func facts(for row: RecordRow, key: String?) -> Result<AuditFacts, AuditRejection> {
    // Decided as `plum run` decides it, `because` texts included: a failure there fails the record.
    guard runner.decide(row, record: 1) else { return .failure(Self.rejection(runner.decision.error)) }
    var rewards = Array(repeating: false, count: policy.program.rewards.count)
    for reward in runner.decision.rewards { rewards[reward.index] = true }
    let rules = policy.rules.map { rule -> Bool? in
      guard case .value(.bool(let holds)) = runner.machine.run(rule.probe, type: .bool) else { return nil }
      return holds
    }
    let scores = policy.models.map { model -> Double? in
      guard case .value(.float(let score)) = runner.machine.run(model.probe.probe, type: .float) else {
        return nil
      }
      return score.isFinite ? score : nil
    }
    let segments = policy.segmentations.map { model -> Int? in
      guard case .value(.int(let segment)) = runner.machine.run(model.probe.probe, type: .int) else {
        return nil
      }
      return Int(segment)
    }
    return .success(AuditFacts(rewards: rewards, rules: rules, scores: scores, segments: segments))
  }

  private static func rejection(_ fault: RuntimeFault?) -> AuditRejection {
    let code = fault?.code ?? .overflow
    return AuditRejection("\(code.rawValue) \(code.summary)")
  }
}
