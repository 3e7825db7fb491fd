/// A simulated Bernoulli environment for judging bandits: arm `i` pays 1 with probability
/// `probabilities[i]`, else 0.
public enum BanditSimulation {
  /// Cumulative pseudo-regret after each round in `checkpoints`.
  public struct RegretPoint: Sendable, Equatable {
    /// The number of rounds played.
    public var rounds: Int
    /// The sum over those rounds of (best arm's probability − chosen arm's probability).
    public var regret: Double
  }

  /// Plays `policy` for `checkpoints.max()` rounds against the Bernoulli arms, drawing choices and
  /// rewards from two generators seeded by `seed`, and returns the pseudo-regret at each checkpoint.
  public static func bernoulliRegret<P: BanditPolicy>(
    _ policy: P, probabilities: [Double], checkpoints: [Int], seed: UInt64
  ) throws(BanditError) -> [RegretPoint] {
    var policy = policy
    var choices = SplitMix64(seed: seed)
    var outcomes = SplitMix64(seed: seed ^ 0xA5A5_A5A5_A5A5_A5A5)
    let best = probabilities.max() ?? 0
    let stops = Set(checkpoints)
    let rounds = checkpoints.max() ?? 0
    var regret = 0.0
    var points: [RegretPoint] = []
    for round in 1...max(rounds, 1) where rounds > 0 {
      let arm = try policy.choose(context: [], random: &choices).arm
      regret += best - probabilities[arm]
      try policy.update(arm: arm, reward: outcomes.nextUnit() < probabilities[arm] ? 1 : 0, context: [])
      if stops.contains(round) { points.append(RegretPoint(rounds: round, regret: regret)) }
    }
    return points
  }
}
