/// Per-feature centring and scaling, `z = (x − mean) / scale`, learned from training data.
///
/// The scale is the population standard deviation (divisor n), as scikit-learn's `StandardScaler`.
public struct Standardization: Sendable, Equatable {
  /// The mean of each feature.
  public let means: [Double]
  /// The scale (population standard deviation) of each feature; never zero.
  public let scales: [Double]

  /// Creates a standardisation from stored means and scales.
  /// - Throws: `ModelError.shapeMismatch` on different lengths, `.invalidOption` on a scale that is
  ///   not positive and finite or a mean that is not finite.
  public init(means: [Double], scales: [Double]) throws(ModelError) {
    guard means.count == scales.count else {
      throw .shapeMismatch(what: "standardisation scales", expected: means.count, actual: scales.count)
    }
    guard means.allSatisfy(\.isFinite) else {
      throw .invalidOption(name: "means", reason: "every mean must be finite")
    }
    guard scales.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw .invalidOption(name: "scales", reason: "every scale must be positive and finite")
    }
    self.means = means
    self.scales = scales
  }

  /// Learns means and population standard deviations from `data` (two passes, for accuracy).
  /// - Throws: `ModelError.constantFeature` when a column's standard deviation is zero, `.overflow`
  ///   when a column's values are too large for its mean or deviation to be computed.
  public static func fit(_ data: FeatureMatrix) throws(ModelError) -> Standardization {
    let width = data.columnCount
    var means = [Double](repeating: 0, count: width)
    var squares = [Double](repeating: 0, count: width)
    data.values.withUnsafeBufferPointer { values in
      for row in 0..<data.rowCount {
        let base = row * width
        for column in 0..<width { means[column] += values[base + column] }
      }
      let count = Double(data.rowCount)
      for column in 0..<width { means[column] /= count }
      for row in 0..<data.rowCount {
        let base = row * width
        for column in 0..<width {
          let deviation = values[base + column] - means[column]
          squares[column] += deviation * deviation
        }
      }
    }
    var scales = squares
    for column in 0..<width {
      scales[column] = (squares[column] / Double(data.rowCount)).squareRoot()
      if !(scales[column] > 0) { throw .constantFeature(feature: data.columnNames[column]) }
      if !scales[column].isFinite || !means[column].isFinite { throw .overflow }
    }
    return try Standardization(means: means, scales: scales)
  }
}
