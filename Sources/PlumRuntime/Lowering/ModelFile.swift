import Foundation
import PlumChecker
import PlumModels

/// A model as the runtime scores it: any kind a policy can declare.
public enum RuntimeModel: Sendable, Equatable {
  /// `logistic`: a probability.
  case logistic(LogisticRegression)
  /// `linear`: a prediction.
  case linear(LinearRegression)
  /// `kmeans`: the nearest segment (an int).
  case kMeans(KMeans)
  /// `anomaly` with a robust z-score file: the combined |z|.
  case robustZScore(RobustZScore)
  /// `anomaly` with an isolation-forest file: the score in (0, 1].
  case isolationForest(IsolationForest)
  /// `trees`: an XGBoost ensemble's probability (`binary:logistic`) or value (`reg:squarederror`).
  case trees(TreeEnsemble)

  /// The feature names, in the order the feature vector follows.
  public var featureNames: [String] {
    switch self {
    case .logistic(let model): model.terms.featureNames
    case .linear(let model): model.terms.featureNames
    case .kMeans(let model): model.featureNames
    case .robustZScore(let model): model.featureNames
    case .isolationForest(let model): model.featureNames
    case .trees(let model): model.featureNames
    }
  }

  /// The policy's name for the model's kind.
  public var kind: ModelKind {
    switch self {
    case .logistic: .logistic
    case .linear: .linear
    case .kMeans: .kmeans
    case .robustZScore, .isolationForest: .anomaly
    case .trees: .trees
    }
  }

  /// The model's value for a raw feature vector: the score, or the k-means segment as a double.
  ///
  /// NaN (segment −1 for k-means) when the vector has the wrong length; allocates nothing.
  @inline(__always)
  public func score(_ features: UnsafeBufferPointer<Double>) -> Double {
    switch self {
    case .logistic(let model): model.probability(features)
    case .linear(let model): model.prediction(features)
    case .kMeans(let model): Double(model.assignment(features).segment)
    case .robustZScore(let model): model.score(features)
    case .isolationForest(let model): model.score(features)
    case .trees(let model): model.prediction(features)
    }
  }

  /// A k-means model's nearest segment and the distance to its centre; segment −1 for other kinds.
  @inline(__always)
  public func assignment(_ features: UnsafeBufferPointer<Double>) -> (segment: Int, distance: Double) {
    guard case .kMeans(let model) = self else { return (-1, .nan) }
    let assignment = model.assignment(features)
    return (assignment.segment, assignment.distance)
  }

  /// The model's value for a raw feature vector.
  public func score(_ features: [Double]) -> Double {
    features.withUnsafeBufferPointer { score($0) }
  }

  /// How the model's value comes about for a raw feature vector (see `ModelExplanation`).
  public func explanation(_ features: [Double]) -> ModelExplanation {
    switch self {
    case .logistic(let model):
      let contributions = model.contributions(features)
      return .additive(base: contributions.intercept, baseName: "intercept", terms: contributions.values)
    case .linear(let model):
      let contributions = model.contributions(features)
      return .additive(base: contributions.intercept, baseName: "intercept", terms: contributions.values)
    case .trees(let model):
      var values = model.contributions(features)
      let bias = values.popLast() ?? .nan
      return .additive(base: bias, baseName: "bias", terms: values)
    case .kMeans(let model):
      return .distances(model.distances(features))
    case .robustZScore(let model):
      return .zScores(model.zScores(features))
    case .isolationForest:
      return .opaque
    }
  }
}

/// What makes up one model value, for explanations.
public enum ModelExplanation: Sendable, Equatable {
  /// A sum on the link scale (log-odds for logistic, the margin for trees, the value for linear):
  /// `base` (the intercept, or TreeSHAP's bias) plus one term per feature.
  case additive(base: Double, baseName: String, terms: [Double])
  /// The distance to every centroid, by segment; the value is the nearest.
  case distances([Double])
  /// The signed robust z-score of every feature.
  case zScores([Double])
  /// No per-feature account (isolation forest).
  case opaque
}

/// Reads the model file a model declaration names, as the runtime needs it.
enum ModelFileLoader {
  /// A model read from its file, with the provenance Plum's own format records.
  struct Loaded {
    /// The model.
    var model: RuntimeModel
    /// The training provenance, for Plum model files (XGBoost files have none).
    var training: ModelFile.Training?
  }

  /// Why a model file could not be used.
  enum Failure: Error {
    /// The file could not be read at all.
    case unreadable(path: String)
    /// The file is not a valid model of the declared kind.
    case invalid(String)
  }

  /// The absolute or policy-relative path of a model's file.
  static func path(of model: CheckedModel, directory: String) -> String {
    model.source.hasPrefix("/") ? model.source : directory + "/" + model.source
  }

  /// Reads and decodes `model`'s file relative to `directory`.
  static func load(_ model: CheckedModel, directory: String) -> Result<Loaded, Failure> {
    let path = path(of: model, directory: directory)
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(.unreadable(path: path))
    }
    return decode(Array(data), kind: model.kind)
  }

  /// Decodes a model file's bytes as a model of `kind` (`trees` reads XGBoost's JSON).
  static func decode(_ bytes: [UInt8], kind: ModelKind?) -> Result<Loaded, Failure> {
    do {
      if kind == .trees {
        return .success(Loaded(model: .trees(try TreeEnsemble.readXGBoostJSON(bytes)), training: nil))
      }
      let file = try ModelFile.decode(bytes)
      let model: RuntimeModel
      switch file.model {
      case .logistic(let logistic): model = .logistic(logistic)
      case .linear(let linear): model = .linear(linear)
      case .kMeans(let kMeans): model = .kMeans(kMeans)
      case .robustZScore(let robust): model = .robustZScore(robust)
      case .isolationForest(let forest): model = .isolationForest(forest)
      }
      guard kind == nil || model.kind == kind else {
        return .failure(
          .invalid(
            "expected a `\(kind?.rawValue ?? "")` model but the file holds a `\(file.model.kind)` model"))
      }
      return .success(Loaded(model: model, training: file.training))
    } catch {
      return .failure(.invalid(error.description))
    }
  }
}
