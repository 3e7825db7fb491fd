/// The area under the ROC curve, as scikit-learn's `roc_auc_score` for binary labels.
///
/// Computed as the Mann–Whitney statistic with mid-ranks for tied scores, which equals the
/// trapezoidal area scikit-learn integrates (a tie counts one half).
public enum ROCAUC {
  /// The AUC of `scores` against `labels`; nil unless both classes are present.
  public static func score(_ scores: [Double], labels: [Bool]) throws(StatisticsError) -> Double? {
    guard scores.count == labels.count else {
      throw .lengthMismatch(
        first: "scores", firstCount: scores.count, second: "labels", secondCount: labels.count)
    }
    let positives = labels.count { $0 }
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else { return nil }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var positiveRankSum = 0.0
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
      let midRank = Double(start + end) / 2 + 1
      for index in order[start...end] where labels[index] { positiveRankSum += midRank }
      start = end + 1
    }
    let p = Double(positives)
    return (positiveRankSum - p * (p + 1) / 2) / (p * Double(negatives))
  }
}
