import PlumModels

/// Training figures of an isolation forest, so its file says how it was grown and what scores it gave.
enum AnomalyMetrics {
  /// `trees`, `sample_size` (ψ as used, capped at the row count) and the training records' scores:
  /// `score_min`, `score_median` (the two middle values averaged for an even count) and `score_max`.
  static func of(_ forest: IsolationForest, _ data: FeatureMatrix) -> [String: Double] {
    var scores = (0..<data.rowCount).map { forest.score(data.row($0)) }
    scores.sort()
    var metrics = ["trees": Double(forest.trees.count), "sample_size": Double(forest.sampleSize)]
    guard let first = scores.first, let last = scores.last else { return metrics }
    let middle = scores.count / 2
    metrics["score_min"] = first
    metrics["score_max"] = last
    metrics["score_median"] =
      scores.count % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2
    return metrics
  }
}
