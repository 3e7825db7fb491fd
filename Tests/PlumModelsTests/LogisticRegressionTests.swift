import Testing

@testable import PlumModels

@Test func unregularisedFitMatchesStatsmodels() throws {
  let fixture = try Fixture.load("logistic.json").at("unregularised")
  let names = try fixture.at("features").array().map { try $0.string() }
  let data = try fixture.at("x").matrix(names: names)
  let fit = try LogisticRegression.fit(data, target: try fixture.at("y").numbers())
  let terms = fit.model.terms
  #expect(isClose(terms.intercept, try fixture.at("intercept").number(), relative: 1e-6))
  #expect(largestRelativeError(terms.coefficients, try fixture.at("coefficients").numbers()) < 1e-6)
  let logLikelihood = try #require(fit.report.metrics["log_likelihood"])
  #expect(isClose(logLikelihood, try fixture.at("log_likelihood").number(), relative: 1e-10))
  let expected = try fixture.at("probabilities").numbers()
  let predicted = (0..<data.rowCount).map { fit.model.probability(data.row($0)) }
  #expect(largestRelativeError(predicted, expected, floor: 1e-3) < 1e-6)
}

@Test func standardisingDoesNotChangeAnUnpenalisedFit() throws {
  let fixture = try Fixture.load("logistic.json").at("unregularised")
  let data = try fixture.at("x").matrix()
  let target = try fixture.at("y").numbers()
  let raw = try LogisticRegression.fit(data, target: target).model
  let scaled = try LogisticRegression.fit(data, target: target, options: .init(standardize: true)).model
  #expect(scaled.terms.standardization != nil)
  for row in 0..<data.rowCount {
    #expect(isClose(scaled.probability(data.row(row)), raw.probability(data.row(row)), relative: 1e-9))
  }
}

@Test(arguments: [0, 1])
func regularisedFitMatchesScikitLearn(caseIndex: Int) throws {
  let fixture = try Fixture.load("logistic.json").at("regularised")
  let data = try fixture.at("x").matrix()
  let reference = try fixture.at("cases").array()[caseIndex]
  let options = LogisticRegression.Options(
    c: try reference.at("c").number(),
    classWeights: try reference.at("balanced") == .bool(true) ? .balanced : .uniform,
    standardize: true)
  let fit = try LogisticRegression.fit(data, target: try fixture.at("y").numbers(), options: options)
  let terms = fit.model.terms
  let standardization = try #require(terms.standardization)
  #expect(largestRelativeError(standardization.means, try fixture.at("means").numbers()) < 1e-12)
  #expect(largestRelativeError(standardization.scales, try fixture.at("scales").numbers()) < 1e-12)
  #expect(isClose(terms.intercept, try reference.at("intercept").number(), relative: 1e-5))
  #expect(largestRelativeError(terms.coefficients, try reference.at("coefficients").numbers()) < 1e-5)
  let expected = try reference.at("probabilities").numbers()
  let predicted = (0..<data.rowCount).map { fit.model.probability(data.row($0)) }
  #expect(largestRelativeError(predicted, expected, floor: 1e-3) < 1e-6)
}

@Test func contributionsAddUpToTheLogOdds() throws {
  let data = try FeatureMatrix(
    rows: [[1, 5], [2, 3], [3, 4], [4, 1], [5, 2], [6, 0]], columnNames: ["a", "b"])
  let fit = try LogisticRegression.fit(
    data, target: [0, 0, 1, 0, 1, 1], options: .init(c: 1, standardize: true))
  let features = [2.5, 3.5]
  let contributions = fit.model.contributions(features)
  #expect(contributions.values.count == 2)
  #expect(isClose(contributions.total, fit.model.logOdds(features), relative: 1e-12))
  let standardization = try #require(fit.model.terms.standardization)
  let z = (features[0] - standardization.means[0]) / standardization.scales[0]
  #expect(isClose(contributions.values[0], fit.model.terms.coefficients[0] * z, relative: 1e-12))
}

@Test func separableDataIsRefusedWithAdviceToRegularise() throws {
  let data = try FeatureMatrix(rows: [[1], [2], [3], [4], [5], [6]], columnNames: ["visits"])
  #expect(throws: ModelError.perfectSeparation(quasi: false)) {
    try LogisticRegression.fit(data, target: [0, 0, 0, 1, 1, 1])
  }
  #expect(ModelError.perfectSeparation(quasi: false).description.contains("regularisation"))
  // With a penalty the same data has a finite, well-defined fit.
  let fit = try LogisticRegression.fit(data, target: [0, 0, 0, 1, 1, 1], options: .init(c: 1))
  #expect(fit.model.probability([6]) > 0.5)
}

