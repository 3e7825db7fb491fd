#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A binary logistic regression ready to score: `sigmoid(intercept + Σ wᵢ·(xᵢ − μᵢ)/σᵢ)`.
public struct LogisticScorer: Hashable, Sendable {
  /// The intercept on the link (log-odds) scale.
  public var intercept: Double
  /// One weight per feature.
  public var weights: [Double]
  /// Per-feature means subtracted before weighting (zeros when the model is not standardised).
  public var means: [Double]
  /// Per-feature scales divided by before weighting (ones when the model is not standardised).
  public var scales: [Double]

  /// Creates a scorer; `means` and `scales` default to no standardisation.
  public init(intercept: Double, weights: [Double], means: [Double]? = nil, scales: [Double]? = nil) {
    self.intercept = intercept
    self.weights = weights
    self.means = means ?? Array(repeating: 0, count: weights.count)
    self.scales = scales ?? Array(repeating: 1, count: weights.count)
  }

  /// The log-odds of the features at `features` (one per weight).
  @inline(__always)
  public func linkScore(_ features: UnsafePointer<Double>) -> Double {
    var z = intercept
    for index in 0..<weights.count {
      z += weights[index] * ((features[index] - means[index]) / scales[index])
    }
    return z
  }

  /// The probability for the features at `features`.
  @inline(__always)
  public func probability(_ features: UnsafePointer<Double>) -> Double {
    Self.sigmoid(linkScore(features))
  }

  /// Each feature's contribution to the log-odds, in feature order.
  public func contributions(_ features: [Double]) -> [Double] {
    zip(features.indices, weights).map { index, weight in weight * ((features[index] - means[index]) / scales[index]) }
  }

  /// The logistic function `1 / (1 + e^-x)`.
  @inline(__always)
  public static func sigmoid(_ x: Double) -> Double {
    1.0 / (1.0 + exp(-x))
  }
}
