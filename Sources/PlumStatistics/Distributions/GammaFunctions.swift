import Foundation

/// Logarithms of the gamma and beta functions, written so that large arguments lose no digits.
///
/// `lgamma` alone is exact to an ulp, but differences of large values (`lgamma(a + b) - lgamma(a)`
/// for `a` = 500,000) cancel almost every digit; Stirling's series keeps the small parts apart.
enum GammaFunctions {
  /// `½·log(2π)`.
  static let halfLogTwoPi = 0.9189385332046728

  /// The remainder of Stirling's series, `lgamma(z) − ((z − ½)·log z − z + ½·log 2π)`, for `z ≥ 10`.
  static func stirlingRemainder(_ z: Double) -> Double {
    let inverse = 1 / z
    let square = inverse * inverse
    // Bernoulli coefficients B(2k) / (2k(2k − 1)), Horner in 1/z².
    let series =
      1.0 / 12 + square
      * (-1.0 / 360 + square
        * (1.0 / 1260 + square
          * (-1.0 / 1680 + square
            * (1.0 / 1188 + square * (-691.0 / 360_360 + square * (1.0 / 156 + square * (-3617.0 / 122_400)))))))
    return series * inverse
  }

  /// `lgamma(a + b) − lgamma(a)` for `a ≥ 10` and `b > 0`, without cancellation.
  static func logGammaIncrement(_ a: Double, by b: Double) -> Double {
    (a - 0.5) * Foundation.log1p(b / a) + b * Foundation.log(a + b) - b + stirlingRemainder(a + b)
      - stirlingRemainder(a)
  }

  /// `log B(a, b) = lgamma(a) + lgamma(b) − lgamma(a + b)`.
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    let small = Swift.min(a, b)
    let large = Swift.max(a, b)
    if large < 10 {
      return Foundation.lgamma(a) + Foundation.lgamma(b) - Foundation.lgamma(a + b)
    }
    if small < 10 {
      return Foundation.lgamma(small) - logGammaIncrement(large, by: small)
    }
    let sum = a + b
    return halfLogTwoPi - 0.5 * Foundation.log(sum) + (a - 0.5) * Foundation.log(a / sum)
      + (b - 0.5) * Foundation.log(b / sum) + stirlingRemainder(a) + stirlingRemainder(b)
      - stirlingRemainder(sum)
  }

  /// `log(1 + y) − y`, accurate also for small `y` where the two terms cancel.
  static func logOnePlusMinus(_ y: Double) -> Double {
    guard Swift.abs(y) < 0.25 else { return Foundation.log1p(y) - y }
    // −y²/2 + y³/3 − y⁴/4 + …
    var term = -y * y
    var sum = 0.0
    var k = 2.0
    while true {
      let next = term / k
      sum += next
      if Swift.abs(next) <= Swift.abs(sum) * 1e-17 { break }
      term *= -y
      k += 1
    }
    return sum
  }
}
