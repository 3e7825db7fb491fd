import PlumData
import PlumRuntime

/// Decides each record now, as `plum run` does, and reads its facts from the machine: the rewards
/// selected, every rule, model score and k-means segment computed by its probe (models only with
/// their consent).
///
/// This is the one file that knows how decisions are read from the runtime today; when the runtime
/// hands out a structured `Decision`, the rewards come from it and only this file changes.
struct LiveAuditFacts: AuditFactSource {
  private let policy: AuditPolicy
  private let runner: DecisionRunner

  /// Prepares a runner for `policy` as of `asOf` (days since 1970-01-01).
  init(policy: AuditPolicy, asOf: Int64) throws(SchemaError) {
    self.policy = policy
    runner = try DecisionRunner(program: policy.program, asOf: asOf)
  }

  func facts(for row: RecordRow, key: String?) -> Result<AuditFacts, AuditRejection> {
    guard runner.evaluate(row) else { return .failure(Self.rejection(runner.machine.fault)) }
    let machine = runner.machine
    let program = policy.program
    var rewards = Array(repeating: false, count: program.rewards.count)
    for index in runner.selectedRewards { rewards[index] = true }
    // `plum run` also fills the `because` texts of the rewards given; a failure there fails the record.
    for (index, reward) in program.rewards.enumerated() where rewards[index] {
      if let because = reward.because, !machine.run(from: because.entry) {
        return .failure(Self.rejection(machine.fault))
      }
    }
    let rules = policy.rules.map { rule -> Bool? in
      guard case .int(let register) = rule.probe.location, run(rule.probe) else { return nil }
      return machine.ints[Int(register)] != 0
    }
    let scores = policy.models.map { model -> Double? in
      guard case .float(let register) = model.probe.probe.location, run(model.probe.probe) else { return nil }
      let score = machine.floats[Int(register)]
      return score.isFinite ? score : nil
    }
    let segments = policy.segmentations.map { model -> Int? in
      guard case .int(let register) = model.probe.probe.location, run(model.probe.probe) else { return nil }
      return Int(machine.ints[Int(register)])
    }
    return .success(AuditFacts(rewards: rewards, rules: rules, scores: scores, segments: segments))
  }

  /// Runs a probe on the loaded record; false when it failed or a model's consent stopped it.
  private func run(_ probe: EvalProbe) -> Bool {
    let machine = runner.machine
    return machine.run(from: probe.entry) && machine.ints[Int(probe.blocked)] == 0
  }

  private static func rejection(_ fault: RuntimeFault?) -> AuditRejection {
    let code = fault?.code ?? .overflow
    return AuditRejection("\(code.rawValue) \(code.summary)")
  }
}
