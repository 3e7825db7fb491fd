/// A bandit's choice for one record: the arm, the probability with which it was chosen, and the
/// figures an explanation shows.
public struct BanditChoice: Sendable, Equatable {
  /// The chosen arm's index.
  public var arm: Int
  /// The probability that the policy chooses this arm in this state and context (exact for
  /// ε-greedy, UCB1 and LinUCB; a Monte Carlo estimate for Thompson sampling).
  public var propensity: Double
  /// Whether ε-greedy explored (chose at random) for this record; `nil` for other algorithms.
  public var explored: Bool?
  /// Every arm's figures, in arm order.
  public var arms: [BanditArmFigures]

  /// Creates a choice.
  public init(arm: Int, propensity: Double, explored: Bool? = nil, arms: [BanditArmFigures]) {
    self.arm = arm
    self.propensity = propensity
    self.explored = explored
    self.arms = arms
  }
}

/// One arm's figures at the time of a choice.
public struct BanditArmFigures: Sendable, Equatable {
  /// How many rewards the arm has been updated with.
  public var count: Int
  /// The arm's estimated mean reward (posterior mean for Thompson sampling, `x·θ` for LinUCB).
  public var mean: Double
  /// The number the arm was ranked by: the mean (ε-greedy), the upper confidence bound (UCB1,
  /// LinUCB; infinite for an untried UCB1 arm) or the sampled value (Thompson sampling).
  public var score: Double

  /// Creates an arm's figures.
  public init(count: Int, mean: Double, score: Double) {
    self.count = count
    self.mean = mean
    self.score = score
  }
}

/// Why a bandit could not be updated or could not choose.
public enum BanditError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The arm index is outside the bandit's arms.
  case unknownArm(Int, arms: Int)
  /// The reward is NaN or infinite, or outside `[0, 1]` for a Beta–Bernoulli bandit.
  case invalidReward(Double, reason: String)
  /// The context has the wrong number of features, or a non-finite one.
  case invalidContext(expected: Int, found: Int)
  /// A context feature is NaN or infinite.
  case nonFiniteContext(feature: Int)
  /// An update made LinUCB's matrix for an arm unusable (not positive definite).
  case singularArm(Int)

  /// A one-line, lower-case explanation.
  public var description: String {
    switch self {
    case .unknownArm(let arm, let arms):
      return "arm \(arm) does not exist; the bandit has \(arms) arms"
    case .invalidReward(let reward, let reason):
      return "reward \(reward) is invalid: \(reason)"
    case .invalidContext(let expected, let found):
      return "the context has \(found) features where \(expected) were expected"
    case .nonFiniteContext(let feature):
      return "context feature \(feature + 1) is NaN or infinite"
    case .singularArm(let arm):
      return "the statistics of arm \(arm) are numerically singular"
    }
  }
}

/// The index of the first largest score (every algorithm breaks ties towards the lower arm index,
/// as MABWiser does).
func firstLargest(_ scores: [Double]) -> Int {
  var best = 0
  for index in scores.indices.dropFirst() where scores[index] > scores[best] { best = index }
  return best
}
