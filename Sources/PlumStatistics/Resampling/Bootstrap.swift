import PlumModels

/// A percentile bootstrap interval, deterministic given its seed.
///
/// Each of `resamples` replicates draws `n` indices uniformly with replacement from SplitMix64
/// seeded with `seed` (`nextInt(below:)`, Lemire's unbiased method), recomputes the statistic on
/// them, and the bounds are NumPy-linear percentiles of the replicates at `α/2` and `1 − α/2` — the
/// procedure obp's `estimate_confidence_interval_by_bootstrap` follows, with another generator, so
/// the draws (and so the bounds, to Monte Carlo error) differ from obp's.
public struct BootstrapInterval: Sendable, Hashable {
  /// The statistic on the original sample.
  public let estimate: Double
  /// The mean of the replicates (obp reports it as the interval's "mean").
  public let replicateMean: Double
  /// The percentile interval.
  public let interval: ConfidenceInterval

  /// Bootstraps `statistic`, a function of a multiset of indices into a sample of `count` records.
  public init(
    count: Int, resamples: Int = 10_000, confidence: Double = 0.95, seed: UInt64,
    statistic: ([Int]) throws(StatisticsError) -> Double
  ) throws(StatisticsError) {
    try ConfidenceInterval.validate(confidence: confidence)
    guard count > 0 else { throw .tooFewRecords(name: "sample", count: count, needed: 1) }
    guard resamples > 0 else {
      throw .invalidParameter(name: "resamples", value: Double(resamples), expected: "at least 1")
    }
    estimate = try statistic(Array(0..<count))
    var generator = SplitMix64(seed: seed)
    var replicates: [Double] = []
    replicates.reserveCapacity(resamples)
    var indices = [Int](repeating: 0, count: count)
    for _ in 0..<resamples {
      for slot in 0..<count { indices[slot] = generator.nextInt(below: count) }
      replicates.append(try statistic(indices))
    }
    replicateMean = replicates.reduce(0, +) / Double(resamples)
    replicates.sort()
    let alpha = 1 - confidence
    interval = ConfidenceInterval(
      lower: Quantile.linear(sorted: replicates, alpha / 2),
      upper: Quantile.linear(sorted: replicates, 1 - alpha / 2))
  }
}

extension OffPolicyEstimator {
  /// The estimate with a percentile bootstrap interval over resampled rounds (`BootstrapInterval`).
  ///
  /// Rounds are resampled and the estimator recomputed on each resample; for IPW, DM and DR that is
  /// the mean of resampled per-round terms, exactly obp's scheme; for SNIPW the normalising sum is
  /// recomputed per resample, where obp resamples terms normalised once on the full sample.
  public func bootstrap(
    _ feedback: LoggedFeedback, resamples: Int = 10_000, confidence: Double = 0.95, seed: UInt64
  ) throws(StatisticsError) -> BootstrapInterval {
    let terms = try RoundTerms(self, feedback)
    return try BootstrapInterval(
      count: feedback.roundCount, resamples: resamples, confidence: confidence, seed: seed
    ) { rounds throws(StatisticsError) in try terms.estimate(over: rounds) }
  }
}