@Test func quasiSeparatedDataIsRefused() throws {
  // Rows at x = 3 are mixed; everything else is separated by x = 3.
  let data = try FeatureMatrix(rows: [[1], [2], [3], [3], [4], [5]])
  #expect(throws: ModelError.perfectSeparation(quasi: true)) {
    try LogisticRegression.fit(data, target: [0, 0, 0, 1, 1, 1])
  }
}

@Test func badInputsAreDescribedErrors() throws {
  let data = try FeatureMatrix(rows: [[1, 7], [2, 7], [3, 7], [4, 7]], columnNames: ["a", "flat"])
  #expect(throws: ModelError.constantFeature(feature: "flat")) {
    try LogisticRegression.fit(data, target: [0, 1, 0, 1])
  }
  let good = try FeatureMatrix(rows: [[1], [2], [3], [4]], columnNames: ["a"])
  #expect(throws: ModelError.targetNotBinary(row: 2, value: 2)) {
    try LogisticRegression.fit(good, target: [0, 1, 2, 1])
  }
  #expect(throws: ModelError.nonFiniteTarget(row: 0)) {
    try LogisticRegression.fit(good, target: [.nan, 1, 0, 1])
  }
  #expect(throws: ModelError.singleClass(value: 1)) {
    try LogisticRegression.fit(good, target: [1, 1, 1, 1])
  }
  let withNaN = try FeatureMatrix(rows: [[1], [.nan], [3], [4]], columnNames: ["a"])
  #expect(throws: ModelError.nonFiniteFeature(row: 1, feature: "a")) {
    try LogisticRegression.fit(withNaN, target: [0, 1, 0, 1])
  }
  #expect(throws: ModelError.shapeMismatch(what: "target values", expected: 4, actual: 3)) {
    try LogisticRegression.fit(good, target: [0, 1, 0])
  }
  #expect(throws: ModelError.invalidOption(name: "c", reason: "must be positive and finite")) {
    try LogisticRegression.fit(good, target: [0, 1, 0, 1], options: .init(c: 0))
  }
  let collinear = try FeatureMatrix(rows: [[1, 2], [2, 4], [3, 6], [4, 8], [5, 10]])
  #expect(throws: ModelError.singularDesign) {
    try LogisticRegression.fit(collinear, target: [0, 1, 0, 1, 1])
  }
}

@Test func predictionRejectsAWrongLengthVector() throws {
  let terms = try LinearTerms(
    featureNames: ["a", "b"], standardization: nil, intercept: 0, coefficients: [1, 2])
  #expect(LogisticRegression(terms: terms).probability([1]).isNaN)
  #expect(isClose(LogisticRegression(terms: terms).probability([0, 0]), 0.5, relative: 1e-15))
}

/// Rows whose second feature is the first's scale times a varying amount, and a target that is not
/// separable, for the scaling tests.
private func scaledRows(scale: Double, offset: Double = 0) throws -> (FeatureMatrix, [Double]) {
  var rows: [[Double]] = []
  var target: [Double] = []
  for row in 0..<40 {
    let visits = Double((row * 7) % 13)
    rows.append([visits, offset + Double((row * 31) % 97) / 2 * scale])
    target.append(Double((row * 7) % 13) + Double(row % 5) < 8 ? 1 : 0)
  }
  return (try FeatureMatrix(rows: rows, columnNames: ["visits", "spend"]), target)
}

@Test(arguments: [1e8, 1e20, 1e100])
func largeButFiniteFeaturesFitAsTheirRescaledSelves(scale: Double) throws {
  let (plain, target) = try scaledRows(scale: 1)
  let (large, _) = try scaledRows(scale: scale)
  let reference = try LogisticRegression.fit(plain, target: target).model.terms
  // A feature in other units is not collinear with the intercept: the fit is the same, rescaled.
  let fit = try LogisticRegression.fit(large, target: target).model.terms
  #expect(isClose(fit.intercept, reference.intercept, relative: 1e-8))
  #expect(isClose(fit.coefficients[0], reference.coefficients[0], relative: 1e-8))
  #expect(isClose(fit.coefficients[1] * scale, reference.coefficients[1], relative: 1e-8))
}

@Test func overflowingFeaturesAreNotCalledCollinear() throws {
  let (huge, target) = try scaledRows(scale: 1e154)
  #expect(throws: ModelError.overflow) { try LogisticRegression.fit(huge, target: target) }
  #expect(throws: ModelError.overflow) {
    try LogisticRegression.fit(huge, target: target, options: .init(standardize: true))
  }
  // Large values with a modest spread overflow unscaled, and fit once standardised.
  let (offset, _) = try scaledRows(scale: 1e150, offset: 1e155)
  #expect(throws: ModelError.overflow) { try LogisticRegression.fit(offset, target: target) }
  let standardized = try LogisticRegression.fit(offset, target: target, options: .init(standardize: true))
  #expect(standardized.model.probability(offset.row(0)).isFinite)
  #expect(!ModelError.overflow.description.contains("collinear"))
}
