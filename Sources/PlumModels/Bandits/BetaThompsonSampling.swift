/// Thompson sampling for rewards in `[0, 1]` (conversions): each arm's success probability has a
/// Beta(α₀, β₀) prior (default Beta(1, 1), uniform, as in MABWiser); a reward `r` adds `r` to the
/// arm's successes and `1 − r` to its failures, so the posterior is
/// Beta(α₀ + successes, β₀ + failures). To choose, draw one value from each arm's posterior (in arm
/// order) and take the first largest.
public struct BetaThompsonSampling: ThompsonSampling {
  public static let algorithm = "thompson_beta"
  public let name: String
  public let arms: [String]
  /// The prior's α₀ (pseudo-successes), positive.
  public var priorAlpha: Double
  /// The prior's β₀ (pseudo-failures), positive.
  public var priorBeta: Double
  /// How propensities are estimated.
  public var propensity: ThompsonPropensity
  /// Each arm's observed successes and failures (sums of `r` and `1 − r`).
  public private(set) var outcomes: [Outcomes]

  /// An arm's observed successes and failures.
  public struct Outcomes: Sendable, Equatable {
    /// The sum of the rewards.
    public var successes: Double = 0
    /// The sum of one minus the rewards.
    public var failures: Double = 0
  }

  /// Creates an untrained bandit; priors that are not positive are replaced by 1.
  public init(
    name: String, arms: [String], priorAlpha: Double = 1, priorBeta: Double = 1,
    propensity: ThompsonPropensity = .standard
  ) {
    self.name = name
    self.arms = arms
    self.priorAlpha = priorAlpha > 0 && priorAlpha.isFinite ? priorAlpha : 1
    self.priorBeta = priorBeta > 0 && priorBeta.isFinite ? priorBeta : 1
    self.propensity = propensity
    outcomes = [Outcomes](repeating: Outcomes(), count: arms.count)
  }

  /// Each arm's posterior parameters (α, β).
  public var posteriors: [(alpha: Double, beta: Double)] {
    outcomes.map { (priorAlpha + $0.successes, priorBeta + $0.failures) }
  }

  public mutating func update(arm: Int, reward: Double, context: [Double] = []) throws(BanditError) {
    try checkUpdate(arm: arm, reward: reward, arms: arms.count)
    guard reward >= 0, reward <= 1 else { throw .invalidReward(reward, reason: "must be between 0 and 1") }
    outcomes[arm].successes += reward
    outcomes[arm].failures += 1 - reward
  }

  public func posteriorDraws<R: UniformRandomSource>(_ random: inout R) -> [Double] {
    posteriors.map { RandomVariates.beta($0.alpha, $0.beta, &random) }
  }

  public var counts: [Int] { outcomes.map { Int(($0.successes + $0.failures).rounded()) } }

  public var posteriorMeans: [Double] { posteriors.map { $0.alpha / ($0.alpha + $0.beta) } }

  public func encodedState() -> String {
    BanditState.encode(
      name: name, algorithm: Self.algorithm, arms: arms,
      parameters: [("prior_alpha", .number(priorAlpha)), ("prior_beta", .number(priorBeta))],
      statistics: outcomes.map {
        .object([("successes", .number($0.successes)), ("failures", .number($0.failures))])
      }
    )
  }

  public mutating func restore(from bytes: [UInt8]) throws(BanditStateError) {
    let decoded = try BanditState.decode(bytes, name: name, algorithm: Self.algorithm, arms: arms)
    outcomes = try decodeStatistics(decoded.statistics) { field throws(ModelFileError) in
      let successes = try field.field("successes").finite()
      let failures = try field.field("failures").finite()
      guard successes >= 0, failures >= 0 else {
        throw .invalidValue(field: field.path, reason: "successes and failures must be zero or more")
      }
      return Outcomes(successes: successes, failures: failures)
    }
  }
}
