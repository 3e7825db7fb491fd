/// How Thompson sampling's propensities are estimated: the probability that each arm's posterior
/// draw is the largest, by a seeded Monte Carlo of `draws` rounds, add-one smoothed as
/// `(wins + 1) / (draws + K)` so no chosen arm is ever logged with probability 0.
///
/// With the default 10,000 draws the standard error of an estimate is at most 0.005. The estimate
/// depends only on the posterior, `draws` and `seed`, never on the record, so a run computes it
/// once per state and passes it to `choose(context:random:probabilities:)`.
public struct ThompsonPropensity: Sendable, Equatable {
  /// The number of Monte Carlo rounds.
  public var draws: Int
  /// The seed of the Monte Carlo generator.
  public var seed: UInt64

  /// The default: 10,000 draws with a fixed seed.
  public static let standard = ThompsonPropensity(draws: 10_000, seed: 0x7468_6F6D_7073_6F6E)

  /// Creates an estimate recipe; `draws` below 1 is taken as 1.
  public init(draws: Int, seed: UInt64) {
    self.draws = max(draws, 1)
    self.seed = seed
  }

  /// Each arm's estimated probability of having the largest draw from `sample`.
  func probabilities(arms: Int, sample: (inout SplitMix64) -> [Double]) -> [Double] {
    guard arms > 0 else { return [] }
    var generator = SplitMix64(seed: seed)
    var wins = [Int](repeating: 0, count: arms)
    for _ in 0..<draws { wins[firstLargest(sample(&generator))] += 1 }
    return wins.map { Double($0 + 1) / Double(draws + arms) }
  }
}
