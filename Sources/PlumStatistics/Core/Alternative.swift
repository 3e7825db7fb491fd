/// Which departures from the null hypothesis a test counts as evidence, as statsmodels spells it.
public enum Alternative: String, Sendable, Hashable, CaseIterable {
  /// The statistic differs from the null value in either direction.
  case twoSided = "two-sided"
  /// The statistic is larger than the null value.
  case larger
  /// The statistic is smaller than the null value.
  case smaller

  /// The p-value of a standard normal statistic `z` (statsmodels' `_zstat_generic2`).
  public func pValue(normal z: Double) -> Double {
    switch self {
    case .twoSided: return 2 * Normal.survival(Swift.abs(z))
    case .larger: return Normal.survival(z)
    case .smaller: return Normal.cdf(z)
    }
  }

  /// The p-value of a Student t statistic `t` (statsmodels' `_tstat_generic`).
  public func pValue(student t: Double, _ distribution: StudentT) -> Double {
    switch self {
    case .twoSided: return 2 * distribution.survival(Swift.abs(t))
    case .larger: return distribution.survival(t)
    case .smaller: return distribution.cdf(t)
    }
  }
}
