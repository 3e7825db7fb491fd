import Foundation

/// The relative lift of a treatment over a control, `m_t/m_c − 1`, with a confidence interval.
///
/// Two methods: the delta method on the ratio itself, for any metric (the first-order variance of
/// a ratio of independent means, as GrowthBook's frequentist engine states it), and the delta
/// method on the log of the ratio, for proportions, as statsmodels' `confint_proportions_2indep(
/// compare='ratio', method='log')`.
public struct RelativeLift: Sendable, Hashable {
  /// `m_t / m_c − 1`.
  public let lift: Double
  /// The standard error of the lift (delta method; for the log method, of `log(m_t/m_c)`).
  public let standardError: Double
  /// The interval for the lift.
  public let interval: ConfidenceInterval

  /// The delta method for two sample means: `Var(m_t/m_c) ≈ Var(m_t)/m_c² + m_t²·Var(m_c)/m_c⁴`,
  /// with `Var(m) = s²/n` (s² with divisor n − 1); the interval is `lift ± z·se`.
  public init(treatment: [Double], control: [Double], confidence: Double = 0.95) throws(StatisticsError) {
    let t = SampleSummary(treatment)
    let c = SampleSummary(control)
    try t.require(2, name: "treatment")
    try c.require(2, name: "control")
    try self.init(
      treatmentMean: t.mean, treatmentVarianceOfMean: t.varianceOfMean, controlMean: c.mean,
      controlVarianceOfMean: c.varianceOfMean, confidence: confidence)
  }

  /// The delta method from the two means and the variances of those means.
  public init(
    treatmentMean: Double, treatmentVarianceOfMean: Double, controlMean: Double,
    controlVarianceOfMean: Double,
    confidence: Double = 0.95
  ) throws(StatisticsError) {
    guard controlMean != 0 else { throw .undefined("the control mean is 0, so a relative lift is undefined") }
    let z = try ConfidenceInterval.normalCritical(confidence: confidence)
    let c2 = controlMean * controlMean
    let variance =
      treatmentVarianceOfMean / c2 + treatmentMean * treatmentMean * controlVarianceOfMean / (c2 * c2)
    lift = treatmentMean / controlMean - 1
    standardError = variance.squareRoot()
    interval = ConfidenceInterval(lower: lift - z * standardError, upper: lift + z * standardError)
  }

  /// The log method for two proportions: `Var(log(p_t/p_c)) ≈ 1/x_t − 1/n_t + 1/x_c − 1/n_c`, the
  /// interval `exp(log(p_t/p_c) ± z·se) − 1`; both proportions must be above 0.
  public static func ofProportions(
    successesTreatment: Int, trialsTreatment: Int, successesControl: Int, trialsControl: Int,
    confidence: Double = 0.95
  ) throws(StatisticsError) -> Self {
    try ProportionsZTest.validate(successes: successesTreatment, trials: trialsTreatment)
    try ProportionsZTest.validate(successes: successesControl, trials: trialsControl)
    guard successesTreatment > 0, successesControl > 0 else {
      throw .undefined("a group has no successes, so the log of the ratio is undefined")
    }
    let z = try ConfidenceInterval.normalCritical(confidence: confidence)
    let ratio =
      (Double(successesTreatment) / Double(trialsTreatment))
      / (Double(successesControl) / Double(trialsControl))
    let variance =
      1 / Double(successesTreatment) - 1 / Double(trialsTreatment) + 1 / Double(successesControl)
      - 1 / Double(trialsControl)
    let se = variance.squareRoot()
    let logRatio = Foundation.log(ratio)
    return Self(
      lift: ratio - 1, standardError: se,
      interval: ConfidenceInterval(
        lower: Foundation.exp(logRatio - z * se) - 1, upper: Foundation.exp(logRatio + z * se) - 1))
  }

  private init(lift: Double, standardError: Double, interval: ConfidenceInterval) {
    self.lift = lift
    self.standardError = standardError
    self.interval = interval
  }
}
