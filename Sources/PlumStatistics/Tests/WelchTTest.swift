/// Welch's two-sample t test, as statsmodels' `ttest_ind(x1, x2, usevar='unequal')`: separate
/// variances and Welch–Satterthwaite degrees of freedom.
public enum WelchTTest {
  /// Tests `mean(sample1) − mean(sample2) = difference`.
  ///
  /// `t = (x̄₁ − x̄₂ − difference) / √(s₁²/n₁ + s₂²/n₂)`, `ν = (s₁²/n₁ + s₂²/n₂)² /
  /// ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1))`.
  public static func test(
    _ sample1: [Double], _ sample2: [Double], difference: Double = 0, alternative: Alternative = .twoSided
  ) throws(StatisticsError) -> TestResult {
    let welch = try WelchDifference(sample1, sample2)
    let t = (welch.difference - difference) / welch.standardError
    let distribution = try StudentT(degreesOfFreedom: welch.degreesOfFreedom)
    return TestResult(
      statistic: t, pValue: alternative.pValue(student: t, distribution),
      degreesOfFreedom: welch.degreesOfFreedom)
  }
}

/// The difference of two sample means with Welch's standard error and degrees of freedom.
public struct WelchDifference: Sendable, Hashable {
  /// `mean(sample1) − mean(sample2)`.
  public let difference: Double
  /// `√(s₁²/n₁ + s₂²/n₂)`.
  public let standardError: Double
  /// The Welch–Satterthwaite degrees of freedom.
  public let degreesOfFreedom: Double
  /// The summaries of the two samples.
  public let summary1: SampleSummary
  /// The summary of the second sample.
  public let summary2: SampleSummary

  /// Computes the difference; each sample needs two values and the two may not both be constant.
  public init(_ sample1: [Double], _ sample2: [Double]) throws(StatisticsError) {
    summary1 = SampleSummary(sample1)
    summary2 = SampleSummary(sample2)
    try summary1.require(2, name: "first sample")
    try summary2.require(2, name: "second sample")
    let v1 = summary1.varianceOfMean
    let v2 = summary2.varianceOfMean
    let total = v1 + v2
    guard total > 0 else { throw .undefined("both samples are constant, so the t statistic has no spread") }
    difference = summary1.mean - summary2.mean
    standardError = total.squareRoot()
    let share1 = v1 / total
    let share2 = v2 / total
    degreesOfFreedom =
      1 / (share1 * share1 / Double(summary1.count - 1) + share2 * share2 / Double(summary2.count - 1))
  }

  /// The Welch confidence interval for the difference (statsmodels' `CompareMeans.tconfint_diff`
  /// with `usevar='unequal'`): `difference ± t_{ν, 1−α/2} · standardError`.
  public func interval(confidence: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval {
    try ConfidenceInterval.validate(confidence: confidence)
    let critical = try StudentT(degreesOfFreedom: degreesOfFreedom).inverseSurvival((1 - confidence) / 2)
    return ConfidenceInterval(
      lower: difference - critical * standardError, upper: difference + critical * standardError)
  }
}
