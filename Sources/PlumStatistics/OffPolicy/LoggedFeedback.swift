/// Logged bandit feedback and what off-policy estimators need about the policy being evaluated.
///
/// Round `i` logged action `actions[i]` chosen with probability `propensities[i]` and observed
/// `rewards[i]`. `targetProbabilities` holds the evaluated policy's probability of every action in
/// that round (row-major, `actionCount` per round) and `rewardPredictions`, when given, a reward
/// model's prediction for every action in that round, laid out the same way.
public struct LoggedFeedback: Sendable, Hashable {
  /// The number of actions.
  public let actionCount: Int
  /// The logged action of each round, in `0..<actionCount`.
  public let actions: [Int]
  /// The observed reward of each round.
  public let rewards: [Double]
  /// The logging policy's probability of the logged action, in `(0, 1]`.
  public let propensities: [Double]
  /// `π_e(a | xᵢ)` for every round and action, row-major.
  public let targetProbabilities: [Double]
  /// `q̂(xᵢ, a)` for every round and action, row-major; nil when there is no reward model.
  public let rewardPredictions: [Double]?

  /// Creates and validates the feedback: equal lengths, actions in range, propensities in `(0, 1]`.
  public init(
    actionCount: Int, actions: [Int], rewards: [Double], propensities: [Double],
    targetProbabilities: [Double],
    rewardPredictions: [Double]? = nil
  ) throws(StatisticsError) {
    guard actionCount > 0 else {
      throw .invalidParameter(name: "action count", value: Double(actionCount), expected: "at least 1")
    }
    let rounds = actions.count
    guard rounds > 0 else { throw .tooFewRecords(name: "rounds", count: 0, needed: 1) }
    for (name, count) in [("rewards", rewards.count), ("propensities", propensities.count)]
    where count != rounds {
      throw .lengthMismatch(first: "actions", firstCount: rounds, second: name, secondCount: count)
    }
    for (name, count) in [
      ("target probabilities", targetProbabilities.count),
      ("reward predictions", rewardPredictions?.count ?? rounds * actionCount),
    ]
    where count != rounds * actionCount {
      throw .lengthMismatch(
        first: "rounds × actions", firstCount: rounds * actionCount, second: name, secondCount: count)
    }
    for action in actions where !(0..<actionCount).contains(action) {
      throw .invalidParameter(
        name: "action", value: Double(action), expected: "an index below \(actionCount)")
    }
    for propensity in propensities where !(propensity > 0 && propensity <= 1) {
      throw .invalidParameter(name: "propensity", value: propensity, expected: "a probability above 0")
    }
    self.actionCount = actionCount
    self.actions = actions
    self.rewards = rewards
    self.propensities = propensities
    self.targetProbabilities = targetProbabilities
    self.rewardPredictions = rewardPredictions
  }

  /// The number of rounds.
  public var roundCount: Int { actions.count }

  /// The mean observed reward: the logging policy's own value.
  public var observedValue: Double { rewards.reduce(0, +) / Double(roundCount) }

  /// The importance weight `π_e(aᵢ | xᵢ) / p(aᵢ | xᵢ)` of round `i`.
  func weight(_ i: Int) -> Double {
    targetProbabilities[i * actionCount + actions[i]] / propensities[i]
  }

  /// The reward model's value of the evaluated policy in round `i`, `Σₐ π_e(a)·q̂(a) / Σₐ π_e(a)`
  /// (obp's `np.average` with the policy's probabilities as weights).
  func modelValue(_ i: Int, _ predictions: [Double]) -> Double {
    var weighted = 0.0
    var total = 0.0
    let start = i * actionCount
    for a in start..<start + actionCount {
      weighted += targetProbabilities[a] * predictions[a]
      total += targetProbabilities[a]
    }
    return weighted / total
  }
}
