/// The z test for proportions, as statsmodels' `proportions_ztest` with its defaults (`prop_var`
/// false): for two samples the variance uses the pooled proportion.
public enum ProportionsZTest {
  /// Tests `successes1/trials1 − successes2/trials2 = difference`.
  ///
  /// `z = (p₁ − p₂ − difference) / √(p̄(1 − p̄)(1/n₁ + 1/n₂))` with `p̄ = (x₁ + x₂)/(n₁ + n₂)`.
  public static func twoSample(
    successes1: Int, trials1: Int, successes2: Int, trials2: Int, difference: Double = 0,
    alternative: Alternative = .twoSided
  ) throws(StatisticsError) -> TestResult {
    try validate(successes: successes1, trials: trials1)
    try validate(successes: successes2, trials: trials2)
    let n1 = Double(trials1)
    let n2 = Double(trials2)
    let p1 = Double(successes1) / n1
    let p2 = Double(successes2) / n2
    let pooled = Double(successes1 + successes2) / (n1 + n2)
    let standardError = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
    guard standardError > 0 else {
      throw .undefined("the pooled proportion is \(pooled), so the z statistic has no spread")
    }
    let z = (p1 - p2 - difference) / standardError
    return TestResult(statistic: z, pValue: alternative.pValue(normal: z))
  }

  /// Tests `successes/trials = value`, the variance at the observed proportion (statsmodels'
  /// one-sample default).
  public static func oneSample(
    successes: Int, trials: Int, value: Double, alternative: Alternative = .twoSided
  ) throws(StatisticsError) -> TestResult {
    try validate(successes: successes, trials: trials)
    let p = Double(successes) / Double(trials)
    let standardError = (p * (1 - p) / Double(trials)).squareRoot()
    guard standardError > 0 else {
      throw .undefined("the observed proportion is \(p), so the z statistic has no spread")
    }
    let z = (p - value) / standardError
    return TestResult(statistic: z, pValue: alternative.pValue(normal: z))
  }

  /// Throws unless `0 ≤ successes ≤ trials` and `trials > 0`.
  static func validate(successes: Int, trials: Int) throws(StatisticsError) {
    guard trials > 0 else {
      throw .invalidParameter(name: "trials", value: Double(trials), expected: "at least 1")
    }
    guard successes >= 0, successes <= trials else {
      throw .invalidParameter(
        name: "successes", value: Double(successes), expected: "between 0 and \(trials)")
    }
  }
}
