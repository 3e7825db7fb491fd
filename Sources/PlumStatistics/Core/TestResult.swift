/// The outcome of a hypothesis test: its statistic, p-value and, where the reference distribution
/// has them, degrees of freedom.
public struct TestResult: Sendable, Hashable {
  /// The test statistic (z, t or chi-square).
  public let statistic: Double
  /// The probability under the null hypothesis of a statistic at least as extreme.
  public let pValue: Double
  /// Degrees of freedom of the t or chi-square reference distribution; nil for a z test.
  public let degreesOfFreedom: Double?

  /// Creates a result.
  public init(statistic: Double, pValue: Double, degreesOfFreedom: Double? = nil) {
    self.statistic = statistic
    self.pValue = pValue
    self.degreesOfFreedom = degreesOfFreedom
  }
}
