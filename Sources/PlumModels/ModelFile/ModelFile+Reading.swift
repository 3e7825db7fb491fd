extension ModelFile {
  /// Reads a model file from its UTF-8 bytes.
  /// - Throws: `ModelFileError` naming the field at fault when the file is truncated, malformed,
  ///   of another format or version, or inconsistent (e.g. more coefficients than features).
  public static func decode(_ bytes: [UInt8]) throws(ModelFileError) -> ModelFile {
    let root = try JSONField.parse(bytes)
    let format = try root.field("format")
    guard try format.string() == formatName else {
      throw .unsupported(field: "format", value: try format.string())
    }
    let version = try root.field("version").integer()
    guard version == formatVersion else { throw .unsupported(field: "version", value: String(version)) }
    let kind = try root.field("kind").string()
    let target = try root.optionalField("target")?.string()
    let names = try root.field("features").strings()
    guard !names.isEmpty else {
      throw .invalidValue(field: "features", reason: "a model needs at least one feature")
    }
    let standardization = try readStandardization(root.field("preprocessing"), count: names.count)
    let parameters = try root.field("parameters")
    let model: Model
    do {
      switch kind {
      case "logistic":
        model = .logistic(LogisticRegression(terms: try readTerms(parameters, names, standardization)))
      case "linear":
        model = .linear(LinearRegression(terms: try readTerms(parameters, names, standardization)))
      case "kmeans":
        var centroids: [[Double]] = []
        for centroid in try parameters.field("centroids").elements() {
          centroids.append(try centroid.numbers(count: names.count))
        }
        model = .kMeans(
          try KMeans(featureNames: names, standardization: standardization, centroids: centroids))
      case "anomaly":
        model = try readAnomaly(parameters, names)
      default:
        throw ModelFileError.unsupported(field: "kind", value: kind)
      }
    } catch let error as ModelFileError {
      throw error
    } catch let error as ModelError {
      throw .invalidModel(error)
    } catch {
      throw .invalidValue(field: "parameters", reason: "\(error)")
    }
    let trainingField = try root.field("training")
    let rows = try trainingField.field("rows").integer()
    guard rows >= 0 else { throw .invalidValue(field: "training.rows", reason: "must not be negative") }
    var metrics: [String: Double] = [:]
    let metricsField = try trainingField.field("metrics")
    guard case .object(let members) = metricsField.value else {
      throw .wrongType(field: metricsField.path, expected: "an object", found: metricsField.value.typeName)
    }
    for member in members {
      switch member.value {
      case .number(let value): metrics[member.key] = value
      case .null: metrics[member.key] = .nan
      default:
        throw .wrongType(
          field: "training.metrics.\(member.key)", expected: "a number", found: member.value.typeName)
      }
    }
    var definitions: [String]?
    if let field = try trainingField.optionalField("feature_definitions") {
      let texts = try field.strings()
      guard texts.count == names.count else {
        throw .lengthMismatch(field: field.path, expected: names.count, actual: texts.count)
      }
      definitions = texts
    }
    let training = Training(
      rows: rows, metrics: metrics, dataSHA256: try readDigest(trainingField.field("data_sha256")),
      featuresSHA256: try readDigest(trainingField.field("features_sha256")), featureDefinitions: definitions)
    return ModelFile(model: model, target: target, training: training)
  }

  /// Reads a model file from its text.
  public static func decode(_ text: String) throws(ModelFileError) -> ModelFile {
    try decode(Array(text.utf8))
  }

  /// The logistic regression in this file.
  /// - Throws: `ModelFileError.kindMismatch` when the file holds another kind of model.
  public func logistic() throws(ModelFileError) -> LogisticRegression {
    guard case .logistic(let model) = model else {
      throw .kindMismatch(expected: "logistic", found: model.kind)
    }
    return model
  }

  /// The linear regression in this file.
  /// - Throws: `ModelFileError.kindMismatch` when the file holds another kind of model.
  public func linear() throws(ModelFileError) -> LinearRegression {
    guard case .linear(let model) = model else { throw .kindMismatch(expected: "linear", found: model.kind) }
    return model
  }

  /// The k-means segmentation in this file.
  /// - Throws: `ModelFileError.kindMismatch` when the file holds another kind of model.
  public func kMeans() throws(ModelFileError) -> KMeans {
    guard case .kMeans(let model) = model else { throw .kindMismatch(expected: "kmeans", found: model.kind) }
    return model
  }

  private static func readStandardization(_ field: JSONField, count: Int) throws(ModelFileError)
    -> Standardization?
  {
    guard try field.field("standardize").bool() else { return nil }
    let means = try field.field("means").numbers(count: count)
    let scales = try field.field("scales").numbers(count: count)
    do {
      return try Standardization(means: means, scales: scales)
    } catch {
      throw .invalidModel(error)
    }
  }

  private static func readTerms(
    _ parameters: JSONField, _ names: [String], _ standardization: Standardization?
  ) throws -> LinearTerms {
    let intercept = try parameters.field("intercept").number()
    let coefficients = try parameters.field("coefficients").numbers(count: names.count)
    return try LinearTerms(
      featureNames: names, standardization: standardization, intercept: intercept, coefficients: coefficients)
  }

  private static func readAnomaly(_ parameters: JSONField, _ names: [String]) throws -> Model {
    let method = try parameters.field("method").string()
    switch method {
    case "robust_z":
      let combinationName = try parameters.field("combination").string()
      guard let combination = RobustZScore.Combination(rawValue: combinationName) else {
        throw ModelFileError.unsupported(field: "parameters.combination", value: combinationName)
      }
      return .robustZScore(
        try RobustZScore(
          featureNames: names, medians: try parameters.field("medians").numbers(count: names.count),
          scales: try parameters.field("scales").numbers(count: names.count), combination: combination))
    case "isolation_forest":
      var trees: [[IsolationForest.Node]] = []
      for tree in try parameters.field("trees").elements() {
        let features = try tree.field("feature").numbers()
        let count = features.count
        let thresholds = try tree.field("threshold").numbers(count: count)
        let left = try tree.field("left").numbers(count: count)
        let right = try tree.field("right").numbers(count: count)
        let pathLengths = try tree.field("path_length").numbers(count: count)
        var nodes: [IsolationForest.Node] = []
        for index in 0..<count {
          guard
            [features[index], left[index], right[index]].allSatisfy({ abs($0) < 1e9 && $0 == $0.rounded() })
          else {
            throw ModelFileError.invalidValue(field: "\(tree.path)", reason: "node \(index) has a bad index")
          }
          nodes.append(
            IsolationForest.Node(
              feature: Int(features[index]), threshold: thresholds[index], left: Int(left[index]),
              right: Int(right[index]), pathLength: pathLengths[index]))
        }
        trees.append(nodes)
      }
      return .isolationForest(
        try IsolationForest(
          featureNames: names, sampleSize: try parameters.field("sample_size").integer(), trees: trees))
    default:
      throw ModelFileError.unsupported(field: "parameters.method", value: method)
    }
  }

  private static func readDigest(_ field: JSONField) throws(ModelFileError) -> String {
    let digest = try field.string()
    let hexDigits = digest.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    guard digest.utf8.count == 64, hexDigits else {
      throw .invalidValue(field: field.path, reason: "expected 64 lower-case hexadecimal digits")
    }
    return digest
  }
}
