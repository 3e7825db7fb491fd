import Testing

@testable import PlumModels

@Test(arguments: [0, 1, 2])
func inertiaIsNoWorseThanScikitLearn(caseIndex: Int) throws {
  let reference = try Fixture.load("kmeans.json").at("cases").array()[caseIndex]
  let data = try reference.at("x").matrix()
  let k = Int(try reference.at("k").number())
  let fit = try KMeans.fit(data, options: .init(k: k, seed: 42))
  let inertia = try #require(fit.report.metrics["inertia"])
  let expected = try reference.at("inertia").number()
  let name = try reference.at("name").string()
  #expect(inertia <= expected * 1.001, "\(name): \(inertia) vs \(expected)")
  // The reported inertia is what the model's own assignments give.
  var recomputed = 0.0
  for row in 0..<data.rowCount {
    let distance = fit.model.assignment(data.row(row)).distance
    recomputed += distance * distance
  }
  #expect(isClose(recomputed, inertia, relative: 1e-9))
}

@Test func sameSeedSameSegmentsAndDistancesExplainTheChoice() throws {
  let reference = try Fixture.load("kmeans.json").at("cases").array()[0]
  let data = try reference.at("x").matrix()
  let first = try KMeans.fit(data, options: .init(k: 3, standardize: true, seed: 7, restarts: 3))
  let second = try KMeans.fit(data, options: .init(k: 3, standardize: true, seed: 7, restarts: 3))
  #expect(first.model == second.model)
  let row = data.row(10)
  let distances = first.model.distances(row)
  let assignment = first.model.assignment(row)
  #expect(distances.count == 3)
  #expect(distances.firstIndex(of: distances.min() ?? 0) == assignment.segment)
  #expect(isClose(distances[assignment.segment], assignment.distance, relative: 1e-12))
}

@Test func kMeansBadInputsAreDescribedErrors() throws {
  let data = try FeatureMatrix(rows: [[1, 2], [3, 4]])
  #expect(throws: ModelError.invalidOption(name: "k", reason: "must be between 1 and the number of rows (2)"))
  {
    try KMeans.fit(data, options: .init(k: 3))
  }
  let withNaN = try FeatureMatrix(rows: [[1, 2], [.nan, 4]], columnNames: ["a", "b"])
  #expect(throws: ModelError.nonFiniteFeature(row: 1, feature: "a")) {
    try KMeans.fit(withNaN, options: .init(k: 1))
  }
  let model = try KMeans.fit(data, options: .init(k: 2)).model
  #expect(model.assignment([1]).segment == -1)
  // Duplicate points leave a segment empty at first; it must still end with finite centroids.
  let duplicates = try FeatureMatrix(rows: [[1, 1], [1, 1], [1, 1], [5, 5]])
  let fit = try KMeans.fit(duplicates, options: .init(k: 3, seed: 1))
  #expect(fit.model.centroids.allSatisfy { $0.allSatisfy(\.isFinite) })
}
