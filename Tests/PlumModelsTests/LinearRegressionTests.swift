import Testing

@testable import PlumModels

@Test(arguments: ["longley", "diabetes"])
func ordinaryLeastSquaresMatchesStatsmodels(dataset: String) throws {
  let fixture = try Fixture.load("linear.json").at(dataset)
  let names = try fixture.at("features").array().map { try $0.string() }
  let data = try fixture.at("x").matrix(names: names)
  let fit = try LinearRegression.fit(data, target: try fixture.at("y").numbers())
  let terms = fit.model.terms
  #expect(isClose(terms.intercept, try fixture.at("intercept").number(), relative: 1e-6))
  #expect(largestRelativeError(terms.coefficients, try fixture.at("coefficients").numbers()) < 1e-6)
  let expected = try fixture.at("predictions").numbers()
  let predicted = (0..<data.rowCount).map { fit.model.prediction(data.row($0)) }
  #expect(largestRelativeError(predicted, expected) < 1e-6)
  let rSquared = try #require(fit.report.metrics["r_squared"])
  #expect(isClose(rSquared, try fixture.at("r_squared").number(), relative: 1e-9))
}

@Test func longleyMatchesNISTCertifiedValues() throws {
  // NIST StRD certified coefficients for Longley (constant, GNP deflator, GNP, unemployed,
  // armed forces, population, year), to 15 significant digits.
  let certified = [
    -3_482_258.63459582, 15.0618722713733, -0.358191792925910e-1, -2.02022980381683, -1.03322686717359,
    -0.511041056535807e-1, 1_829.15146461355,
  ]
  let fixture = try Fixture.load("linear.json").at("longley")
  let fit = try LinearRegression.fit(try fixture.at("x").matrix(), target: try fixture.at("y").numbers())
  let found = [fit.model.terms.intercept] + fit.model.terms.coefficients
  #expect(largestRelativeError(found, certified) < 1e-10)
}

@Test(arguments: [0, 1])
func ridgeMatchesScikitLearn(caseIndex: Int) throws {
  let fixture = try Fixture.load("linear.json")
  let data = try fixture.at("diabetes").at("x").matrix()
  let reference = try fixture.at("ridge").at("cases").array()[caseIndex]
  let options = LinearRegression.Options(
    alpha: try reference.at("alpha").number(), standardize: try reference.at("standardize") == .bool(true))
  let fit = try LinearRegression.fit(
    data, target: try fixture.at("diabetes").at("y").numbers(), options: options)
  #expect(isClose(fit.model.terms.intercept, try reference.at("intercept").number(), relative: 1e-5))
  #expect(
    largestRelativeError(fit.model.terms.coefficients, try reference.at("coefficients").numbers()) < 1e-5)
  let expected = try reference.at("predictions").numbers()
  let predicted = (0..<data.rowCount).map { fit.model.prediction(data.row($0)) }
  #expect(largestRelativeError(predicted, expected) < 1e-6)
}

@Test func linearContributionsAddUpToThePrediction() throws {
  let data = try FeatureMatrix(rows: [[1, 0], [2, 1], [3, 5], [4, 2], [5, 3]])
  let fit = try LinearRegression.fit(
    data, target: [2, 4, 7, 8, 11], options: .init(alpha: 0.5, standardize: true))
  let contributions = fit.model.contributions([3.5, 2])
  #expect(isClose(contributions.total, fit.model.prediction([3.5, 2]), relative: 1e-12))
}

@Test func linearBadInputsAreDescribedErrors() throws {
  let collinear = try FeatureMatrix(rows: [[1, 2], [2, 4], [3, 6], [4, 8]])
  #expect(throws: ModelError.singularDesign) {
    try LinearRegression.fit(collinear, target: [1, 2, 3, 5])
  }
  // Ridge makes the same problem well posed.
  let ridge = try LinearRegression.fit(collinear, target: [1, 2, 3, 5], options: .init(alpha: 1))
  #expect(ridge.model.prediction([5, 10]).isFinite)
  let flat = try FeatureMatrix(rows: [[1, 3], [2, 3], [3, 3]], columnNames: ["a", "b"])
  #expect(throws: ModelError.constantFeature(feature: "b")) {
    try LinearRegression.fit(flat, target: [1, 2, 3])
  }
  let tooFew = try FeatureMatrix(rows: [[1, 2], [2, 1]])
  #expect(throws: ModelError.singularDesign) {
    try LinearRegression.fit(tooFew, target: [1, 2])
  }
  #expect(throws: ModelError.nonFiniteTarget(row: 1)) {
    try LinearRegression.fit(try FeatureMatrix(rows: [[1], [2], [3]]), target: [1, .infinity, 3])
  }
}
