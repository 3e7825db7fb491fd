extension ConfidenceInterval {
  /// The Wilson score interval for `successes/trials`, as statsmodels' `proportion_confint(method=
  /// 'wilson')`: centre `(p + z²/2n)/(1 + z²/n)`, half-width `z·√(p(1 − p)/n + z²/4n²)/(1 + z²/n)`,
  /// clipped to `[0, 1]`.
  public static func wilson(successes: Int, trials: Int, confidence: Double = 0.95) throws(StatisticsError)
    -> Self
  {
    try ProportionsZTest.validate(successes: successes, trials: trials)
    let z = try normalCritical(confidence: confidence)
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let centre = (p + z2 / (2 * n)) / denominator
    let halfWidth = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
    return clipped(centre - halfWidth, centre + halfWidth)
  }

  /// The normal (Wald) interval `p ± z·√(p(1 − p)/n)`, clipped to `[0, 1]`, as statsmodels'
  /// `proportion_confint(method='normal')`.
  public static func wald(successes: Int, trials: Int, confidence: Double = 0.95) throws(StatisticsError)
    -> Self
  {
    try ProportionsZTest.validate(successes: successes, trials: trials)
    let z = try normalCritical(confidence: confidence)
    let n = Double(trials)
    let p = Double(successes) / n
    let halfWidth = z * (p * (1 - p) / n).squareRoot()
    return clipped(p - halfWidth, p + halfWidth)
  }

  /// `[lower, upper]` clipped to the unit interval.
  static func clipped(_ lower: Double, _ upper: Double) -> Self {
    Self(lower: Swift.min(Swift.max(lower, 0), 1), upper: Swift.min(Swift.max(upper, 0), 1))
  }
}
