/// Disjoint LinUCB (Li et al., 2010): each arm has its own ridge regression of reward on the
/// context `x`, with `A = λI + Σ x xᵀ` and `b = Σ r x` over the rewards it received. The arm's score
/// is `x·θ + α √(xᵀ A⁻¹ x)` with `θ = A⁻¹ b`; the first largest wins (propensity 1). This is
/// MABWiser's `LinUCB(alpha:, l2_lambda:)` without context scaling.
public struct LinUCB: BanditPolicy {
  public static let algorithm = "linucb"
  public let name: String
  public let arms: [String]
  /// The number of context features.
  public let dimension: Int
  /// The exploration weight α.
  public var alpha: Double
  /// The ridge penalty λ (the initial diagonal of every `A`), positive.
  public let ridge: Double
  /// Each arm's statistics.
  public private(set) var statistics: [ArmModel]

  /// One arm's ridge statistics.
  public struct ArmModel: Sendable, Equatable {
    /// `A = λI + Σ x xᵀ`, row-major `d × d`.
    public var a: [Double]
    /// `b = Σ r x`.
    public var b: [Double]
    /// How many rewards the arm received.
    public var count: Int
  }

  /// Creates an untrained bandit; a ridge that is not positive becomes 1.
  public init(name: String, arms: [String], dimension: Int, alpha: Double = 1, ridge: Double = 1) {
    self.name = name
    self.arms = arms
    self.dimension = max(dimension, 0)
    self.alpha = alpha
    self.ridge = ridge > 0 && ridge.isFinite ? ridge : 1
    var identity = [Double](repeating: 0, count: self.dimension * self.dimension)
    for i in 0..<self.dimension { identity[i * self.dimension + i] = self.ridge }
    statistics = [ArmModel](
      repeating: ArmModel(a: identity, b: [Double](repeating: 0, count: self.dimension), count: 0),
      count: arms.count)
  }

  private func check(_ context: [Double]) throws(BanditError) {
    guard context.count == dimension else { throw .invalidContext(expected: dimension, found: context.count) }
    if let bad = context.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteContext(feature: bad) }
  }

  public mutating func update(arm: Int, reward: Double, context: [Double]) throws(BanditError) {
    try checkUpdate(arm: arm, reward: reward, arms: arms.count)
    try check(context)
    var model = statistics[arm]
    for i in 0..<dimension {
      for j in 0..<dimension { model.a[i * dimension + j] += context[i] * context[j] }
      model.b[i] += reward * context[i]
    }
    model.count += 1
    statistics[arm] = model
  }

  /// Arm `arm`'s expected reward `x·θ` and upper confidence bound for `context`.
  public func score(arm: Int, context: [Double]) throws(BanditError) -> (mean: Double, bound: Double) {
    let model = statistics[arm]
    guard let theta = Cholesky.solve(model.a, model.b, size: dimension),
      let spread = Cholesky.solve(model.a, context, size: dimension)
    else { throw .singularArm(arm) }
    var mean = 0.0
    var width = 0.0
    for i in 0..<dimension {
      mean += context[i] * theta[i]
      width += context[i] * spread[i]
    }
    return (mean, mean + alpha * max(width, 0).squareRoot())
  }

  public func choose<R: UniformRandomSource>(
    context: [Double], random: inout R
  ) throws(BanditError) -> BanditChoice {
    guard !arms.isEmpty else { throw .unknownArm(0, arms: 0) }
    try check(context)
    var figures: [BanditArmFigures] = []
    for arm in arms.indices {
      let (mean, bound) = try score(arm: arm, context: context)
      figures.append(BanditArmFigures(count: statistics[arm].count, mean: mean, score: bound))
    }
    return BanditChoice(arm: firstLargest(figures.map(\.score)), propensity: 1, arms: figures)
  }

  public func encodedState() -> String {
    BanditState.encode(
      name: name, algorithm: Self.algorithm, arms: arms,
      parameters: [
        ("alpha", .number(alpha)), ("ridge", .number(ridge)), ("dimension", .number(Double(dimension))),
      ],
      statistics: statistics.map { model in
        .object([
          ("count", .number(Double(model.count))), ("a", .array(model.a.map(JSONValue.number))),
          ("b", .array(model.b.map(JSONValue.number))),
        ])
      })
  }

  public mutating func restore(from bytes: [UInt8]) throws(BanditStateError) {
    let decoded = try BanditState.decode(bytes, name: name, algorithm: Self.algorithm, arms: arms)
    let dimension = self.dimension
    let ridge = self.ridge
    try readingState {
      let foundDimension = try decoded.parameters.field("dimension").count()
      guard foundDimension == dimension else {
        throw BanditStateError.parameterMismatch(
          name: "dimension", expected: Double(dimension), found: Double(foundDimension))
      }
      let foundRidge = try decoded.parameters.field("ridge").finite()
      guard foundRidge == ridge else {
        throw BanditStateError.parameterMismatch(name: "ridge", expected: ridge, found: foundRidge)
      }
    }
    statistics = try decodeStatistics(decoded.statistics) { field throws(ModelFileError) in
      let a = try field.field("a").numbers(count: dimension * dimension)
      let b = try field.field("b").numbers(count: dimension)
      guard (a + b).allSatisfy(\.isFinite) else {
        throw .invalidValue(field: field.path, reason: "not finite")
      }
      return ArmModel(a: a, b: b, count: try field.field("count").count())
    }
  }
}
