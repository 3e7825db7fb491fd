/// Any model that Plum stores in its own JSON model-file format.
public enum Model: Sendable, Equatable {
  /// Binary logistic regression.
  case logistic(LogisticRegression)
  /// Linear (or ridge) regression.
  case linear(LinearRegression)
  /// k-means segmentation.
  case kMeans(KMeans)
  /// Robust z-score anomaly score.
  case robustZScore(RobustZScore)
  /// Isolation-forest anomaly score.
  case isolationForest(IsolationForest)

  /// The kind written in the file: `logistic`, `linear`, `kmeans` or `anomaly`.
  public var kind: String {
    switch self {
    case .logistic: return "logistic"
    case .linear: return "linear"
    case .kMeans: return "kmeans"
    case .robustZScore, .isolationForest: return "anomaly"
    }
  }

  /// The input features, in the order a feature vector must follow.
  public var featureNames: [String] {
    switch self {
    case .logistic(let model): return model.terms.featureNames
    case .linear(let model): return model.terms.featureNames
    case .kMeans(let model): return model.featureNames
    case .robustZScore(let model): return model.featureNames
    case .isolationForest(let model): return model.featureNames
    }
  }

  /// The standardisation applied to inputs, if any.
  public var standardization: Standardization? {
    switch self {
    case .logistic(let model): return model.terms.standardization
    case .linear(let model): return model.terms.standardization
    case .kMeans(let model): return model.standardization
    case .robustZScore, .isolationForest: return nil
    }
  }
}
