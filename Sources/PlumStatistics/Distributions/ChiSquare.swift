/// The chi-square distribution with `degreesOfFreedom`, through the regularized incomplete gamma
/// function: `cdf(x) = P(k/2, x/2)`, `survival(x) = Q(k/2, x/2)`.
public struct ChiSquare: Sendable, Hashable {
  /// The degrees of freedom k > 0.
  public let degreesOfFreedom: Double

  /// Creates the distribution; k must be positive and finite.
  public init(degreesOfFreedom: Double) throws(StatisticsError) {
    guard degreesOfFreedom > 0, degreesOfFreedom.isFinite else {
      throw .invalidParameter(
        name: "degrees of freedom", value: degreesOfFreedom, expected: "a finite number above 0")
    }
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// `P(X ≤ x)`, accurate in the lower tail.
  public func cdf(_ x: Double) -> Double {
    x.isNaN ? .nan : IncompleteGamma(a: degreesOfFreedom / 2, x: x / 2).lower
  }

  /// `P(X > x)`, accurate in the upper tail (the p-value of a chi-square statistic).
  public func survival(_ x: Double) -> Double {
    x.isNaN ? .nan : IncompleteGamma(a: degreesOfFreedom / 2, x: x / 2).upper
  }
}
