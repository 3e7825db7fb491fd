import Foundation

/// An isolation forest (Liu, Ting and Zhou; scikit-learn's algorithm): random trees grown on
/// subsamples of ψ rows; anomalies are isolated in few splits. The score is `2^(−E(h) / c(ψ))`,
/// in `(0, 1]`, higher meaning more anomalous (scikit-learn's `−score_samples`).
public struct IsolationForest: Sendable, Equatable {
  /// One node of a tree: a split `x[feature] <= threshold` goes left, or a leaf.
  public struct Node: Sendable, Equatable {
    /// The feature compared, or −1 for a leaf.
    public let feature: Int
    /// The split threshold (unused by leaves).
    public let threshold: Double
    /// The index of the left child within the same tree (unused by leaves).
    public let left: Int
    /// The index of the right child within the same tree (unused by leaves).
    public let right: Int
    /// For a leaf, its path length: depth + c(training rows that reached it).
    public let pathLength: Double

    /// Creates a node.
    public init(feature: Int, threshold: Double, left: Int, right: Int, pathLength: Double) {
      self.feature = feature
      self.threshold = threshold
      self.left = left
      self.right = right
      self.pathLength = pathLength
    }
  }

  /// The feature names, in the order the feature vector must follow.
  public let featureNames: [String]
  /// ψ, the rows sampled per tree; scores are normalised by `c(ψ)`.
  public let sampleSize: Int
  /// The trees, each a node array whose first node is the root.
  public let trees: [[Node]]
  /// Every tree's nodes flattened, child indices made absolute, for evaluation.
  let flat: [Node]
  /// The index of each tree's root in `flat`.
  let roots: [Int]

  /// Creates a forest from stored trees, checking every index so evaluation cannot go astray.
  public init(featureNames: [String], sampleSize: Int, trees: [[Node]]) throws(ModelError) {
    guard !featureNames.isEmpty else { throw .noFeatures }
    guard sampleSize >= 2 else { throw .invalidOption(name: "sample size", reason: "must be at least 2") }
    guard !trees.isEmpty else {
      throw .invalidOption(name: "trees", reason: "a forest needs at least one tree")
    }
    var flat: [Node] = []
    var roots: [Int] = []
    for tree in trees {
      guard !tree.isEmpty else { throw .invalidOption(name: "trees", reason: "a tree has no nodes") }
      let offset = flat.count
      roots.append(offset)
      for (index, node) in tree.enumerated() {
        if node.feature < 0 {
          guard node.pathLength.isFinite, node.pathLength >= 0 else {
            throw .invalidOption(name: "trees", reason: "a leaf's path length must be finite")
          }
          flat.append(node)
          continue
        }
        // Children must come after their parent, which also rules out cycles.
        guard node.feature < featureNames.count, node.threshold.isFinite,
          node.left > index, node.left < tree.count, node.right > index, node.right < tree.count
        else { throw .invalidOption(name: "trees", reason: "node \(index) has an out-of-range field") }
        flat.append(
          Node(
            feature: node.feature, threshold: node.threshold, left: node.left + offset,
            right: node.right + offset,
            pathLength: 0))
      }
    }
    self.featureNames = featureNames
    self.sampleSize = sampleSize
    self.trees = trees
    self.flat = flat
    self.roots = roots
  }

  /// The anomaly score for a raw feature vector, with no allocation; NaN for a wrong length or NaN.
  public func score(_ features: UnsafeBufferPointer<Double>) -> Double {
    guard features.count == featureNames.count else { return .nan }
    var total = 0.0
    flat.withUnsafeBufferPointer { nodes in
      for root in roots {
        var index = root
        while nodes[index].feature >= 0 {
          let node = nodes[index]
          index = features[node.feature] <= node.threshold ? node.left : node.right
        }
        total += nodes[index].pathLength
      }
    }
    for j in 0..<features.count where features[j].isNaN { return .nan }
    return pow(2, -(total / Double(roots.count)) / IsolationForest.averagePathLength(sampleSize))
  }

  /// The anomaly score for a raw feature vector.
  public func score(_ features: [Double]) -> Double {
    features.withUnsafeBufferPointer { score($0) }
  }

  /// `c(n)`: the average path length of an unsuccessful search in a binary search tree of n items.
  package static func averagePathLength(_ count: Int) -> Double {
    if count <= 1 { return 0 }
    if count == 2 { return 1 }
    let n = Double(count)
    return 2 * (log(n - 1) + 0.577_215_664_901_532_9) - 2 * (n - 1) / n
  }
}
