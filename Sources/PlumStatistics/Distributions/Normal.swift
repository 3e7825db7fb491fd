import Foundation

/// The standard normal distribution: density, distribution function, survival function and quantiles.
///
/// The distribution function is `½·erfc(−x/√2)` with the rounding of `x/√2` corrected to first
/// order, so the lower tail keeps full relative accuracy down to the smallest normal double
/// (`x ≈ −37.5`). Quantiles start from Abramowitz & Stegun 26.2.23 and take three Halley steps on
/// that distribution function.
public enum Normal {
  /// `1/√2` rounded to a double, and the part of `1/√2` that rounding dropped.
  static let inverseRootTwo = 0.7071067811865476
  static let inverseRootTwoLow = -4.8336466567264565e-17
  /// `1/√(2π)`.
  static let inverseRootTwoPi = 0.3989422804014327

  /// The density `e^(−x²/2)/√(2π)`.
  public static func density(_ x: Double) -> Double {
    inverseRootTwoPi * Foundation.exp(-0.5 * x * x)
  }

  /// `P(Z ≤ x)`.
  public static func cdf(_ x: Double) -> Double {
    halfErfc(-x)
  }

  /// `P(Z > x)`, accurate in the upper tail where `1 − cdf(x)` would round to zero.
  public static func survival(_ x: Double) -> Double {
    halfErfc(x)
  }

  /// The `p`-quantile: `x` with `cdf(x) = p`; −∞ at 0, +∞ at 1 and NaN outside `[0, 1]`.
  public static func quantile(_ p: Double) -> Double {
    guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
    if p == 0.5 { return 0 }
    return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p)
  }

  /// The upper `q`-quantile: `x` with `survival(x) = q`, accurate for tiny `q` (SciPy's `norm.isf`).
  public static func inverseSurvival(_ q: Double) -> Double {
    -quantile(q)
  }

  /// `½·erfc(x/√2)` with the rounding error of `x/√2` put back: erfc(z + δ) ≈ erfc(z)·(1 − k·δ).
  static func halfErfc(_ x: Double) -> Double {
    guard x.isFinite else { return x.isNaN ? .nan : x > 0 ? 0 : 1 }
    let z = x * inverseRootTwo
    let delta = (-z).addingProduct(x, inverseRootTwo) + x * inverseRootTwoLow
    let value = 0.5 * Foundation.erfc(z)
    guard value > 0 else { return 0 }
    return value * (1 - erfcLogSlope(z) * delta)
  }

  /// `k(z) = −d log erfc(z)/dz = 2e^(−z²)/(√π·erfc z)`, needed only to a few digits.
  static func erfcLogSlope(_ z: Double) -> Double {
    if z > 5 { return 2 * z + 1 / z }
    if z < -5 { return 0 }
    return 2 * inverseRootTwoPi * Foundation.sqrt(2) * Foundation.exp(-z * z) / Foundation.erfc(z)
  }

  /// The quantile for `0 < p < ½`.
  static func lowerQuantile(_ p: Double) -> Double {
    let t = Foundation.sqrt(-2 * Foundation.log(p))
    var x =
      -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))))
    for _ in 0..<3 {
      // Near the centre cdf(x) − p cancels; ½·erf(x/√2) + (½ − p) does not (½ − p is exact there).
      let residual = p > 0.25 ? 0.5 * Foundation.erf(x * inverseRootTwo) + (0.5 - p) : cdf(x) - p
      let step = residual / density(x)
      x -= step / (1 + 0.5 * x * step)
    }
    return x
  }
}
