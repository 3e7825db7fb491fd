import Foundation

/// Student's t distribution with `degreesOfFreedom` (any positive real, as Welch's test needs).
///
/// Tail probabilities are `½·I_x(ν/2, ½)` with `x = ν/(ν + t²)` formed without cancellation, so
/// both tails keep full relative accuracy; quantiles solve `S(t) = q` by Newton's method on
/// `log S` against `log t` in the tails and on the central mass near zero.
public struct StudentT: Sendable, Hashable {
  /// The degrees of freedom ν > 0; `.infinity` gives the standard normal distribution.
  public let degreesOfFreedom: Double

  /// Creates the distribution; ν must be positive (not NaN).
  public init(degreesOfFreedom: Double) throws(StatisticsError) {
    guard degreesOfFreedom > 0 else {
      throw .invalidParameter(
        name: "degrees of freedom", value: degreesOfFreedom, expected: "a number above 0")
    }
    self.degreesOfFreedom = degreesOfFreedom
  }

  /// The density at `t`.
  public func density(_ t: Double) -> Double {
    guard degreesOfFreedom.isFinite else { return Normal.density(t) }
    return Foundation.exp(logDensity(t))
  }

  /// `P(T ≤ t)`.
  public func cdf(_ t: Double) -> Double {
    t < 0 ? tails(-t).upperTail : 1 - tails(t).upperTail
  }

  /// `P(T > t)`, accurate in the upper tail.
  public func survival(_ t: Double) -> Double {
    t < 0 ? 1 - tails(-t).upperTail : tails(t).upperTail
  }

  /// The `p`-quantile: `t` with `cdf(t) = p`; ∓∞ at 0 and 1, NaN outside `[0, 1]`.
  public func quantile(_ p: Double) -> Double {
    -inverseSurvival(p)
  }

  /// The upper `q`-quantile: `t` with `survival(t) = q`, accurate for tiny `q` (SciPy's `t.isf`).
  public func inverseSurvival(_ q: Double) -> Double {
    guard q > 0, q < 1 else { return q == 0 ? .infinity : q == 1 ? -.infinity : .nan }
    guard degreesOfFreedom.isFinite else { return Normal.inverseSurvival(q) }
    if q == 0.5 { return 0 }
    // 1 − q is exact for q ≥ ½.
    return q < 0.5 ? upperQuantile(q) : -upperQuantile(1 - q)
  }

  /// For `t ≥ 0`: the upper tail `P(T > t)` and the central mass `P(0 < T ≤ t)`, each computed
  /// directly where it is the small one.
  func tails(_ t: Double) -> (upperTail: Double, centralMass: Double) {
    if t.isNaN { return (.nan, .nan) }
    guard degreesOfFreedom.isFinite else { return (Normal.survival(t), 0.5 - Normal.survival(t)) }
    let nu = degreesOfFreedom
    let x: Double
    let y: Double
    let logX: Double
    let logY: Double
    if t * t < nu {
      let s = t * t / nu
      x = 1 / (1 + s)
      y = s / (1 + s)
      logX = -Foundation.log1p(s)
      logY = Foundation.log(s) - Foundation.log1p(s)
    } else {
      let r = nu / t / t
      x = r / (1 + r)
      y = 1 / (1 + r)
      logX = Foundation.log(nu) - 2 * Foundation.log(t) - Foundation.log1p(r)
      logY = -Foundation.log1p(r)
    }
    let beta = IncompleteBeta(a: nu / 2, b: 0.5, x: x, y: y, logX: logX, logY: logY)
    return (0.5 * beta.lower, 0.5 * beta.upper)
  }

  /// `log f(t)`, with `lgamma((ν+1)/2) − lgamma(ν/2)` free of cancellation for large ν.
  func logDensity(_ t: Double) -> Double {
    let nu = degreesOfFreedom
    let logRatio =
      nu / 2 >= 10
      ? GammaFunctions.logGammaIncrement(nu / 2, by: 0.5)
      : Foundation.lgamma((nu + 1) / 2) - Foundation.lgamma(nu / 2)
    let logKernel: Double
    if t * t < nu {
      logKernel = Foundation.log1p(t * t / nu)
    } else {
      logKernel = 2 * Foundation.log(Swift.abs(t)) - Foundation.log(nu) + Foundation.log1p(nu / t / t)
    }
    return logRatio - 0.5 * Foundation.log(nu * Double.pi) - (nu + 1) / 2 * logKernel
  }

  /// `t > 0` with `P(T > t) = q`, for `0 < q < ½`.
  func upperQuantile(_ q: Double) -> Double {
    let nu = degreesOfFreedom
    let z = Normal.inverseSurvival(q)
    // Cornish–Fisher near the normal, the power-law tail S(t) ≈ C·t^(−ν) far out; each overshoots
    // where the other is right, so start from the smaller.
    let cornishFisher = z + (z * z * z + z) / (4 * nu) + (((5 * z * z + 16) * z * z + 3) * z) / (96 * nu * nu)
    let logTailConstant =
      logDensity(1) + (nu + 1) / 2 * Foundation.log1p(1 / nu) + (nu - 1) / 2 * Foundation.log(nu)
    let powerLaw = Foundation.exp((logTailConstant - Foundation.log(q)) / nu)
    let start = Swift.max(Swift.min(cornishFisher, powerLaw), .leastNormalMagnitude)
    if q >= 0.25 { return centralQuantile(q, start: Swift.min(start, 1)) }
    return tailQuantile(q, start: start)
  }

  /// Newton's method on `log S(eᵘ) = log q` in `u = log t`; the function is concave and decreasing,
  /// so after one step the iterates approach the root from one side.
  func tailQuantile(_ q: Double, start: Double) -> Double {
    let logQ = Foundation.log(q)
    var u = Foundation.log(start)
    var lastFinite = u
    var converged = false
    for _ in 0..<200 {
      let t = Foundation.exp(u)
      let tail = tails(t).upperTail
      guard tail > 0, t.isFinite else {
        // Past what a double holds: come back halfway to the last point that was not.
        u = u == lastFinite ? u - Swift.max(1, Swift.abs(u) / 2) : 0.5 * (u + lastFinite)
        continue
      }
      lastFinite = u
      let logTail = Foundation.log(tail)
      // d log S / du = −t·f(t)/S(t), formed in logarithms: f(t) underflows long before S(t) does.
      let slope = -Foundation.exp(u + logDensity(t) - logTail)
      let step = -(logTail - logQ) / slope
      u += step
      if converged { break }
      if Swift.abs(step) < 1e-10 { converged = true }
    }
    return Foundation.exp(u)
  }

  /// Newton's method on the central mass `P(0 < T ≤ t) = ½ − q`, for `¼ ≤ q < ½` (t is small, so
  /// the tail itself would lose digits to `½ − …`).
  func centralQuantile(_ q: Double, start: Double) -> Double {
    let target = 0.5 - q
    var t = start
    var converged = false
    for _ in 0..<100 {
      let step = (tails(t).centralMass - target) / density(t)
      t = Swift.max(t - step, t / 8)
      if converged { break }
      if Swift.abs(step) < 1e-10 * t { converged = true }
    }
    return t
  }
}
