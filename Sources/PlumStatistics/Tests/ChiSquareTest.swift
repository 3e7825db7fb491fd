/// Pearson's chi-square goodness-of-fit test, as `scipy.stats.chisquare` and statsmodels'
/// `gof.chisquare`, and the sample-ratio-mismatch check built on it.
public enum ChiSquareTest {
  /// Tests observed counts against expected counts: `χ² = Σ (oᵢ − eᵢ)² / eᵢ` on
  /// `k − 1 − deltaDegreesOfFreedom` degrees of freedom.
  public static func goodnessOfFit(
    observed: [Double], expected: [Double], deltaDegreesOfFreedom: Int = 0
  ) throws(StatisticsError) -> TestResult {
    guard observed.count == expected.count else {
      throw .lengthMismatch(
        first: "observed", firstCount: observed.count, second: "expected", secondCount: expected.count)
    }
    let degrees = observed.count - 1 - deltaDegreesOfFreedom
    guard degrees >= 1 else { throw .tooFewRecords(name: "categories", count: observed.count, needed: 2) }
    var statistic = 0.0
    for (o, e) in zip(observed, expected) {
      guard e > 0 else { throw .invalidParameter(name: "expected count", value: e, expected: "above 0") }
      statistic += (o - e) * (o - e) / e
    }
    let distribution = try ChiSquare(degreesOfFreedom: Double(degrees))
    return TestResult(
      statistic: statistic, pValue: distribution.survival(statistic), degreesOfFreedom: Double(degrees))
  }

  /// The sample-ratio-mismatch test: arm counts against the split the weights promise,
  /// `eᵢ = N · wᵢ / Σw`. A small p-value (conventionally below 0.001) means assignment is broken.
  public static func sampleRatioMismatch(counts: [Int], weights: [Double]) throws(StatisticsError)
    -> TestResult
  {
    guard counts.count == weights.count else {
      throw .lengthMismatch(
        first: "counts", firstCount: counts.count, second: "weights", secondCount: weights.count)
    }
    let total = Double(counts.reduce(0, +))
    let weightSum = weights.reduce(0, +)
    guard total > 0 else { throw .tooFewRecords(name: "counts", count: 0, needed: 1) }
    for weight in weights where !(weight > 0) || !weight.isFinite {
      throw .invalidParameter(name: "weight", value: weight, expected: "a finite number above 0")
    }
    return try goodnessOfFit(
      observed: counts.map(Double.init), expected: weights.map { total * $0 / weightSum })
  }
}
