/// Estimators of a policy's value from feedback logged under another policy, as Open Bandit
/// Pipeline (obp) defines them with no weight clipping.
public enum OffPolicyEstimator: String, Sendable, Hashable, CaseIterable {
  /// Inverse probability weighting: `mean(wᵢ·rᵢ)`, `wᵢ = π_e(aᵢ|xᵢ)/p(aᵢ|xᵢ)`.
  case inverseProbabilityWeighting = "ipw"
  /// Self-normalised IPW: `Σ wᵢ·rᵢ / Σ wᵢ`.
  case selfNormalizedInverseProbabilityWeighting = "snipw"
  /// The direct method: `mean(Σₐ π_e(a|xᵢ)·q̂(xᵢ, a))`, the reward model alone.
  case directMethod = "dm"
  /// Doubly robust: the direct method plus `mean(wᵢ·(rᵢ − q̂(xᵢ, aᵢ)))`.
  case doublyRobust = "dr"

  /// Whether the estimator reads reward predictions.
  public var needsRewardModel: Bool {
    self == .directMethod || self == .doublyRobust
  }

  /// The estimated value of the evaluated policy.
  public func estimate(_ feedback: LoggedFeedback) throws(StatisticsError) -> Double {
    try RoundTerms(self, feedback).estimate(over: 0..<feedback.roundCount)
  }
}

/// Each round's share of an estimate, computed once so that a bootstrap resample costs one sum:
/// the estimate over rounds R is `Σ_R numerator / Σ_R denominator`, the denominator being 1 per
/// round except for SNIPW's importance weights.
struct RoundTerms {
  let numerators: [Double]
  let denominators: [Double]?

  init(_ estimator: OffPolicyEstimator, _ feedback: LoggedFeedback) throws(StatisticsError) {
    let rounds = 0..<feedback.roundCount
    var predictions: [Double] = []
    if estimator.needsRewardModel {
      guard let given = feedback.rewardPredictions else {
        throw .undefined("the \(estimator.rawValue) estimator needs reward predictions")
      }
      predictions = given
    }
    switch estimator {
    case .inverseProbabilityWeighting:
      numerators = rounds.map { feedback.weight($0) * feedback.rewards[$0] }
      denominators = nil
    case .selfNormalizedInverseProbabilityWeighting:
      numerators = rounds.map { feedback.weight($0) * feedback.rewards[$0] }
      denominators = rounds.map { feedback.weight($0) }
    case .directMethod:
      numerators = rounds.map { feedback.modelValue($0, predictions) }
      denominators = nil
    case .doublyRobust:
      numerators = rounds.map { i in
        let logged = predictions[i * feedback.actionCount + feedback.actions[i]]
        return feedback.modelValue(i, predictions) + feedback.weight(i) * (feedback.rewards[i] - logged)
      }
      denominators = nil
    }
  }

  /// The estimate over `rounds` (indices that may repeat).
  func estimate<Rounds: Sequence<Int>>(over rounds: Rounds) throws(StatisticsError) -> Double {
    var sum = 0.0
    var total = 0.0
    for i in rounds {
      sum += numerators[i]
      total += denominators?[i] ?? 1
    }
    guard total > 0 else { throw .undefined("the importance weights sum to 0, so the estimate is undefined") }
    return sum / total
  }
}
