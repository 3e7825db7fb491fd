import Foundation
import Testing

@testable import PlumModels

/// How often each arm is chosen over many seeded records.
private func frequencies<P: BanditPolicy>(_ policy: P, records: Int, context: [Double] = []) throws
  -> [Double]
{
  var counts = [Double](repeating: 0, count: policy.arms.count)
  for record in 0..<records {
    var random = RecordRandomness.generator(seed: 42, key: "member-\(record)", stream: "offer")
    counts[try policy.choose(context: context, random: &random).arm] += 1
  }
  return counts.map { $0 / Double(records) }
}

@Test func epsilonGreedyPropensitiesAreExactAndMatchFrequencies() throws {
  var policy = EpsilonGreedy(name: "offer", arms: ["a", "b", "c", "d"], epsilon: 0.2)
  for (arm, reward) in [(0, 0.1), (1, 0.9), (2, 0.5), (1, 0.7)] {
    try policy.update(arm: arm, reward: reward)
  }
  var random = SplitMix64(seed: 1)
  var propensities = [Double](repeating: 0, count: 4)
  for _ in 0..<200 {
    let choice = try policy.choose(random: &random)
    propensities[choice.arm] = choice.propensity
  }
  #expect(zip(propensities, [0.05, 0.85, 0.05, 0.05]).allSatisfy { abs($0 - $1) < 1e-15 })
  let observed = try frequencies(policy, records: 40_000)
  for (frequency, propensity) in zip(observed, propensities) { #expect(abs(frequency - propensity) < 0.01) }
}

@Test func ucb1TriesEveryArmFirstThenRanksByItsBound() throws {
  var policy = UCB1(name: "offer", arms: ["a", "b", "c"], alpha: 1)
  var random = SplitMix64(seed: 1)
  for expected in 0..<3 {
    let choice = try policy.choose(random: &random)
    #expect(choice.arm == expected && choice.propensity == 1)
    try policy.update(arm: choice.arm, reward: [0.2, 0.8, 0.5][expected])
  }
  let choice = try policy.choose(random: &random)
  let bonus = (2 * log(3.0)).squareRoot()
  #expect(choice.arms.map(\.score) == [0.2 + bonus, 0.8 + bonus, 0.5 + bonus])
  #expect(choice.arm == 1)
}

@Test func thompsonPropensityEstimatesMatchHowOftenEachArmIsChosen() throws {
  var beta = BetaThompsonSampling(name: "offer", arms: ["a", "b", "c"])
  var gauss = GaussianThompsonSampling(name: "offer", arms: ["a", "b", "c"])
  var generator = SplitMix64(seed: 9)
  for _ in 0..<30 {
    for arm in 0..<3 {
      try beta.update(arm: arm, reward: generator.nextUnit() < [0.3, 0.4, 0.45][arm] ? 1 : 0)
      try gauss.update(arm: arm, reward: [1.0, 1.3, 1.2][arm] + RandomVariates.normal(&generator))
    }
  }
  for (estimated, observed) in [
    (beta.armProbabilities(), try frequencies(beta.withPropensityDraws(1), records: 20_000)),
    (gauss.armProbabilities(), try frequencies(gauss.withPropensityDraws(1), records: 20_000)),
  ] {
    #expect(abs(estimated.reduce(0, +) - 1) < 1e-12)
    for (p, f) in zip(estimated, observed) { #expect(abs(p - f) < 0.02, "estimated \(p), observed \(f)") }
  }
  var random = SplitMix64(seed: 5)
  let probabilities = beta.armProbabilities()
  let choice = try beta.choose(random: &random, probabilities: probabilities)
  #expect(choice.propensity == probabilities[choice.arm])
  #expect(beta.armProbabilities() == probabilities, "the estimate is deterministic")
}

extension BetaThompsonSampling {
  func withPropensityDraws(_ draws: Int) -> Self {
    var copy = self
    copy.propensity = ThompsonPropensity(draws: draws, seed: 1)
    return copy
  }
}

extension GaussianThompsonSampling {
  func withPropensityDraws(_ draws: Int) -> Self {
    var copy = self
    copy.propensity = ThompsonPropensity(draws: draws, seed: 1)
    return copy
  }
}

@Test(arguments: [(2.0, 5.0), (0.5, 0.5), (30.0, 12.0)])
func betaVariatesHaveTheirDistributionsMoments(a: Double, b: Double) {
  var random = SplitMix64(seed: 17)
  let draws = (0..<100_000).map { _ in RandomVariates.beta(a, b, &random) }
  let mean = draws.reduce(0, +) / Double(draws.count)
  let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count - 1)
  #expect(abs(mean - a / (a + b)) < 0.003)
  #expect(abs(variance - a * b / ((a + b) * (a + b) * (a + b + 1))) < 0.003)
  #expect(draws.allSatisfy { $0 >= 0 && $0 <= 1 })
}

@Test func recordRandomnessDependsOnSeedKeyAndStreamOnly() {
  func first(_ seed: UInt64, _ key: String, _ stream: String) -> UInt64 {
    var generator = RecordRandomness.generator(seed: seed, key: key, stream: stream)
    return generator.next()
  }
  let reference = first(7, "m-1", "offer")
  #expect(first(7, "m-1", "offer") == reference)
  #expect(first(7, "m-2", "offer") != reference)
  #expect(first(8, "m-1", "offer") != reference)
  #expect(first(7, "m-1", "upsell") != reference)
  #expect(first(7, "1", "offerm-") != reference, "the key and stream are kept apart")
}

/// UCB1 and Thompson sampling learn: pseudo-regret over 100,000 rounds is far less than ten times
/// the regret over 10,000 (linear growth would be ten times); the figures are in docs/experiments.md.
@Test func regretGrowsSubLinearlyInABernoulliEnvironment() throws {
  let arms = ["a", "b", "c", "d", "e"]
  let probabilities = [0.10, 0.20, 0.30, 0.40, 0.50]
  let policies: [(String, any BanditPolicy)] = [
    ("ucb1", UCB1(name: "sim", arms: arms, alpha: 1)),
    ("thompson", BetaThompsonSampling(name: "sim", arms: arms).withPropensityDraws(1)),
  ]
  for (label, policy) in policies {
    let points = try BanditSimulation.bernoulliRegret(
      policy, probabilities: probabilities, checkpoints: [1_000, 10_000, 100_000], seed: 1)
    #expect(points.count == 3)
    #expect(points[2].regret < 3 * points[1].regret, "\(label): \(points)")
  }
  // A fixed ε keeps exploring: its regret is linear, ε × the mean gap (0.2) per round.
  let greedy = try BanditSimulation.bernoulliRegret(
    EpsilonGreedy(name: "sim", arms: arms, epsilon: 0.1), probabilities: probabilities,
    checkpoints: [100_000], seed: 1)
  #expect(abs(greedy[0].regret - 0.1 * 0.2 * 100_000) < 200)
}
