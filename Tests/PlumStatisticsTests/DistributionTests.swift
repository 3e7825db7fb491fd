import Foundation
import Testing

@testable import PlumStatistics

/// The distributions against SciPy and 50-digit mpmath (`scripts/fixtures/distributions.py`).
@Suite struct DistributionTests {
  /// Relative tolerance against both references.
  static let tolerance = 1e-12
  /// Student t beyond 10⁵ degrees of freedom: the continued fraction runs at x ≈ 1 − t²/ν, where
  /// the rounding of x costs digits (docs/statistics.md).
  static let largeDegreesTolerance = 1e-10

  /// Compares `actual` with a fixture point: with mpmath's exact value wherever that is a normal
  /// double, and with SciPy's where SciPy itself agrees with mpmath.
  static func check(
    _ actual: Double, _ point: Fixture, _ label: String, tolerance: Double = tolerance
  ) throws {
    let exact = try point["exact"].number
    if exact == 0 || Swift.abs(exact) >= Double.leastNormalMagnitude {
      let error = relativeError(actual, exact)
      #expect(error <= tolerance, "\(label): \(actual) vs mpmath \(exact)")
    }
    if try point["scipy_exact"].bool, let scipy = try point["scipy"].optionalNumber {
      #expect(relativeError(actual, scipy) <= tolerance, "\(label): \(actual) vs SciPy \(scipy)")
    }
  }

  @Test func normalDistributionFunction() throws {
    let points = try Fixture("distributions.json")["normal_cdf"].elements
    #expect(points.count > 20)
    for point in points {
      let x = try point["x"].number
      try Self.check(Normal.cdf(x), point["cdf"], "cdf(\(x))")
      try Self.check(Normal.survival(x), point["sf"], "sf(\(x))")
    }
  }

  @Test func normalQuantiles() throws {
    let points = try Fixture("distributions.json")["normal_quantile"].elements
    #expect(points.count > 20)
    for point in points {
      let p = try point["p"].number
      try Self.check(Normal.quantile(p), point["quantile"], "ppf(\(p))")
      try Self.check(Normal.inverseSurvival(p), point["inverse_sf"], "isf(\(p))")
    }
  }

  @Test func studentDistributionFunction() throws {
    let points = try Fixture("distributions.json")["t_cdf"].elements
    #expect(points.count > 100)
    for point in points {
      let t = try point["t"].number
      let distribution = try StudentT(degreesOfFreedom: point["df"].number)
      let label = "t=\(t) df=\(distribution.degreesOfFreedom)"
      let tolerance = distribution.degreesOfFreedom > 1e5 ? Self.largeDegreesTolerance : Self.tolerance
      try Self.check(distribution.cdf(t), point["cdf"], "cdf \(label)", tolerance: tolerance)
      try Self.check(distribution.survival(t), point["sf"], "sf \(label)", tolerance: tolerance)
    }
  }

  @Test func studentQuantiles() throws {
    let points = try Fixture("distributions.json")["t_quantile"].elements
    #expect(points.count > 200)
    for point in points {
      let p = try point["p"].number
      let distribution = try StudentT(degreesOfFreedom: point["df"].number)
      let label = "p=\(p) df=\(distribution.degreesOfFreedom)"
      let tolerance = distribution.degreesOfFreedom > 1e5 ? Self.largeDegreesTolerance : Self.tolerance
      try Self.check(
        distribution.inverseSurvival(p), point["inverse_sf"], "isf \(label)", tolerance: tolerance)
      try Self.check(distribution.quantile(p), point["quantile"], "ppf \(label)", tolerance: tolerance)
    }
  }

  @Test func chiSquareTails() throws {
    let points = try Fixture("distributions.json")["chi2"].elements
    #expect(points.count > 100)
    for point in points {
      let x = try point["x"].number
      let distribution = try ChiSquare(degreesOfFreedom: point["df"].number)
      let label = "x=\(x) df=\(distribution.degreesOfFreedom)"
      try Self.check(distribution.survival(x), point["sf"], "sf \(label)")
      try Self.check(distribution.cdf(x), point["cdf"], "cdf \(label)")
    }
  }

  @Test func closedFormsAgree() throws {
    // Cauchy (ν = 1): F(t) = ½ + atan(t)/π; ν = 2: F(t) = ½ + t / (2√(2 + t²)).
    let cauchy = try StudentT(degreesOfFreedom: 1)
    let two = try StudentT(degreesOfFreedom: 2)
    for t in [-3.0, -0.4, 0.0, 0.9, 5.5] {
      #expect(relativeError(cauchy.cdf(t), 0.5 + atan(t) / Double.pi) <= 1e-14)
      #expect(relativeError(two.cdf(t), 0.5 + t / (2 * (2 + t * t).squareRoot())) <= 1e-14)
    }
    // Chi-square with 2 degrees of freedom is exponential: survival e^(−x/2).
    let exponential = try ChiSquare(degreesOfFreedom: 2)
    for x in [0.01, 1.0, 17.0, 900.0] {
      #expect(relativeError(exponential.survival(x), exp(-x / 2)) <= 1e-13)
    }
  }

  @Test(arguments: [0.0, -1.0, Double.nan])
  func rejectsDegreesOfFreedom(_ value: Double) {
    #expect(throws: StatisticsError.self) { try StudentT(degreesOfFreedom: value) }
    #expect(throws: StatisticsError.self) { try ChiSquare(degreesOfFreedom: value) }
  }

  @Test func quantilesAtTheEnds() throws {
    #expect(Normal.quantile(0) == -.infinity)
    #expect(Normal.quantile(1) == .infinity)
    #expect(Normal.quantile(1.5).isNaN)
    let t = try StudentT(degreesOfFreedom: 4)
    #expect(t.quantile(0) == -.infinity)
    #expect(t.inverseSurvival(0) == .infinity)
    #expect(t.quantile(0.5) == 0)
  }
}
