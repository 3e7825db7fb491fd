/// Thompson sampling for continuous rewards (spend, points): each arm's rewards are taken as
/// Normal(μ, σ²) with both unknown, under the conjugate Normal–Inverse-Gamma prior
/// NIG(μ₀, κ₀, α₀, β₀) (defaults μ₀ = 0, κ₀ = 1, α₀ = 1, β₀ = 1).
///
/// After `n` rewards with mean `x̄` and sum of squared deviations `M₂` the posterior is
/// `κₙ = κ₀ + n`, `μₙ = (κ₀μ₀ + n x̄)/κₙ`, `αₙ = α₀ + n/2`,
/// `βₙ = β₀ + M₂/2 + κ₀ n (x̄ − μ₀)² / (2κₙ)`. To choose, each arm (in order) draws
/// `σ² = βₙ / Gamma(αₙ)` then `μ ~ Normal(μₙ, σ²/κₙ)`; the first largest `μ` wins.
/// The statistics (count, mean, M₂) are kept by Welford's update, so they stay accurate.
public struct GaussianThompsonSampling: ThompsonSampling {
  public static let algorithm = "thompson_gaussian"
  public let name: String
  public let arms: [String]
  /// The prior mean μ₀.
  public var priorMean: Double
  /// The prior's pseudo-count for the mean, κ₀ > 0.
  public var priorStrength: Double
  /// The prior's shape α₀ > 0.
  public var priorShape: Double
  /// The prior's scale β₀ > 0.
  public var priorScale: Double
  /// How propensities are estimated.
  public var propensity: ThompsonPropensity
  /// Each arm's reward count, mean and sum of squared deviations.
  public private(set) var moments: [Moments]

  /// Running moments of an arm's rewards (Welford).
  public struct Moments: Sendable, Equatable {
    /// The number of rewards.
    public var count: Int = 0
    /// Their mean.
    public var mean: Double = 0
    /// The sum of squared deviations from the mean.
    public var squaredDeviations: Double = 0
  }

  /// A Normal–Inverse-Gamma posterior.
  public struct Posterior: Sendable, Equatable {
    /// μₙ.
    public var mean: Double
    /// κₙ.
    public var strength: Double
    /// αₙ.
    public var shape: Double
    /// βₙ.
    public var scale: Double
  }

  /// Creates an untrained bandit; prior parameters that must be positive and are not become 1.
  public init(
    name: String, arms: [String], priorMean: Double = 0, priorStrength: Double = 1, priorShape: Double = 1,
    priorScale: Double = 1, propensity: ThompsonPropensity = .standard
  ) {
    func positive(_ value: Double) -> Double { value > 0 && value.isFinite ? value : 1 }
    self.name = name
    self.arms = arms
    self.priorMean = priorMean.isFinite ? priorMean : 0
    self.priorStrength = positive(priorStrength)
    self.priorShape = positive(priorShape)
    self.priorScale = positive(priorScale)
    self.propensity = propensity
    moments = [Moments](repeating: Moments(), count: arms.count)
  }

  /// Each arm's posterior.
  public var posteriors: [Posterior] {
    moments.map { arm in
      let n = Double(arm.count)
      let strength = priorStrength + n
      let shift = arm.mean - priorMean
      return Posterior(
        mean: (priorStrength * priorMean + n * arm.mean) / strength, strength: strength,
        shape: priorShape + n / 2,
        scale: priorScale + arm.squaredDeviations / 2 + priorStrength * n * shift * shift / (2 * strength))
    }
  }

  public mutating func update(arm: Int, reward: Double, context: [Double] = []) throws(BanditError) {
    try checkUpdate(arm: arm, reward: reward, arms: arms.count)
    var state = moments[arm]
    state.count += 1
    let delta = reward - state.mean
    state.mean += delta / Double(state.count)
    state.squaredDeviations += delta * (reward - state.mean)
    moments[arm] = state
  }

  public var counts: [Int] { moments.map(\.count) }

  public var posteriorMeans: [Double] { posteriors.map(\.mean) }

  public func posteriorDraws<R: UniformRandomSource>(_ random: inout R) -> [Double] {
    posteriors.map { posterior in
      let variance = posterior.scale / RandomVariates.gamma(shape: posterior.shape, &random)
      return posterior.mean + (variance / posterior.strength).squareRoot() * RandomVariates.normal(&random)
    }
  }

  public func encodedState() -> String {
    BanditState.encode(
      name: name, algorithm: Self.algorithm, arms: arms,
      parameters: [
        ("prior_mean", .number(priorMean)), ("prior_strength", .number(priorStrength)),
        ("prior_shape", .number(priorShape)), ("prior_scale", .number(priorScale)),
      ],
      statistics: moments.map {
        .object([
          ("count", .number(Double($0.count))), ("mean", .number($0.mean)),
          ("squared_deviations", .number($0.squaredDeviations)),
        ])
      })
  }

  public mutating func restore(from bytes: [UInt8]) throws(BanditStateError) {
    let decoded = try BanditState.decode(bytes, name: name, algorithm: Self.algorithm, arms: arms)
    moments = try decodeStatistics(decoded.statistics) { field throws(ModelFileError) in
      let deviations = try field.field("squared_deviations").finite()
      guard deviations >= 0 else { throw .invalidValue(field: field.path, reason: "must be zero or more") }
      return Moments(
        count: try field.field("count").count(), mean: try field.field("mean").finite(),
        squaredDeviations: deviations)
    }
  }
}
