/// The difference of two proportions `p₁ − p₂` with a confidence interval, as statsmodels'
/// `confint_proportions_2indep(compare='diff')`.
public struct ProportionDifference: Sendable, Hashable {
  /// How the interval is formed.
  public enum Method: String, Sendable, Hashable, CaseIterable {
    /// `d ± z·√(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂)` (statsmodels `method='wald'`).
    case wald
    /// Newcombe's hybrid score interval from the two Wilson intervals (statsmodels
    /// `method='newcomb'`, its default): `d − √((p₁ − l₁)² + (u₂ − p₂)²)`, `d + √((p₂ − l₂)² + (u₁ − p₁)²)`.
    case newcombe
  }

  /// `p₁ − p₂`.
  public let difference: Double
  /// The interval for the difference.
  public let interval: ConfidenceInterval

  /// Computes the difference of `successes1/trials1` and `successes2/trials2`.
  public init(
    successes1: Int, trials1: Int, successes2: Int, trials2: Int, method: Method = .newcombe,
    confidence: Double = 0.95
  ) throws(StatisticsError) {
    try ProportionsZTest.validate(successes: successes1, trials: trials1)
    try ProportionsZTest.validate(successes: successes2, trials: trials2)
    let n1 = Double(trials1)
    let n2 = Double(trials2)
    let p1 = Double(successes1) / n1
    let p2 = Double(successes2) / n2
    difference = p1 - p2
    switch method {
    case .wald:
      let z = try ConfidenceInterval.normalCritical(confidence: confidence)
      let halfWidth = z * (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
      interval = ConfidenceInterval(lower: difference - halfWidth, upper: difference + halfWidth)
    case .newcombe:
      let first = try ConfidenceInterval.wilson(
        successes: successes1, trials: trials1, confidence: confidence)
      let second = try ConfidenceInterval.wilson(
        successes: successes2, trials: trials2, confidence: confidence)
      let below = ((p1 - first.lower) * (p1 - first.lower) + (second.upper - p2) * (second.upper - p2))
        .squareRoot()
      let above = ((p2 - second.lower) * (p2 - second.lower) + (first.upper - p1) * (first.upper - p1))
        .squareRoot()
      interval = ConfidenceInterval(lower: difference - below, upper: difference + above)
    }
  }
}
