/// A model with its provenance, as stored in Plum's JSON model file (format version 1).
///
/// The file records the kind, the feature names and order, the preprocessing, the parameters, and
/// how the model was trained: rows, metrics, target name and two SHA-256 fingerprints supplied by
/// the caller (of the training data and of the feature definitions). See `docs/models.md`.
public struct ModelFile: Sendable, Equatable {
  /// The format identifier written as `"format"`.
  public static let formatName = "plum-model"
  /// The only version this code reads and writes.
  public static let formatVersion = 1

  /// How the model was trained.
  public struct Training: Sendable, Equatable {
    /// The number of training rows.
    public var rows: Int
    /// Named figures from the fit (e.g. `log_likelihood`, `iterations`, `inertia`).
    public var metrics: [String: Double]
    /// The SHA-256 of the training data, 64 lower-case hex digits (caller-supplied).
    public var dataSHA256: String
    /// The SHA-256 of the feature definitions, 64 lower-case hex digits (caller-supplied).
    public var featuresSHA256: String
    /// The definition of each feature as trained, in feature order (caller-supplied), so a later
    /// mismatch can say which definition changed; nil when the file does not record them.
    public var featureDefinitions: [String]?

    /// Creates a training record.
    public init(
      rows: Int, metrics: [String: Double], dataSHA256: String, featuresSHA256: String,
      featureDefinitions: [String]? = nil
    ) {
      self.rows = rows
      self.metrics = metrics
      self.dataSHA256 = dataSHA256
      self.featuresSHA256 = featuresSHA256
      self.featureDefinitions = featureDefinitions
    }
  }

  /// The model.
  public var model: Model
  /// The name of the training target, when the model has one.
  public var target: String?
  /// How the model was trained.
  public var training: Training

  /// Creates a model file.
  public init(model: Model, target: String?, training: Training) {
    self.model = model
    self.target = target
    self.training = training
  }

  /// The file's JSON text; numbers are written in their shortest exact form, so reading it back
  /// gives the same model bit for bit. Non-finite metrics are written as `null`.
  public func encoded() -> String {
    var members: [(key: String, value: JSONValue)] = [
      ("format", .string(ModelFile.formatName)),
      ("version", .number(Double(ModelFile.formatVersion))),
      ("kind", .string(model.kind)),
      ("target", target.map(JSONValue.string) ?? .null),
      ("features", .array(model.featureNames.map(JSONValue.string))),
    ]
    if let standardization = model.standardization {
      members.append(
        (
          "preprocessing",
          .object([
            ("standardize", .bool(true)), ("means", numbers(standardization.means)),
            ("scales", numbers(standardization.scales)),
          ])
        ))
    } else {
      members.append(("preprocessing", .object([("standardize", .bool(false))])))
    }
    members.append(("parameters", parameters()))
    let metrics = training.metrics.keys.sorted().map { key -> (key: String, value: JSONValue) in
      let value = training.metrics[key] ?? .nan
      return (key, value.isFinite ? .number(value) : .null)
    }
    var trainingMembers: [(key: String, value: JSONValue)] = [
      ("rows", .number(Double(training.rows))), ("metrics", .object(metrics)),
      ("data_sha256", .string(training.dataSHA256)),
      ("features_sha256", .string(training.featuresSHA256)),
    ]
    if let definitions = training.featureDefinitions {
      trainingMembers.append(("feature_definitions", .array(definitions.map(JSONValue.string))))
    }
    members.append(("training", .object(trainingMembers)))
    return JSONWriter.write(.object(members))
  }

  private func numbers(_ values: [Double]) -> JSONValue {
    .array(values.map(JSONValue.number))
  }

  private func parameters() -> JSONValue {
    switch model {
    case .logistic(let model):
      return .object([
        ("intercept", .number(model.terms.intercept)), ("coefficients", numbers(model.terms.coefficients)),
      ])
    case .linear(let model):
      return .object([
        ("intercept", .number(model.terms.intercept)), ("coefficients", numbers(model.terms.coefficients)),
      ])
    case .kMeans(let model):
      return .object([("centroids", .array(model.centroids.map(numbers)))])
    case .robustZScore(let model):
      return .object([
        ("method", .string("robust_z")), ("combination", .string(model.combination.rawValue)),
        ("medians", numbers(model.medians)), ("scales", numbers(model.scales)),
      ])
    case .isolationForest(let model):
      let trees = model.trees.map { tree -> JSONValue in
        .object([
          ("feature", numbers(tree.map { Double($0.feature) })),
          ("threshold", numbers(tree.map(\.threshold))),
          ("left", numbers(tree.map { Double($0.left) })),
          ("right", numbers(tree.map { Double($0.right) })),
          ("path_length", numbers(tree.map(\.pathLength))),
        ])
      }
      return .object([
        ("method", .string("isolation_forest")), ("sample_size", .number(Double(model.sampleSize))),
        ("trees", .array(trees)),
      ])
    }
  }
}
