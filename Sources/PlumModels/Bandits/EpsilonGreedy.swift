/// ε-greedy: with probability ε explore (every arm equally likely), otherwise exploit the arm with
/// the highest mean reward (untried arms count as mean 0; ties go to the lower index).
///
/// Draws, in this order, one uniform `u`; when `u < ε`, one uniform per arm, choosing the first
/// largest — MABWiser's recipe, so the same uniforms make the same choice. The propensity is exact:
/// `(1 − ε) + ε/K` for the greedy arm and `ε/K` for any other.
public struct EpsilonGreedy: BanditPolicy {
  public static let algorithm = "epsilon_greedy"
  public let name: String
  public let arms: [String]
  /// The exploration probability, in `[0, 1]`.
  public var epsilon: Double
  /// Each arm's reward count and sum.
  public private(set) var tallies: [ArmTally]

  /// Creates an untrained ε-greedy bandit; `epsilon` is clamped to `[0, 1]`.
  public init(name: String, arms: [String], epsilon: Double) {
    self.name = name
    self.arms = arms
    self.epsilon = min(max(epsilon.isNaN ? 0 : epsilon, 0), 1)
    tallies = [ArmTally](repeating: ArmTally(), count: arms.count)
  }

  public mutating func update(arm: Int, reward: Double, context: [Double] = []) throws(BanditError) {
    try checkUpdate(arm: arm, reward: reward, arms: arms.count)
    tallies[arm].add(reward)
  }

  public func choose<R: UniformRandomSource>(
    context: [Double] = [], random: inout R
  ) throws(BanditError) -> BanditChoice {
    guard !arms.isEmpty else { throw .unknownArm(0, arms: 0) }
    let means = tallies.map(\.mean)
    let greedy = firstLargest(means)
    let figures = tallies.map { BanditArmFigures(count: $0.count, mean: $0.mean, score: $0.mean) }
    let share = epsilon / Double(arms.count)
    if random.nextUniform() < epsilon {
      var draws: [Double] = []
      for _ in arms { draws.append(random.nextUniform()) }
      let arm = firstLargest(draws)
      let propensity = (arm == greedy ? 1 - epsilon : 0) + share
      return BanditChoice(arm: arm, propensity: propensity, explored: true, arms: figures)
    }
    return BanditChoice(arm: greedy, propensity: 1 - epsilon + share, explored: false, arms: figures)
  }

  public func encodedState() -> String {
    BanditState.encode(
      name: name, algorithm: Self.algorithm, arms: arms, parameters: [("epsilon", .number(epsilon))],
      statistics: tallies.map(\.json))
  }

  public mutating func restore(from bytes: [UInt8]) throws(BanditStateError) {
    let decoded = try BanditState.decode(bytes, name: name, algorithm: Self.algorithm, arms: arms)
    tallies = try decodeStatistics(decoded.statistics, ArmTally.init)
  }
}
