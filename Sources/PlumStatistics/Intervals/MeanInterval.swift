extension ConfidenceInterval {
  /// The Student t interval for the mean of `values`, `x̄ ± t_{n−1, 1−α/2}·s/√n`, as statsmodels'
  /// `DescrStatsW(values).tconfint_mean(alpha)`.
  public static func studentMean(of values: [Double], confidence: Double = 0.95) throws(StatisticsError)
    -> Self
  {
    try validate(confidence: confidence)
    let summary = SampleSummary(values)
    try summary.require(2, name: "values")
    let distribution = try StudentT(degreesOfFreedom: Double(summary.count - 1))
    let halfWidth = distribution.inverseSurvival((1 - confidence) / 2) * summary.varianceOfMean.squareRoot()
    return Self(lower: summary.mean - halfWidth, upper: summary.mean + halfWidth)
  }
}
