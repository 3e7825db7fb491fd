import PlumChecker
import PlumDiagnostics

/// One record's decision as the tracing evaluator reached it, with every condition's value.
public struct ExplainDecision: Sendable {
  /// Every reward, in declaration order.
  public var rewards: [ExplainRewardTrace]
  /// The rewards given, by index, in output order (empty when the record failed).
  public var selected: [Int]
  /// The runtime error that stopped the record, if any.
  public var fault: ExplainFault?

  /// The `because` texts of the rewards given, joined with `; `.
  public var reason: String {
    selected.compactMap { rewards[$0].because }.joined(separator: "; ")
  }

  /// The facts tests ask about.
  public var facts: ExplainDecisionFacts { ExplainDecisionFacts(selected: selected, reason: reason) }
}

/// One reward's conditions and outcome for a record.
public struct ExplainRewardTrace: Sendable {
  /// How the reward's evaluation ended.
  public enum Outcome: Hashable, Sendable {
    /// Every condition held and `give`, `value` and `priority` were computed.
    case eligible
    /// The conjunct at this index was false.
    case failed(conjunct: Int)
    /// A model gated by consent was needed and the record lacks the consent.
    case blocked(model: Int, purpose: String)
    /// A runtime error stopped the record here.
    case fault(ExplainFault)
    /// An earlier reward's runtime error stopped the record first.
    case notEvaluated
  }

  /// The reward's index in the policy.
  public var reward: Int
  /// The reward's name.
  public var name: String
  /// `requires` conditions, then the `when` condition split at its top-level `and`s.
  public var conjuncts: [ExplainConjunct]
  /// How evaluation ended.
  public var outcome: Outcome
  /// The reward constructed by `give`, when eligible.
  public var gift: ExplainGift?
  /// The `value` amount, when eligible and written.
  public var value: ExplainValue?
  /// The priority (0 when not written), when eligible.
  public var priority: Int64
  /// The `because` text, when the reward was given and it has one.
  public var because: String?

  /// Whether every condition held.
  public var isEligible: Bool { outcome == .eligible }
}

/// One conjunct of a reward's conditions.
public struct ExplainConjunct: Sendable {
  /// The condition.
  public var expression: TypedExpression
  /// Its source text, on one line.
  public var text: String
  /// Whether it comes from `requires` (otherwise from `when`).
  public var isRequirement: Bool
  /// Its value; nil when evaluation stopped before it.
  public var result: Result<Bool, ExplainStop>?
}

extension ExplainEvaluator {
  /// A condition split at its top-level `and`s.
  public static func conjuncts(of condition: TypedExpression) -> [TypedExpression] {
    if case .binary(.and, let left, let right) = condition.kind {
      return conjuncts(of: left) + conjuncts(of: right)
    }
    return [condition]
  }

  /// Decides the record as the machine does: each reward's conditions in declaration order (the
  /// first false one ends the reward), then `give`, `value` and `priority`, then selection, then
  /// the `because` texts of the rewards given. A runtime error stops the record.
  public func decide() -> ExplainDecision {
    var traces: [ExplainRewardTrace] = []
    var fault: ExplainFault?
    for (index, reward) in policy.rewards.enumerated() {
      let parts =
        reward.requires.map { ($0, true) } + (reward.when.map(Self.conjuncts(of:)) ?? []).map { ($0, false) }
      var trace = ExplainRewardTrace(
        reward: index, name: reward.name.name,
        conjuncts: parts.map {
          ExplainConjunct(
            expression: $0.0, text: explainSourceText(source, $0.0.range), isRequirement: $0.1, result: nil)
        }, outcome: .notEvaluated, gift: nil, value: nil, priority: 0, because: nil)
      if fault == nil {
        trace.outcome = evaluateReward(reward, into: &trace)
        if case .fault(let stop) = trace.outcome { fault = stop }
      }
      traces.append(trace)
    }
    guard fault == nil else { return ExplainDecision(rewards: traces, selected: [], fault: fault) }
    let selected = select(traces)
    for index in selected {
      guard let because = policy.rewards[index].because else { continue }
      switch evaluate(because) {
      case .success(.string(let text)): traces[index].because = text
      case .success(let other): traces[index].because = other.description
      case .failure(.noConsent): traces[index].because = "(not evaluated: no consent)"
      case .failure(.fault(let stop)):
        return ExplainDecision(rewards: traces, selected: [], fault: stop)
      }
    }
    return ExplainDecision(rewards: traces, selected: selected, fault: nil)
  }

  private func evaluateReward(_ reward: CheckedReward, into trace: inout ExplainRewardTrace)
    -> ExplainRewardTrace.Outcome
  {
    for position in trace.conjuncts.indices {
      switch evaluate(trace.conjuncts[position].expression) {
      case .success(let value):
        let holds = value.boolValue ?? false
        trace.conjuncts[position].result = .success(holds)
        if !holds { return .failed(conjunct: position) }
      case .failure(let stop):
        trace.conjuncts[position].result = .failure(stop)
        return outcome(of: stop)
      }
    }
    do {
      if let give = reward.give, case .reward(let gift) = try value(give) { trace.gift = gift }
      if let amount = reward.value { trace.value = try value(amount) }
      if let priority = reward.priority { trace.priority = try value(priority).integer ?? 0 }
    } catch {
      return outcome(of: error)
    }
    return .eligible
  }

  private func outcome(of stop: ExplainStop) -> ExplainRewardTrace.Outcome {
    switch stop {
    case .noConsent(let model, let purpose): .blocked(model: model, purpose: purpose)
    case .fault(let fault): .fault(fault)
    }
  }

  /// The eligible rewards chosen by the policy's `select`, in output order.
  func select(_ traces: [ExplainRewardTrace]) -> [Int] {
    let eligible = traces.filter(\.isEligible)
    switch policy.select {
    case .all:
      return eligible.map(\.reward)
    case .bestByPriority(let max):
      // A stable sort: ties keep declaration order, as in the machine.
      let ranked = eligible.enumerated().sorted { a, b in
        a.element.priority != b.element.priority
          ? a.element.priority > b.element.priority : a.offset < b.offset
      }
      let limit = max.map { Int(clamping: Swift.max(0, $0)) } ?? Int.max
      return ranked.prefix(limit).map(\.element.reward)
    }
  }
}
