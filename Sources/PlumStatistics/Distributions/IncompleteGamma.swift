import Foundation

/// The regularized incomplete gamma functions `P(a, x)` and `Q(a, x) = 1 − P(a, x)`.
///
/// Below `x = a + 1` the power series gives `P` directly; above it the continued fraction (modified
/// Lentz) gives `Q` directly, so the smaller side keeps full relative accuracy in either tail. The
/// common factor `xᵃe⁻ˣ/Γ(a)` is formed through Stirling's series for `a ≥ 10`, where the plain
/// exponent `a·log x − x − lgamma(a)` would cancel.
struct IncompleteGamma {
  /// `P(a, x)`, the lower regularized incomplete gamma function.
  let lower: Double
  /// `Q(a, x)`, the upper regularized incomplete gamma function.
  let upper: Double

  /// Evaluates both at shape `a > 0` and `x ≥ 0`.
  init(a: Double, x: Double) {
    if x <= 0 {
      (lower, upper) = (0, 1)
      return
    }
    if x == .infinity {
      (lower, upper) = (1, 0)
      return
    }
    let prefix = Self.prefix(a: a, x: x)
    if x < a + 1 {
      let direct = prefix * Self.series(a: a, x: x)
      (lower, upper) = (direct, 1 - direct)
    } else {
      let direct = prefix * Self.continuedFraction(a: a, x: x)
      (lower, upper) = (1 - direct, direct)
    }
  }

  /// `xᵃe⁻ˣ / Γ(a)`.
  static func prefix(a: Double, x: Double) -> Double {
    if a < 10 {
      return Foundation.exp(a * Foundation.log(x) - x - Foundation.lgamma(a))
    }
    // a·log x − x − lgamma(a) = a·(log(1 + y) − y) + ½·log(a / 2π) − remainder(a), y = (x − a)/a;
    // log(1 + y) is log(x/a) itself away from y = 0, where 1 + y would drop digits of x.
    let y = (x - a) / a
    let scaled =
      Swift.abs(y) < 0.25 ? a * GammaFunctions.logOnePlusMinus(y) : a * Foundation.log(x / a) - (x - a)
    return Foundation.exp(
      scaled + 0.5 * Foundation.log(a) - GammaFunctions.halfLogTwoPi - GammaFunctions.stirlingRemainder(a))
  }

  /// `Σ xⁿ / (a(a + 1)…(a + n))`, so that `P = prefix · series`.
  static func series(a: Double, x: Double) -> Double {
    var denominator = a
    var term = 1 / a
    var sum = term
    for _ in 0..<100_000 {
      denominator += 1
      term *= x / denominator
      sum += term
      if Swift.abs(term) <= Swift.abs(sum) * 1e-17 { break }
    }
    return sum
  }

  /// The continued fraction for `Q / prefix`, by the modified Lentz method.
  static func continuedFraction(a: Double, x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var result = d
    var i = 1.0
    while i < 100_000 {
      let numerator = -i * (i - a)
      b += 2
      d = numerator * d + b
      if Swift.abs(d) < tiny { d = tiny }
      c = b + numerator / c
      if Swift.abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      result *= delta
      if Swift.abs(delta - 1) <= 3e-16 { break }
      i += 1
    }
    return result
  }
}
