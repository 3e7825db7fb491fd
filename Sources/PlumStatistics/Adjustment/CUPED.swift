/// CUPED (controlled experiments using pre-experiment data): a metric adjusted by a pre-period
/// covariate, `y′ᵢ = yᵢ − θ(xᵢ − x̄)` with `θ = cov(y, x)/var(x)` estimated on the pooled data of
/// every arm, so the adjustment is the same for all arms and the means stay unbiased.
public struct CUPEDAdjustment: Sendable, Hashable {
  /// `θ = cov(y, x) / var(x)` on the pooled records.
  public let theta: Double
  /// The pooled covariate mean `x̄`.
  public let covariateMean: Double
  /// The adjusted metric, one value per record in input order.
  public let adjusted: [Double]
  /// `1 − var(y′)/var(y)`: the share of the metric's variance removed (the squared correlation).
  public let varianceReduction: Double

  /// Adjusts `metric` by `covariate` (same length, at least two records, a covariate that varies).
  public init(metric: [Double], covariate: [Double]) throws(StatisticsError) {
    guard metric.count == covariate.count else {
      throw .lengthMismatch(
        first: "metric", firstCount: metric.count, second: "covariate", secondCount: covariate.count)
    }
    let y = SampleSummary(metric)
    let x = SampleSummary(covariate)
    try y.require(2, name: "metric")
    guard x.sumOfSquares > 0 else { throw .undefined("the covariate is constant, so θ is undefined") }
    var crossProducts = 0.0
    for (yi, xi) in zip(metric, covariate) { crossProducts += (yi - y.mean) * (xi - x.mean) }
    let theta = crossProducts / x.sumOfSquares
    self.theta = theta
    covariateMean = x.mean
    let adjusted = zip(metric, covariate).map { $0 - theta * ($1 - x.mean) }
    self.adjusted = adjusted
    let adjustedSummary = SampleSummary(adjusted)
    varianceReduction = y.sumOfSquares > 0 ? 1 - adjustedSummary.sumOfSquares / y.sumOfSquares : 0
  }
}
