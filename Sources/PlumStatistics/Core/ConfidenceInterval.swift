/// A two-sided confidence interval `[lower, upper]`.
public struct ConfidenceInterval: Sendable, Hashable {
  /// The lower bound.
  public let lower: Double
  /// The upper bound.
  public let upper: Double

  /// Creates an interval.
  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// Whether `value` lies inside the interval, bounds included.
  public func contains(_ value: Double) -> Bool {
    lower <= value && value <= upper
  }

  /// The two-sided normal critical value for `confidence` (statsmodels' `norm.isf(alpha / 2)`).
  static func normalCritical(confidence: Double) throws(StatisticsError) -> Double {
    try validate(confidence: confidence)
    return Normal.inverseSurvival((1 - confidence) / 2)
  }

  /// Checks that `confidence` is strictly between 0 and 1.
  static func validate(confidence: Double) throws(StatisticsError) {
    guard confidence > 0, confidence < 1 else {
      throw .invalidParameter(name: "confidence", value: confidence, expected: "a level between 0 and 1")
    }
  }
}
