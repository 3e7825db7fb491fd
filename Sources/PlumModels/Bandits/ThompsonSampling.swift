/// What the two Thompson samplers share: draw one value per arm from its posterior, choose the
/// first largest, and take the propensity from a Monte Carlo estimate (`ThompsonPropensity`).
public protocol ThompsonSampling: BanditPolicy {
  /// How propensities are estimated.
  var propensity: ThompsonPropensity { get }
  /// How many rewards each arm has received.
  var counts: [Int] { get }
  /// Each arm's posterior mean reward.
  var posteriorMeans: [Double] { get }
  /// One draw of each arm's mean reward from its posterior, in arm order.
  func posteriorDraws<R: UniformRandomSource>(_ random: inout R) -> [Double]
}

extension ThompsonSampling {
  /// Each arm's probability of being chosen, estimated as `propensity` describes.
  public func armProbabilities() -> [Double] {
    propensity.probabilities(arms: arms.count) { posteriorDraws(&$0) }
  }

  /// Chooses an arm, estimating its propensity afresh (use the overload taking `probabilities`
  /// to estimate once per state).
  public func choose<R: UniformRandomSource>(
    context: [Double] = [], random: inout R
  ) throws(BanditError) -> BanditChoice {
    try choose(context: context, random: &random, probabilities: armProbabilities())
  }

  /// Chooses an arm, taking the propensity from `probabilities` (from `armProbabilities()`).
  public func choose<R: UniformRandomSource>(
    context: [Double] = [], random: inout R, probabilities: [Double]
  ) throws(BanditError) -> BanditChoice {
    guard !arms.isEmpty else { throw .unknownArm(0, arms: 0) }
    let draws = posteriorDraws(&random)
    let arm = firstLargest(draws)
    let figures = zip(counts, zip(posteriorMeans, draws)).map {
      BanditArmFigures(count: $0, mean: $1.0, score: $1.1)
    }
    let propensity = arm < probabilities.count ? probabilities[arm] : .nan
    return BanditChoice(arm: arm, propensity: propensity, arms: figures)
  }
}
