import Testing

@testable import PlumModels

@Test func robustZScoresAreExactlyNumpys() throws {
  let fixture = try Fixture.load("anomaly.json")
  let data = try fixture.at("x").matrix()
  let robust = try fixture.at("robust")
  let model = try RobustZScore.fit(data)
  #expect(model.medians == (try robust.at("medians").numbers()))
  let mads = try robust.at("mads").numbers()
  #expect(model.scales == mads.map { RobustZScore.madConsistency * $0 })
  let expectedZ = try robust.at("z").array()
  let expectedMax = try robust.at("max_abs_z").numbers()
  for row in 0..<data.rowCount {
    #expect(model.zScores(data.row(row)) == (try expectedZ[row].numbers()))
    #expect(model.score(data.row(row)) == expectedMax[row])
  }
}

@Test func robustZScoreFallsBackWhenMostValuesAreEqual() throws {
  let data = try FeatureMatrix(rows: [[0], [0], [0], [0], [10]], columnNames: ["refunds"])
  let model = try RobustZScore.fit(data, combination: .meanAbs)
  // MAD is 0; the mean absolute deviation from the median (2) scaled by 1.253314 takes over.
  #expect(model.scales == [RobustZScore.meanDeviationConsistency * 2])
  #expect(model.score([10]) > model.score([0]))
  let constant = try FeatureMatrix(rows: [[1], [1], [1]], columnNames: ["flat"])
  #expect(throws: ModelError.constantFeature(feature: "flat")) { try RobustZScore.fit(constant) }
}

@Test func isolationForestRanksLikeScikitLearn() throws {
  let fixture = try Fixture.load("anomaly.json")
  let data = try fixture.at("x").matrix()
  let expected = try fixture.at("isolation_forest").at("scores").numbers()
  let forest = try IsolationForest.fit(data, options: .init(trees: 200, sampleSize: 256, seed: 1))
  let scores = (0..<data.rowCount).map { forest.score(data.row($0)) }
  #expect(scores.allSatisfy { $0 > 0 && $0 <= 1 })
  let correlation = spearman(scores, expected)
  #expect(correlation >= 0.9, "Spearman correlation \(correlation)")
}

@Test func isolationForestIsDeterministicAndRefusesBadInput() throws {
  let rows = (0..<50).map { [Double($0 % 7), Double($0 % 5)] } + [[40, 40]]
  let data = try FeatureMatrix(rows: rows)
  let first = try IsolationForest.fit(data, options: .init(trees: 20, seed: 9))
  #expect(first == (try IsolationForest.fit(data, options: .init(trees: 20, seed: 9))))
  #expect(first.score([40, 40]) > first.score([3, 2]))
  #expect(first.score([1]).isNaN)
  #expect(first.score([.nan, 1]).isNaN)
  #expect(throws: ModelError.self) { try IsolationForest.fit(try FeatureMatrix(rows: [[1, 2]])) }
  let bad = IsolationForest.Node(feature: 0, threshold: 1, left: 0, right: 5, pathLength: 0)
  #expect(throws: ModelError.self) {
    try IsolationForest(featureNames: ["a"], sampleSize: 8, trees: [[bad]])
  }
}

@Test func averagePathLengthMatchesTheFormula() {
  #expect(IsolationForest.averagePathLength(1) == 0)
  #expect(IsolationForest.averagePathLength(2) == 1)
  // c(256) from scikit-learn's _average_path_length.
  #expect(isClose(IsolationForest.averagePathLength(256), 10.244_770_920_119_917, relative: 1e-12))
}

/// Spearman's rank correlation (average ranks for ties).
func spearman(_ a: [Double], _ b: [Double]) -> Double {
  func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      for position in start...end { result[order[position]] = Double(start + end) / 2 + 1 }
      start = end + 1
    }
    return result
  }
  let ra = ranks(a)
  let rb = ranks(b)
  let meanA = ra.reduce(0, +) / Double(ra.count)
  let meanB = rb.reduce(0, +) / Double(rb.count)
  var covariance = 0.0
  var varianceA = 0.0
  var varianceB = 0.0
  for i in ra.indices {
    covariance += (ra[i] - meanA) * (rb[i] - meanB)
    varianceA += (ra[i] - meanA) * (ra[i] - meanA)
    varianceB += (rb[i] - meanB) * (rb[i] - meanB)
  }
  return covariance / (varianceA * varianceB).squareRoot()
}
