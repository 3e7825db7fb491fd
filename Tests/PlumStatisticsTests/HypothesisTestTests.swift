import Testing

@testable import PlumStatistics

/// The tests and intervals against statsmodels and SciPy (`scripts/fixtures/hypothesis_tests.py`),
/// within 1e-9 relative.
@Suite struct HypothesisTestTests {
  static let alternatives: [(String, Alternative)] = [
    ("two-sided", .twoSided), ("larger", .larger), ("smaller", .smaller),
  ]

  @Test func proportionsZTestMatchesStatsmodels() throws {
    let cases = try Fixture("hypothesis_tests.json")["proportions"].elements
    #expect(cases.count == 5)
    for item in cases {
      let (x1, n1, x2, n2) = try (
        item["successes1"].integer, item["trials1"].integer, item["successes2"].integer,
        item["trials2"].integer
      )
      for (name, alternative) in Self.alternatives {
        let expected = try item["z_tests"][name]
        let result = try ProportionsZTest.twoSample(
          successes1: x1, trials1: n1, successes2: x2, trials2: n2, alternative: alternative)
        #expect(try matches(result.statistic, expected["statistic"].number), "z \(x1)/\(n1) \(name)")
        #expect(try matches(result.pValue, expected["p_value"].number), "p \(x1)/\(n1) \(name)")
      }
      let shifted = try item["shifted_z_test"]
      let moved = try ProportionsZTest.twoSample(
        successes1: x1, trials1: n1, successes2: x2, trials2: n2, difference: shifted["difference"].number)
      #expect(try matches(moved.statistic, shifted["statistic"].number))
      #expect(try matches(moved.pValue, shifted["p_value"].number))
      if let one = try? item["one_sample"] {
        let result = try ProportionsZTest.oneSample(successes: x1, trials: n1, value: one["value"].number)
        #expect(try matches(result.statistic, one["statistic"].number))
        #expect(try matches(result.pValue, one["p_value"].number))
      }
    }
  }

