import Foundation
import PlumChecker
import PlumModels

/// How to fit a model; each kind reads the options that apply to it.
public struct TrainingOptions: Sendable, Equatable {
  /// The anomaly method to fit.
  public enum AnomalyMethod: String, Sendable, Equatable, CaseIterable {
    /// Robust z-scores (median and MAD per feature).
    case robustZ = "robust_z"
    /// An isolation forest.
    case isolationForest = "isolation_forest"
  }

  /// logistic: scikit-learn's `C`, the inverse L2 strength; nil fits without a penalty.
  public var c: Double?
  /// logistic: weigh the classes as scikit-learn's `class_weight="balanced"`.
  public var balancedClasses = false
  /// logistic, linear, kmeans: standardise the features first.
  public var standardize = false
  /// linear: the ridge strength (0 is ordinary least squares).
  public var alpha = 0.0
  /// kmeans: the number of segments.
  public var k: Int?
  /// kmeans: independent initialisations, the lowest inertia kept.
  public var restarts = 10
  /// kmeans, isolation forest: the random seed.
  public var seed: UInt64 = 0
  /// anomaly: which method.
  public var anomalyMethod = AnomalyMethod.robustZ
  /// anomaly, robust z: how per-feature scores combine.
  public var combination = RobustZScore.Combination.maxAbs
  /// isolation forest: the number of trees.
  public var trees = 100
  /// isolation forest: the rows sampled per tree.
  public var sampleSize = 256

  /// Creates default options.
  public init() {}
}

/// Fits a policy's model on a training set and records it with its provenance.
public enum ModelTraining {
  /// Fits a model of `kind` and wraps it in a model file.
  /// - Parameters:
  ///   - set: the features (in `definitions` order) and the target.
  ///   - targetName: the target column, recorded in the file.
  ///   - definitions: the feature definitions, whose fingerprint the file records.
  ///   - dataSHA256: the SHA-256 of the training data's bytes.
  /// - Throws: `TrainingError` for a kind Plum does not train, an unusable target or a refused fit.
  public static func train(
    kind: ModelKind, set: TrainingSet, targetName: String?, definitions: FeatureDefinitions,
    dataSHA256: String, options: TrainingOptions
  ) throws(TrainingError) -> ModelFile {
    let data = set.features
    guard data.rowCount > 0 else {
      throw .noUsableRecords(skipped: describeSkipped(set))
    }
    let model: Model
    var metrics: [String: Double]
    do {
      switch kind {
      case .logistic:
        try requireBinary(set)
        var fitOptions = LogisticRegression.Options(
          c: options.c, classWeights: options.balancedClasses ? .balanced : .uniform,
          standardize: options.standardize)
        fitOptions.maxIterations = 100
        let fit = try LogisticRegression.fit(data, target: set.target, options: fitOptions)
        model = .logistic(fit.model)
        metrics = fit.report.metrics
        metrics.merge(ClassificationMetrics.of(fit.model, data, set.target)) { $1 }
      case .linear:
        let fit = try LinearRegression.fit(
          data, target: set.target,
          options: LinearRegression.Options(alpha: options.alpha, standardize: options.standardize))
        model = .linear(fit.model)
        metrics = fit.report.metrics
      case .kmeans:
        guard let k = options.k else {
          throw TrainingError.fit("a kmeans model needs `--k`, its number of segments")
        }
        let fit = try KMeans.fit(
          data,
          options: KMeans.Options(
            k: k, standardize: options.standardize, seed: options.seed, restarts: options.restarts))
        model = .kMeans(fit.model)
        metrics = fit.report.metrics
      case .anomaly:
        switch options.anomalyMethod {
        case .robustZ:
          model = .robustZScore(try RobustZScore.fit(data, combination: options.combination))
          metrics = [:]
        case .isolationForest:
          let forest = try IsolationForest.fit(
            data,
            options: IsolationForest.Options(
              trees: options.trees, sampleSize: options.sampleSize, seed: options.seed))
          model = .isolationForest(forest)
          metrics = AnomalyMetrics.of(forest, data)
        }
      case .trees:
        throw TrainingError.unsupported(
          "`trees` models are trained with XGBoost; save the model with `save_model(\"model.json\")` "
            + "and point the policy at that file")
      }
    } catch let error as TrainingError {
      throw error
    } catch let error as ModelError {
      throw .fit(describe(error, set, standardized: options.standardize))
    } catch {
      throw .fit("\(error)")
    }
    let training = ModelFile.Training(
      rows: data.rowCount, metrics: metrics, dataSHA256: dataSHA256,
      featuresSHA256: definitions.fingerprint, featureDefinitions: definitions.texts)
    return ModelFile(model: model, target: kind.needsTarget ? targetName : nil, training: training)
  }

