/// An anomaly score from robust z-scores: per feature `zⱼ = (xⱼ − medianⱼ) / scaleⱼ`, where
/// `scaleⱼ = 1.4826 · MADⱼ` (the median absolute deviation, made consistent with the standard
/// deviation for normal data), combined over features by `combination`.
public struct RobustZScore: Sendable, Equatable {
  /// How per-feature z-scores combine into one score.
  public enum Combination: String, Sendable, Equatable {
    /// The largest absolute z-score (default): a record is as unusual as its most unusual feature.
    case maxAbs = "max_abs"
    /// The mean absolute z-score.
    case meanAbs = "mean_abs"
  }

  /// The consistency constant that turns a MAD into a standard-deviation estimate.
  public static let madConsistency = 1.4826
  /// The constant that turns a mean absolute deviation into one, used when the MAD is zero.
  public static let meanDeviationConsistency = 1.253314

  /// The feature names, in the order the feature vector must follow.
  public let featureNames: [String]
  /// The median of each feature.
  public let medians: [Double]
  /// The divisor of each feature: `1.4826 · MAD`, or `1.253314 · mean |x − median|` when the MAD is 0.
  public let scales: [Double]
  /// How the per-feature scores combine.
  public let combination: Combination

  /// Creates a model from stored medians and scales.
  public init(
    featureNames: [String], medians: [Double], scales: [Double], combination: Combination = .maxAbs
  ) throws(ModelError) {
    guard !featureNames.isEmpty else { throw .noFeatures }
    guard medians.count == featureNames.count else {
      throw .shapeMismatch(what: "medians", expected: featureNames.count, actual: medians.count)
    }
    guard scales.count == featureNames.count else {
      throw .shapeMismatch(what: "scales", expected: featureNames.count, actual: scales.count)
    }
    guard medians.allSatisfy(\.isFinite), scales.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw .invalidOption(name: "scales", reason: "medians must be finite and scales positive and finite")
    }
    self.featureNames = featureNames
    self.medians = medians
    self.scales = scales
    self.combination = combination
  }

  /// Learns medians and MADs from `data`.
  /// - Throws: `ModelError` for NaN or infinite values, or `constantFeature` when a feature has no
  ///   spread at all (both its MAD and its mean absolute deviation are zero).
  public static func fit(_ data: FeatureMatrix, combination: Combination = .maxAbs) throws(ModelError)
    -> RobustZScore
  {
    try data.requireNonEmpty()
    try data.requireFinite()
    var medians: [Double] = []
    var scales: [Double] = []
    for column in 0..<data.columnCount {
      let values = (0..<data.rowCount).map { data[$0, column] }
      let median = RobustZScore.median(values)
      let deviations = values.map { abs($0 - median) }
      let mad = RobustZScore.median(deviations)
      var scale = madConsistency * mad
      if !(scale > 0) {
        scale = meanDeviationConsistency * (deviations.reduce(0, +) / Double(deviations.count))
      }
      guard scale > 0 else { throw .constantFeature(feature: data.columnNames[column]) }
      medians.append(median)
      scales.append(scale)
    }
    return try RobustZScore(
      featureNames: data.columnNames, medians: medians, scales: scales, combination: combination)
  }

  /// The median, averaging the two middle values for an even count (as numpy).
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    if sorted.count % 2 == 1 { return sorted[middle] }
    return (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The combined score for a raw feature vector, with no allocation; NaN for a wrong length.
  public func score(_ features: UnsafeBufferPointer<Double>) -> Double {
    guard features.count == medians.count else { return .nan }
    var total = 0.0
    for j in 0..<medians.count {
      let z = abs((features[j] - medians[j]) / scales[j])
      switch combination {
      case .maxAbs: total = z.isNaN ? .nan : max(total, z)
      case .meanAbs: total += z
      }
    }
    return combination == .meanAbs ? total / Double(medians.count) : total
  }

  /// The combined score for a raw feature vector.
  public func score(_ features: [Double]) -> Double {
    features.withUnsafeBufferPointer { score($0) }
  }

  /// The signed z-score of every feature, in feature order (for explanations).
  public func zScores(_ features: [Double]) -> [Double] {
    guard features.count == medians.count else { return [Double](repeating: .nan, count: medians.count) }
    return (0..<medians.count).map { (features[$0] - medians[$0]) / scales[$0] }
  }
}
