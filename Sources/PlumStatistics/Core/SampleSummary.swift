/// The count, mean and variance of a sample, computed in two passes so that no digits are lost to
/// a large mean.
public struct SampleSummary: Sendable, Hashable {
  /// The number of values.
  public let count: Int
  /// The arithmetic mean.
  public let mean: Double
  /// The sum of squared deviations from the mean.
  public let sumOfSquares: Double

  /// Summarises `values`; an empty sample has mean NaN.
  public init(_ values: [Double]) {
    count = values.count
    let mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    self.mean = mean
    sumOfSquares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
  }

  /// The unbiased sample variance (divisor `count − 1`, NumPy's `ddof=1`).
  public var variance: Double {
    sumOfSquares / Double(count - 1)
  }

  /// The variance of the mean, `variance / count`.
  public var varianceOfMean: Double {
    variance / Double(count)
  }

  /// Throws unless the sample has at least `needed` values.
  func require(_ needed: Int, name: String) throws(StatisticsError) {
    guard count >= needed else { throw .tooFewRecords(name: name, count: count, needed: needed) }
  }
}
