import Testing

@testable import PlumModels

@Test(
  arguments: [
    (["iterations": 7.0], 7),
    (["iterations": Double.nan], nil),
    (["iterations": Double.infinity], nil),
    (["iterations": 1e300], nil),
    (["iterations": 2.5], nil),
    (["log_likelihood": -3.0], nil),
  ] as [([String: Double], Int?)])
func iterationsIsACountOnlyWhenOneWasRecorded(metrics: [String: Double], expected: Int?) {
  #expect(TrainingReport(rows: 10, metrics: metrics).iterations == expected)
}

@Test func aFitReportsItsIterationsAsACount() throws {
  let data = try FeatureMatrix(rows: [[1], [2], [3], [4], [5], [6]], columnNames: ["a"])
  let fit = try LogisticRegression.fit(data, target: [0, 1, 0, 1, 1, 0])
  let count = try #require(fit.report.iterations)
  #expect(count >= 1 && Double(count) == fit.report.metrics["iterations"])
}
