import Foundation
import Testing

@testable import PlumModels

private let dataDigest = SHA256.hexDigest(of: "recency,orders\n3,1\n")
private let featureDigest = SHA256.hexDigest(of: "recency: days_since(last_order)")

private func training(_ rows: Int, _ metrics: [String: Double]) -> ModelFile.Training {
  ModelFile.Training(rows: rows, metrics: metrics, dataSHA256: dataDigest, featuresSHA256: featureDigest)
}

private func sampleData() throws -> FeatureMatrix {
  var rows: [[Double]] = []
  for index in 0..<40 {
    let recency = Double(index % 9) * 1.5
    let orders = Double((index * 7) % 11) - 3.25
    rows.append([recency, orders])
  }
  return try FeatureMatrix(rows: rows, columnNames: ["recency", "orders"])
}

@Test func everyKindRoundTripsBitForBit() throws {
  let data = try sampleData()
  let target = (0..<40).map { Double(($0 * 5) % 3 == 0 ? 1 : 0) }
  let logistic = try LogisticRegression.fit(data, target: target, options: .init(c: 0.7, standardize: true))
  let linear = try LinearRegression.fit(data, target: (0..<40).map { Double($0) * 0.1 })
  let kMeans = try KMeans.fit(data, options: .init(k: 3, standardize: true))
  let models: [Model] = [
    .logistic(logistic.model), .linear(linear.model), .kMeans(kMeans.model),
    .robustZScore(try RobustZScore.fit(data)),
    .isolationForest(try IsolationForest.fit(data, options: .init(trees: 5, seed: 3))),
  ]
  for model in models {
    let file = ModelFile(model: model, target: "churned", training: training(40, logistic.report.metrics))
    let decoded = try ModelFile.decode(file.encoded())
    #expect(decoded == file, "\(model.kind)")
    #expect(decoded.encoded() == file.encoded())
  }
}

@Test func theDocumentedExampleReads() throws {
  let file = try ModelFile.decode(try Fixture.bytes("example-logistic.json"))
  let model = try file.logistic()
  #expect(model.terms.featureNames == ["recency", "orders", "spend"])
  #expect(file.target == "churned")
  #expect(file.training.rows == 1000)
  let probability = model.probability([45, 1, 30])
  #expect(probability > 0 && probability < 1)
  #expect(throws: ModelFileError.kindMismatch(expected: "kmeans", found: "logistic")) { try file.kMeans() }
}

@Test func everyTruncationIsADescribedError() throws {
  let bytes = try Fixture.bytes("example-logistic.json")
  for length in 0..<(bytes.count - 1) {
    let prefix = Array(bytes.prefix(length))
    #expect(throws: ModelFileError.self) { try ModelFile.decode(prefix) }
  }
}

@Test func inconsistentFilesAreDescribedErrors() throws {
  let text = String(decoding: try Fixture.bytes("example-logistic.json"), as: UTF8.self)
  func decode(_ edited: String) throws -> ModelFile {
    #expect(edited != text)
    return try ModelFile.decode(edited)
  }
  #expect(throws: ModelFileError.lengthMismatch(field: "parameters.coefficients", expected: 3, actual: 2)) {
    try decode(text.replacingOccurrences(of: "[0.9, -0.6, -0.3]", with: "[0.9, -0.6]"))
  }
  #expect(throws: ModelFileError.unsupported(field: "version", value: "2")) {
    try decode(text.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"))
  }
  #expect(throws: ModelFileError.unsupported(field: "kind", value: "bandit")) {
    try decode(text.replacingOccurrences(of: "\"kind\": \"logistic\"", with: "\"kind\": \"bandit\""))
  }
  #expect(
    throws: ModelFileError.wrongType(field: "parameters.intercept", expected: "a number", found: "a string")
  ) {
    try decode(text.replacingOccurrences(of: "\"intercept\": -1.2", with: "\"intercept\": \"-1.2\""))
  }
  #expect(
    throws: ModelFileError.invalidModel(
      .invalidOption(name: "scales", reason: "every scale must be positive and finite"))
  ) {
    try decode(text.replacingOccurrences(of: "[21.5, 2.1, 48.5]", with: "[21.5, 0, 48.5]"))
  }
  #expect(throws: ModelFileError.self) {
    try decode(text.replacingOccurrences(of: "\"data_sha256\": \"", with: "\"data_sha256\": \"x"))
  }
  #expect(throws: ModelFileError.missingField("training")) {
    try decode(String(text[..<(text.range(of: "\"training\"")?.lowerBound ?? text.endIndex)]) + "\"x\": 1}")
  }
  let description = ModelFileError.lengthMismatch(field: "parameters.coefficients", expected: 3, actual: 2)
    .description
  #expect(description == "`parameters.coefficients` has 2 entries where 3 were expected")
}

@Test func theDocumentationShowsTheExampleFileVerbatim() throws {
  let docs = Fixture.directory.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("docs/models.md")
  let text = try String(contentsOf: docs, encoding: .utf8)
  let example = String(decoding: try Fixture.bytes("example-logistic.json"), as: UTF8.self)
  #expect(text.contains("```json\n" + example + "```\n"))
}
