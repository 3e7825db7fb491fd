import Foundation

/// A binary logistic-regression model: `P(y = 1 | x) = σ(b + Σ βⱼ zⱼ)`.
public struct LogisticRegression: Sendable, Equatable {
  /// The intercept, coefficients, feature order and standardisation.
  public let terms: LinearTerms

  /// Creates a model from trained or stored terms.
  public init(terms: LinearTerms) {
    self.terms = terms
  }

  /// The probability of the positive class for a raw feature vector, with no allocation.
  /// - Returns: NaN when the vector's length differs from `terms.featureCount`.
  public func probability(_ features: UnsafeBufferPointer<Double>) -> Double {
    LogisticRegression.sigmoid(terms.linkValue(features))
  }

  /// The probability of the positive class for a raw feature vector.
  public func probability(_ features: [Double]) -> Double {
    features.withUnsafeBufferPointer { probability($0) }
  }

  /// The log-odds (the link-scale value) for a raw feature vector.
  public func logOdds(_ features: [Double]) -> Double {
    features.withUnsafeBufferPointer { terms.linkValue($0) }
  }

  /// Each feature's contribution to the log-odds (coefficient × standardised value) and the intercept.
  public func contributions(_ features: [Double]) -> LinearTerms.Contributions {
    terms.contributions(features)
  }

  /// The logistic function, written to stay accurate and finite for large `|η|`.
  static func sigmoid(_ eta: Double) -> Double {
    if eta >= 0 { return 1 / (1 + exp(-eta)) }
    let e = exp(eta)
    return e / (1 + e)
  }
}