  @Test func proportionIntervalsMatchStatsmodels() throws {
    for item in try Fixture("hypothesis_tests.json")["proportions"].elements {
      let (x1, n1, x2, n2) = try (
        item["successes1"].integer, item["trials1"].integer, item["successes2"].integer,
        item["trials2"].integer
      )
      for confidence in [0.95, 0.99] {
        let wilson = try ConfidenceInterval.wilson(successes: x1, trials: n1, confidence: confidence)
        let wald = try ConfidenceInterval.wald(successes: x1, trials: n1, confidence: confidence)
        let expectedWilson = try item["intervals"]["wilson_\(confidence)"].numbers
        let expectedWald = try item["intervals"]["wald_\(confidence)"].numbers
        #expect(
          matches(wilson.lower, expectedWilson[0]) && matches(wilson.upper, expectedWilson[1]), "\(x1)/\(n1)")
        #expect(matches(wald.lower, expectedWald[0]) && matches(wald.upper, expectedWald[1]), "\(x1)/\(n1)")
      }
      for (name, method) in [("wald", ProportionDifference.Method.wald), ("newcomb", .newcombe)] {
        let difference = try ProportionDifference(
          successes1: x1, trials1: n1, successes2: x2, trials2: n2, method: method)
        let expected = try item["differences"][name].numbers
        #expect(matches(difference.interval.lower, expected[0]), "\(name) \(x1)/\(n1)")
        #expect(matches(difference.interval.upper, expected[1]), "\(name) \(x1)/\(n1)")
      }
      if let ratio = try? item["log_ratio"].numbers {
        let lift = try RelativeLift.ofProportions(
          successesTreatment: x1, trialsTreatment: n1, successesControl: x2, trialsControl: n2)
        // statsmodels bounds the ratio; the lift is the ratio less one.
        #expect(matches(lift.interval.lower + 1, ratio[0]) && matches(lift.interval.upper + 1, ratio[1]))
      }
    }
  }

  @Test func welchTTestMatchesStatsmodels() throws {
    let cases = try Fixture("hypothesis_tests.json")["welch"].elements
    #expect(cases.count == 4)
    for item in cases {
      let a = try item["sample1"].numbers
      let b = try item["sample2"].numbers
      for (name, alternative) in Self.alternatives {
        let expected = try item["tests"][name]
        let result = try WelchTTest.test(a, b, alternative: alternative)
        #expect(try matches(result.statistic, expected["statistic"].number), "t n=\(a.count) \(name)")
        #expect(try matches(result.pValue, expected["p_value"].number), "p n=\(a.count) \(name)")
        #expect(try matches(result.degreesOfFreedom ?? .nan, expected["df"].number), "df n=\(a.count)")
      }
      let shifted = try WelchTTest.test(a, b, difference: 0.2)
      #expect(try matches(shifted.statistic, item["shifted"]["statistic"].number))
      #expect(try matches(shifted.pValue, item["shifted"]["p_value"].number))
      let interval = try WelchDifference(a, b).interval(confidence: 0.95)
      let expected = try item["difference_interval"].numbers
      #expect(matches(interval.lower, expected[0]) && matches(interval.upper, expected[1]))
      let mean = try ConfidenceInterval.studentMean(of: a)
      let expectedMean = try item["mean_interval"].numbers
      #expect(matches(mean.lower, expectedMean[0]) && matches(mean.upper, expectedMean[1]))
      let lift = try RelativeLift(treatment: a, control: b)
      let expectedLift = try item["lift"]
      #expect(try matches(lift.lift, expectedLift["lift"].number))
      #expect(try matches(lift.standardError, expectedLift["standard_error"].number))
      let bounds = try expectedLift["interval"].numbers
      #expect(matches(lift.interval.lower, bounds[0]) && matches(lift.interval.upper, bounds[1]))
    }
  }

  @Test func sampleRatioMismatchMatchesSciPy() throws {
    let cases = try Fixture("hypothesis_tests.json")["sample_ratio"].elements
    #expect(cases.count == 5)
    for item in cases {
      let result = try ChiSquareTest.sampleRatioMismatch(
        counts: item["counts"].integers, weights: item["weights"].numbers)
      #expect(try matches(result.statistic, item["statistic"].number))
      #expect(try matches(result.pValue, item["p_value"].number))
      #expect(try result.degreesOfFreedom == item["df"].number)
    }
  }

  @Test func cupedMatchesNumPy() throws {
    let item = try Fixture("hypothesis_tests.json")["cuped"]
    let adjustment = try CUPEDAdjustment(metric: item["metric"].numbers, covariate: item["covariate"].numbers)
    #expect(try matches(adjustment.theta, item["theta"].number))
    #expect(try matches(adjustment.varianceReduction, item["variance_reduction"].number))
    let expected = try item["adjusted"].numbers
    #expect(zip(adjustment.adjusted, expected).allSatisfy { matches($0, $1) })
    let arms = try item["arm"].integers
    let means = try item["adjusted_means"].numbers
    for arm in 0..<2 {
      let values = zip(adjustment.adjusted, arms).filter { $0.1 == arm }.map(\.0)
      #expect(matches(SampleSummary(values).mean, means[arm]))
    }
  }

  @Test func refusesWhatHasNoAnswer() {
    #expect(throws: StatisticsError.self) {
      try ProportionsZTest.twoSample(successes1: 0, trials1: 10, successes2: 0, trials2: 10)
    }
    #expect(throws: StatisticsError.self) {
      try ProportionsZTest.twoSample(successes1: 11, trials1: 10, successes2: 0, trials2: 10)
    }
    #expect(throws: StatisticsError.self) { try WelchTTest.test([1], [1, 2]) }
    #expect(throws: StatisticsError.self) { try WelchTTest.test([3, 3], [2, 2]) }
    #expect(throws: StatisticsError.self) {
      try ChiSquareTest.sampleRatioMismatch(counts: [5, 5], weights: [1])
    }
    #expect(throws: StatisticsError.self) {
      try ChiSquareTest.sampleRatioMismatch(counts: [5, 5], weights: [1, 0])
    }
    #expect(throws: StatisticsError.self) {
      try ConfidenceInterval.wilson(successes: 1, trials: 2, confidence: 1)
    }
    #expect(throws: StatisticsError.self) { try CUPEDAdjustment(metric: [1, 2, 3], covariate: [4, 4, 4]) }
  }
}