  /// "3 unreadable (P0602), 2 no consent `profiling`".
  public static func describeSkipped(_ set: TrainingSet) -> String {
    set.skipped.map { "\($0.count) \($0.reason)" }.joined(separator: ", ")
  }

  private static func requireBinary(_ set: TrainingSet) throws(TrainingError) {
    for (row, value) in set.target.enumerated() where value != 0 && value != 1 {
      throw .target(
        "a logistic model's target must be 0 or 1, but it is \(NumberFormat.shortest(value)) in the record "
          + "on line \(set.lines[row]); recode the column or train a `linear` model")
    }
  }

  /// A fit error, with rows named by their line in the data.
  private static func describe(_ error: ModelError, _ set: TrainingSet, standardized: Bool) -> String {
    switch error {
    case .overflow:
      var text = "the fit overflowed: the feature values are too large for floating-point arithmetic"
      if let (feature, value) = largestFeature(set.features) {
        text += " (feature `\(feature)` reaches \(String(format: "%.2g", value)))"
      }
      let rescale = "rescale the feature in its `inputs` expression (divide it by a power of ten)"
      // Standardising helps when the values are large but their spread is not.
      let standardizing = !standardized && (try? Standardization.fit(set.features)) != nil
      return text + (standardizing ? "; train with `--standardize`, or \(rescale)" : "; \(rescale)")
    case .nonFiniteFeature(let row, let feature) where set.lines.indices.contains(row):
      return "feature `\(feature)` is NaN or infinite in the record on line \(set.lines[row])"
    case .nonFiniteTarget(let row) where set.lines.indices.contains(row):
      return "the target is NaN or infinite in the record on line \(set.lines[row])"
    case .constantFeature(let feature):
      return "feature `\(feature)` has the same value in every training record, so nothing can be learnt "
        + "from it; remove it from `inputs` or train on more varied data"
    default:
      return error.description
    }
  }
}

/// The feature with the largest magnitude in the data, and that magnitude.
private func largestFeature(_ data: FeatureMatrix) -> (String, Double)? {
  var best: (column: Int, value: Double)?
  for row in 0..<data.rowCount {
    for column in 0..<data.columnCount {
      let value = abs(data[row, column])
      if value.isFinite, value > (best?.value ?? 0) { best = (column, value) }
    }
  }
  return best.map { (data.columnNames[$0.column], $0.value) }
}

extension ModelKind {
  /// Whether the kind learns from a target column.
  public var needsTarget: Bool { self == .logistic || self == .linear }
}

/// Training-set figures of a fitted classifier.
enum ClassificationMetrics {
  /// `log_loss` (mean), `accuracy` (at 0.5) and `auc` (the area under the ROC curve, ties halved).
  static func of(_ model: LogisticRegression, _ data: FeatureMatrix, _ target: [Double]) -> [String: Double] {
    var probabilities: [Double] = []
    probabilities.reserveCapacity(data.rowCount)
    data.values.withUnsafeBufferPointer { values in
      for row in 0..<data.rowCount {
        let features = UnsafeBufferPointer(
          rebasing: values[(row * data.columnCount)..<((row + 1) * data.columnCount)])
        probabilities.append(model.probability(features))
      }
    }
    var loss = 0.0
    var correct = 0
    for (p, y) in zip(probabilities, target) {
      let clipped = min(max(p, 1e-15), 1 - 1e-15)
      loss -= y == 1 ? log(clipped) : log(1 - clipped)
      if (p >= 0.5) == (y == 1) { correct += 1 }
    }
    let count = Double(target.count)
    return ["log_loss": loss / count, "accuracy": Double(correct) / count, "auc": auc(probabilities, target)]
  }

  /// The Mann–Whitney estimate of the AUC: the chance a positive ranks above a negative.
  static func auc(_ scores: [Double], _ target: [Double]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSum = 0.0
    var position = 0
    while position < order.count {
      var end = position
      while end + 1 < order.count && scores[order[end + 1]] == scores[order[position]] { end += 1 }
      // Tied scores share the average of their ranks (1-based).
      let rank = Double(position + end + 2) / 2
      for index in position...end where target[order[index]] == 1 { rankSum += rank }
      position = end + 1
    }
    let positives = Double(target.filter { $0 == 1 }.count)
    let negatives = Double(target.count) - positives
    guard positives > 0, negatives > 0 else { return .nan }
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
  }
}
