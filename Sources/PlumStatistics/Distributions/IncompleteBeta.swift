import Foundation

/// The regularized incomplete beta function `I_x(a, b)` and its complement `1 − I_x(a, b)`.
///
/// The continued fraction (modified Lentz) is evaluated in whichever of `I_x(a, b)` or
/// `I_y(b, a)` (`y = 1 − x`) converges, so the side computed directly keeps full relative accuracy
/// however small it is; the other side is one minus it. Callers pass `x` and `y` (and their
/// logarithms) separately so that neither is formed by a subtraction that loses digits.
struct IncompleteBeta {
  /// `I_x(a, b)`.
  let lower: Double
  /// `1 − I_x(a, b) = I_y(b, a)`.
  let upper: Double

  /// Evaluates both sides at `x`, with `y = 1 − x`, `logX = log x` and `logY = log y` given exactly.
  init(a: Double, b: Double, x: Double, y: Double, logX: Double, logY: Double) {
    // The logarithms decide: x itself may underflow where x^a·y^b/B(a, b) still does not.
    if logX == -.infinity {
      (lower, upper) = (0, 1)
      return
    }
    if logY == -.infinity {
      (lower, upper) = (1, 0)
      return
    }
    let logPrefix = a * logX + b * logY - GammaFunctions.logBeta(a, b)
    let prefix = Foundation.exp(logPrefix)
    if x < (a + 1) / (a + b + 2) {
      let direct = prefix * Self.continuedFraction(a: a, b: b, x: x) / a
      (lower, upper) = (direct, 1 - direct)
    } else {
      let direct = prefix * Self.continuedFraction(a: b, b: a, x: y) / b
      (lower, upper) = (1 - direct, direct)
    }
  }

  /// The continued fraction for `I_x(a, b)·a·B(a, b) / (xᵃ(1 − x)ᵇ)`, by the modified Lentz method.
  static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
    let tiny = 1e-300
    let sum = a + b
    var c = 1.0
    var d = 1 - sum * x / (a + 1)
    if Swift.abs(d) < tiny { d = tiny }
    d = 1 / d
    var result = d
    var m = 1.0
    while m < 100_000 {
      let twiceM = 2 * m
      // Even step.
      var numerator = m * (b - m) * x / ((a - 1 + twiceM) * (a + twiceM))
      d = 1 + numerator * d
      if Swift.abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if Swift.abs(c) < tiny { c = tiny }
      d = 1 / d
      result *= d * c
      // Odd step.
      numerator = -(a + m) * (sum + m) * x / ((a + twiceM) * (a + 1 + twiceM))
      d = 1 + numerator * d
      if Swift.abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if Swift.abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      result *= delta
      if Swift.abs(delta - 1) <= 3e-16 { break }
      m += 1
    }
    return result
  }
}
