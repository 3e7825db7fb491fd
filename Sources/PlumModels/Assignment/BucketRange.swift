/// A half-open interval `[start, end)` of hash buckets that puts a unit in one arm.
public struct BucketRange: Sendable, Equatable {
  /// The first bucket in the range.
  public var start: Double
  /// The end of the range, excluded.
  public var end: Double

  /// Creates the range `[start, end)`.
  public init(start: Double, end: Double) {
    self.start = start
    self.end = end
  }

  /// Whether `bucket` lies in `[start, end)`.
  public func contains(_ bucket: Double) -> Bool {
    bucket >= start && bucket < end
  }
}

/// Bucket ranges from arm weights and coverage, as GrowthBook's `getBucketRanges` builds them.
public enum BucketRanges {
  /// `count` equal weights summing to 1; empty when `count` is not positive.
  public static func equalWeights(_ count: Int) -> [Double] {
    count <= 0 ? [] : [Double](repeating: 1 / Double(count), count: count)
  }

  /// One range per arm: arm `i` starts where the weights before it add up to and spans
  /// `coverage × weight[i]`, so lowering coverage shrinks every range from its end and a unit never
  /// changes arm when coverage grows.
  ///
  /// Like GrowthBook: coverage is clamped to `[0, 1]`; weights that are missing, of the wrong length
  /// or whose sum is outside `[0.99, 1.01]` are replaced by equal weights.
  public static func make(arms: Int, coverage: Double = 1, weights: [Double]? = nil) -> [BucketRange] {
    let clamped = coverage < 0 ? 0 : (coverage > 1 ? 1 : coverage)
    let equal = equalWeights(arms)
    var chosen = weights ?? equal
    if chosen.count != arms { chosen = equal }
    let total = chosen.reduce(0, +)
    if !(total >= 0.99 && total <= 1.01) { chosen = equal }
    var cumulative = 0.0
    return chosen.map { weight in
      let start = cumulative
      cumulative += weight
      return BucketRange(start: start, end: start + clamped * weight)
    }
  }

  /// The index of the first range holding `bucket`, or `nil` when none does (GrowthBook's -1).
  public static func chooseArm(bucket: Double, ranges: [BucketRange]) -> Int? {
    ranges.firstIndex { $0.contains(bucket) }
  }
}
