/// The affine part shared by linear and logistic regression: `η = b + Σ βⱼ zⱼ`, where `zⱼ` is
/// feature `j` after the optional standardisation.
///
/// The coefficients are kept as trained (on the standardised scale, what explanations use) and
/// also folded into raw-scale coefficients, so evaluation is one dot product with no allocation.
public struct LinearTerms: Sendable, Equatable {
  /// The feature names, in the order the feature vector must follow.
  public let featureNames: [String]
  /// The standardisation applied before the coefficients, if any.
  public let standardization: Standardization?
  /// The intercept on the standardised scale.
  public let intercept: Double
  /// One coefficient per feature, on the standardised scale.
  public let coefficients: [Double]
  /// The intercept folded onto raw feature values.
  package let rawIntercept: Double
  /// The coefficients folded onto raw feature values.
  package let rawCoefficients: [Double]

  /// Creates terms, checking that every array has one entry per feature and every number is finite.
  public init(
    featureNames: [String], standardization: Standardization?, intercept: Double, coefficients: [Double]
  ) throws(ModelError) {
    guard !featureNames.isEmpty else { throw .noFeatures }
    guard coefficients.count == featureNames.count else {
      throw .shapeMismatch(what: "coefficients", expected: featureNames.count, actual: coefficients.count)
    }
    if let standardization, standardization.means.count != featureNames.count {
      throw .shapeMismatch(
        what: "standardisation means", expected: featureNames.count, actual: standardization.means.count)
    }
    guard intercept.isFinite, coefficients.allSatisfy(\.isFinite) else {
      throw .invalidOption(name: "coefficients", reason: "every coefficient must be finite")
    }
    self.featureNames = featureNames
    self.standardization = standardization
    self.intercept = intercept
    self.coefficients = coefficients
    var rawIntercept = intercept
    var rawCoefficients = coefficients
    if let standardization {
      for j in coefficients.indices {
        rawCoefficients[j] = coefficients[j] / standardization.scales[j]
        rawIntercept -= rawCoefficients[j] * standardization.means[j]
      }
    }
    self.rawIntercept = rawIntercept
    self.rawCoefficients = rawCoefficients
  }

  /// The number of input features.
  public var featureCount: Int { coefficients.count }

  /// The linear predictor `η` for a raw feature vector; NaN when its length is wrong.
  public func linkValue(_ features: UnsafeBufferPointer<Double>) -> Double {
    rawCoefficients.withUnsafeBufferPointer { beta in
      guard features.count == beta.count else { return .nan }
      var sum = rawIntercept
      for j in 0..<beta.count { sum += beta[j] * features[j] }
      return sum
    }
  }

  /// Each feature's share of `η` on the standardised scale, plus the intercept; they sum to `η`.
  public func contributions(_ features: [Double]) -> Contributions {
    guard features.count == featureCount else {
      return Contributions(intercept: .nan, values: [Double](repeating: .nan, count: featureCount))
    }
    var values = [Double](repeating: 0, count: featureCount)
    for j in 0..<featureCount {
      var z = features[j]
      if let standardization { z = (z - standardization.means[j]) / standardization.scales[j] }
      values[j] = coefficients[j] * z
    }
    return Contributions(intercept: intercept, values: values)
  }

  /// Per-feature contributions to a model's link-scale value.
  public struct Contributions: Sendable, Equatable {
    /// The intercept (the value when every standardised feature is zero).
    public let intercept: Double
    /// One contribution per feature, in feature order.
    public let values: [Double]
    /// The link-scale value these contributions add up to.
    public var total: Double { values.reduce(intercept, +) }
  }
}
