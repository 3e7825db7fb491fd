import Testing

@testable import PlumModels

@Test(arguments: [0, 1])
func predictionsAndTreeSHAPMatchXGBoost(caseIndex: Int) throws {
  let reference = try Fixture.load("trees.json").at("cases").array()[caseIndex]
  let model = try TreeEnsemble.readXGBoostJSON(try Fixture.bytes(try reference.at("model").string()))
  #expect(model.treeCount == 20)
  let rows = try reference.at("x").array().map { try $0.numbers() }
  let predictions = try reference.at("predictions").numbers()
  let margins = try reference.at("margins").numbers()
  let contributions = try reference.at("contributions").array().map { try $0.numbers() }
  var worstPrediction = 0.0
  var worstContribution = 0.0
  for (index, row) in rows.enumerated() {
    let prediction = model.prediction(row)
    let margin = model.margin(row)
    worstPrediction = max(
      worstPrediction, abs(prediction - predictions[index]) / max(1, abs(predictions[index])))
    worstPrediction = max(worstPrediction, abs(margin - margins[index]) / max(1, abs(margins[index])))
    // XGBoost computes contributions in single precision, so each carries rounding noise of the
    // order of Float.ulpOfOne × |margin|; the error is measured against the output's scale.
    let scale = max(1, abs(margins[index]))
    let phi = model.contributions(row)
    #expect(phi.count == contributions[index].count)
    for (found, expected) in zip(phi, contributions[index]) {
      worstContribution = max(worstContribution, abs(found - expected) / scale)
    }
    #expect(isClose(phi.reduce(0, +), margin, relative: 1e-12, floor: 1))
  }
  #expect(worstPrediction < 1e-6)
  #expect(worstContribution < 1e-6)
}

@Test func treeSHAPEqualsBruteForceShapleyValues() throws {
  let model = try TreeEnsemble.readXGBoostJSON(try Fixture.bytes("xgboost-regression.json"))
  let rows = try Fixture.load("trees.json").at("cases").array()[1].at("x").array().prefix(3)
  for row in rows {
    let features = try row.numbers()
    let phi = model.contributions(features)
    let exact = bruteForceShapley(model, features)
    #expect(largestRelativeError(Array(phi.dropLast()), exact, floor: 1e-3) < 1e-10)
  }
}

@Test func missingValuesFollowTheDefaultDirection() throws {
  let model = try TreeEnsemble.readXGBoostJSON(try Fixture.bytes("xgboost-binary.json"))
  let row = [Double](repeating: .nan, count: 10)
  let probability = model.prediction(row)
  #expect(probability > 0 && probability < 1)
  #expect(isClose(model.contributions(row).reduce(0, +), model.margin(row), relative: 1e-12, floor: 1))
  #expect(model.prediction([1, 2]).isNaN)
}

@Test func damagedXGBoostFilesAreDescribedErrors() throws {
  let text = String(decoding: try Fixture.bytes("xgboost-binary.json"), as: UTF8.self)
  let truncated = Array(text.utf8.prefix(text.utf8.count / 2))
  #expect {
    try TreeEnsemble.readXGBoostJSON(truncated)
  } throws: { error in
    guard case ModelFileError.malformedJSON = error else { return false }
    return "\(error)".contains("ends early")
  }
  let multiclass = text.replacingOccurrences(of: "binary:logistic", with: "multi:softprob")
  #expect(throws: ModelFileError.unsupported(field: "learner.objective.name", value: "multi:softprob")) {
    try TreeEnsemble.readXGBoostJSON(Array(multiclass.utf8))
  }
  let noCovers = text.replacingOccurrences(of: "\"sum_hessian\"", with: "\"sum_hess\"")
  #expect(throws: ModelFileError.missingField("learner.gradient_booster.model.trees[0].sum_hessian")) {
    try TreeEnsemble.readXGBoostJSON(Array(noCovers.utf8))
  }
  let badChild = text.replacingOccurrences(of: "\"left_children\":[1,", with: "\"left_children\":[0,")
  #expect(badChild != text)
  #expect(throws: ModelFileError.self) { try TreeEnsemble.readXGBoostJSON(Array(badChild.utf8)) }
}

/// Shapley values by enumerating every coalition, with path-dependent (cover-weighted) expectations.
private func bruteForceShapley(_ model: TreeEnsemble, _ x: [Double]) -> [Double] {
  let count = model.featureNames.count
  func expectation(_ node: Int, _ present: Int) -> Double {
    let item = model.nodes[node]
    if item.feature < 0 { return Double(item.value) }
    let feature = Int(item.feature)
    if present & (1 << feature) != 0 {
      return expectation(Int(TreeEnsemble.goesLeft(item, x[feature]) ? item.left : item.right), present)
    }
    let left = Int(item.left)
    let right = Int(item.right)
    return
      (expectation(left, present) * Double(model.nodes[left].cover) + expectation(right, present)
      * Double(model.nodes[right].cover)) / Double(item.cover)
  }
  func value(_ present: Int) -> Double {
    model.roots.reduce(0) { $0 + expectation($1, present) }
  }
  var factorial = [1.0]
  for n in 1...count { factorial.append(factorial[n - 1] * Double(n)) }
  var phi = [Double](repeating: 0, count: count)
  for feature in 0..<count {
    for subset in 0..<(1 << count) where subset & (1 << feature) == 0 {
      let size = subset.nonzeroBitCount
      let weight = factorial[size] * factorial[count - size - 1] / factorial[count]
      phi[feature] += weight * (value(subset | (1 << feature)) - value(subset))
    }
  }
  return phi
}
