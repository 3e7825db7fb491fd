import Foundation

/// UCB1: choose the arm with the largest upper confidence bound
/// `mean + α · √(2 ln N / n)`, where `n` is the arm's count and `N` the total count.
///
/// An untried arm is chosen first (the lowest-index one), as in Auer et al.; MABWiser instead
/// scores an untried arm 0, so the two agree once every arm has a reward. Deterministic:
/// the propensity is 1, ties go to the lower index.
public struct UCB1: BanditPolicy {
  public static let algorithm = "ucb1"
  public let name: String
  public let arms: [String]
  /// The exploration weight α (1 is the textbook UCB1).
  public var alpha: Double
  /// Each arm's reward count and sum.
  public private(set) var tallies: [ArmTally]

  /// Creates an untrained UCB1 bandit.
  public init(name: String, arms: [String], alpha: Double = 1) {
    self.name = name
    self.arms = arms
    self.alpha = alpha
    tallies = [ArmTally](repeating: ArmTally(), count: arms.count)
  }

  /// The total number of rewards over all arms.
  public var totalCount: Int { tallies.reduce(0) { $0 + $1.count } }

  /// Each arm's upper confidence bound; `+∞` for an untried arm.
  public var upperBounds: [Double] {
    let logTotal = log(Double(max(totalCount, 1)))
    return tallies.map { tally in
      guard tally.count > 0 else { return .infinity }
      return tally.mean + alpha * (2 * logTotal / Double(tally.count)).squareRoot()
    }
  }

  public mutating func update(arm: Int, reward: Double, context: [Double] = []) throws(BanditError) {
    try checkUpdate(arm: arm, reward: reward, arms: arms.count)
    tallies[arm].add(reward)
  }

  public func choose<R: UniformRandomSource>(
    context: [Double] = [], random: inout R
  ) throws(BanditError) -> BanditChoice {
    guard !arms.isEmpty else { throw .unknownArm(0, arms: 0) }
    let bounds = upperBounds
    let figures = zip(tallies, bounds).map { BanditArmFigures(count: $0.count, mean: $0.mean, score: $1) }
    return BanditChoice(arm: firstLargest(bounds), propensity: 1, arms: figures)
  }

  public func encodedState() -> String {
    BanditState.encode(
      name: name, algorithm: Self.algorithm, arms: arms, parameters: [("alpha", .number(alpha))],
      statistics: tallies.map(\.json))
  }

  public mutating func restore(from bytes: [UInt8]) throws(BanditStateError) {
    let decoded = try BanditState.decode(bytes, name: name, algorithm: Self.algorithm, arms: arms)
    tallies = try decodeStatistics(decoded.statistics, ArmTally.init)
  }
}
