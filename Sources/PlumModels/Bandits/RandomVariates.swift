import Foundation

/// Normal, gamma and beta variates drawn from a `UniformRandomSource`, each by a fixed recipe so
/// the same uniforms always give the same variate.
enum RandomVariates {
  /// A standard normal variate by the Box–Muller transform (two uniforms, the cosine branch).
  static func normal<R: UniformRandomSource>(_ random: inout R) -> Double {
    let u1 = 1 - random.nextUniform()  // in (0, 1], so the logarithm is finite
    let u2 = random.nextUniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A Gamma(`shape`, 1) variate by Marsaglia and Tsang's method; shapes below 1 use the boost
  /// `Gamma(a) = Gamma(a + 1) · U^(1/a)`. `shape` must be positive.
  static func gamma<R: UniformRandomSource>(shape: Double, _ random: inout R) -> Double {
    if shape < 1 {
      let boosted = gamma(shape: shape + 1, &random)
      let u = 1 - random.nextUniform()
      return boosted * pow(u, 1 / shape)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = normal(&random)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = 1 - random.nextUniform()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// A Beta(`a`, `b`) variate as `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`.
  static func beta<R: UniformRandomSource>(_ a: Double, _ b: Double, _ random: inout R) -> Double {
    let x = gamma(shape: a, &random)
    let y = gamma(shape: b, &random)
    let sum = x + y
    return sum > 0 ? x / sum : 0.5
  }
}
