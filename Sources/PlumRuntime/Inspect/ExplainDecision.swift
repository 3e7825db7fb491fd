import PlumChecker
import PlumDiagnostics

/// One record's decision as the machine reached it, with every condition's value, in the policy's terms.
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

extension ExplainDecision {
  /// The machine's decision and trace in the policy's terms: each reward's conjuncts with the
  /// expressions they come from, faults at their source spans, models by their policy index.
  init(_ decision: Decision, inspection: Inspection) {
    let policy = inspection.policy
    let fault = decision.error.map { inspection.fault($0, at: SourceRange.at(0)) }
    let trace = decision.trace
    var rewards: [ExplainRewardTrace] = []
    for (index, reward) in policy.rewards.enumerated() {
      let parts = reward.requires.map { ($0, true) } + (reward.when?.conjuncts ?? []).map { ($0, false) }
      let recorded = trace.flatMap { $0.rewards.indices.contains(index) ? $0.rewards[index] : nil }
      let stop: ExplainStop?
      let outcome: ExplainRewardTrace.Outcome
      switch recorded?.outcome ?? .notEvaluated {
      case .eligible:
        (outcome, stop) = (.eligible, nil)
      case .failed(let position):
        (outcome, stop) = (.failed(conjunct: position), nil)
      case .blocked(let model):
        let programModels = inspection.program.models
        let purpose = programModels.indices.contains(model) ? programModels[model].purpose ?? "" : ""
        let policyModel = inspection.policyModel(model) ?? 0
        (outcome, stop) = (
          .blocked(model: policyModel, purpose: purpose), .noConsent(model: policyModel, purpose: purpose)
        )
      case .fault:
        let at = fault ?? ExplainFault(.overflow, at: reward.name.range)
        (outcome, stop) = (.fault(at), .fault(at))
      case .notEvaluated:
        (outcome, stop) = (.notEvaluated, nil)
      }
      let stoppedAt = recorded?.stoppedCondition
      let conjuncts = parts.enumerated().map { position, part in
        var result: Result<Bool, ExplainStop>?
        if let recorded, recorded.conditions.indices.contains(position),
          let value = recorded.conditions[position]
        {
          result = .success(value)
        } else if position == stoppedAt, let stop {
          result = .failure(stop)
        }
        return ExplainConjunct(
          expression: part.0, text: explainSourceText(inspection.source, part.0.range), isRequirement: part.1,
          result: result)
      }
      var explained = ExplainRewardTrace(
        reward: index, name: reward.name.name, conjuncts: conjuncts, outcome: outcome, gift: nil, value: nil,
        priority: 0, because: nil)
      if let recorded, recorded.isEligible {
        if let gift = recorded.gift {
          explained.gift = ExplainGift(
            kind: gift.kind, amount: gift.amount, rate: gift.rate, label: gift.label,
            currency: Self.currency(of: reward, policy: policy))
        }
        if let value = recorded.value, let expression = reward.value {
          explained.value = ExplainValue(value, type: expression.type)
        }
        explained.priority = recorded.priority
      }
      rewards.append(explained)
    }
    for given in decision.rewards where rewards.indices.contains(given.index) {
      rewards[given.index].because = given.because
    }
    self.init(rewards: rewards, selected: decision.rewards.map(\.index), fault: fault)
  }

  /// The currency a reward's voucher is in: the one its amount is written in, else the policy's.
  private static func currency(of reward: CheckedReward, policy: CheckedPolicy) -> String {
    if let give = reward.give, case .call(_, let arguments) = give.kind, let amount = arguments.first,
      case .money(let currency) = amount.type.unwrapped, !currency.isEmpty
    {
      return currency
    }
    return policy.currency ?? ""
  }
}
