extension DecisionRunner {
  /// The trace of the record just run, read from the registers a traced program records into.
  /// - Parameters:
  ///   - selected: the rewards given (empty when the record failed).
  ///   - failed: whether a runtime error stopped the record.
  func trace(selected: UnsafeBufferPointer<Int>, failed: Bool) -> DecisionTrace {
    let epoch = machine.epoch
    var traces: [DecisionTrace.Reward] = []
    traces.reserveCapacity(program.rewards.count)
    var stopped = false
    for (index, reward) in program.rewards.enumerated() {
      let reached = reward.reached.map { ints[Int($0)] == epoch } ?? true
      var conditions: [Bool?] = reward.conjuncts.map { conjunct in
        switch ints[Int(conjunct.trace)] {
        case 0: false
        case 1: true
        default: nil
        }
      }
      let outcome: DecisionTrace.Reward.Outcome
      if !reached || stopped {
        outcome = .notEvaluated
        conditions = conditions.map { _ in nil }
      } else if machine.isGranted(reward.granted) {
        outcome = .eligible
      } else if let position = conditions.firstIndex(of: false) {
        outcome = .failed(condition: position)
      } else if let blockedBy = reward.blockedBy, ints[Int(blockedBy)] > 0 {
        outcome = .blocked(model: Int(ints[Int(blockedBy)] - 1))
      } else if failed {
        outcome = .fault
        stopped = true
      } else {
        outcome = .notEvaluated
      }
      var trace = DecisionTrace.Reward(
        index: index, name: reward.name, outcome: outcome, conditions: conditions, gift: nil, value: nil,
        priority: 0, isGiven: selected.contains(index))
      if outcome == .eligible {
        trace.gift = gift(of: reward)
        trace.value = reward.value.map { ints[Int($0)] }
        trace.priority = ints[Int(reward.priority)]
      }
      traces.append(trace)
    }
    let rules = program.declarations.enumerated().compactMap { index, declaration -> DecisionTrace.Rule? in
      guard declaration.kind == .rule else { return nil }
      return DecisionTrace.Rule(
        name: declaration.name, value: machine.isComputed(index) ? ints[Int(declaration.result)] != 0 : nil)
    }
    let models = program.models.enumerated().map { index, model in
      let declaration = Int(model.declaration)
      guard declaration >= 0, machine.isComputed(declaration) else {
        return DecisionTrace.Model(
          index: index, name: model.name, outcome: machine.lacksConsent(index) ? .noConsent : .notNeeded,
          features: [])
      }
      let result = Int(program.declarations[declaration].result)
      let outcome: DecisionTrace.Model.Outcome
      if case .kMeans = model.model {
        outcome = .segment(ints[result])
      } else {
        outcome = .score(machine.floats[result])
      }
      let features = (0..<model.featureNames.count).map { machine.floats[Int(model.firstFeature) + $0] }
      return DecisionTrace.Model(index: index, name: model.name, outcome: outcome, features: features)
    }
    return DecisionTrace(
      rewards: traces, rules: rules, models: models,
      selection: DecisionTrace.SelectionStep(
        selection: program.selection, eligible: traces.filter(\.isEligible).map(\.index),
        given: Array(selected)))
  }

  /// What a reward's `give` registers hold.
  func gift(of reward: RewardProgram) -> Decision.Gift {
    Decision.Gift(
      kind: RewardKind(rawValue: ints[Int(reward.give.kind)]) ?? .points,
      amount: ints[Int(reward.give.amount)],
      rate: machine.floats[Int(reward.give.rate)], label: machine.strings[Int(reward.give.label)])
  }

  /// Writes the decision into the registers code reading it (test expectations) finds it in.
  func fillDecisionSlots(_ slots: DecisionSlots) {
    let decision = self.decision
    let decided = decision.isDecided
    machine.ints[Int(slots.decided)] = decided ? 1 : 0
    machine.lists[Int(slots.rewards)] = .ints(decision.rewards.map { Int64($0.index) })
    machine.strings[Int(slots.reason)] = decision.reason
    for register in slots.given { machine.ints[Int(register)] = 0 }
    for reward in decision.rewards where slots.given.indices.contains(reward.index) {
      machine.ints[Int(slots.given[reward.index])] = 1
    }
  }
}
