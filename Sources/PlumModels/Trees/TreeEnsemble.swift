import Foundation

/// A gradient-boosted tree ensemble (as trained by XGBoost): the margin is the base margin plus
/// one leaf value per tree; the prediction is the margin through the objective's link.
///
/// Splits compare in single precision as XGBoost does: `Float(x) < threshold` goes left; a
/// missing (NaN) value takes the node's default direction.
public struct TreeEnsemble: Sendable, Equatable {
  /// The learning objective, which fixes the link from margin to prediction.
  public enum Objective: String, Sendable, Equatable {
    /// Binary classification; the prediction is `σ(margin)`, a probability.
    case binaryLogistic = "binary:logistic"
    /// Squared-error regression; the prediction is the margin.
    case squaredError = "reg:squarederror"
  }

  /// One tree node; leaves have `feature == -1`.
  public struct Node: Sendable, Equatable {
    /// The feature tested, or −1 for a leaf.
    public let feature: Int32
    /// The index of the left child in the ensemble's node array.
    public let left: Int32
    /// The index of the right child in the ensemble's node array.
    public let right: Int32
    /// The split threshold (`x < threshold` goes left), single precision as in XGBoost.
    public let threshold: Float
    /// The leaf value (already scaled by the learning rate).
    public let value: Float
    /// Whether a missing value goes left.
    public let defaultLeft: Bool
    /// The cover: the sum of Hessians of the training rows that reached this node.
    public let cover: Float
  }

  /// The learning objective.
  public let objective: Objective
  /// The feature names, in the order the feature vector must follow.
  public let featureNames: [String]
  /// The margin before any tree, e.g. `logit(base_score)` for `binary:logistic`.
  public let baseMargin: Double
  /// Every tree's nodes, child indices absolute.
  package let nodes: [Node]
  /// The root index of each tree.
  package let roots: [Int]
  /// Each node's cover-weighted mean leaf value (TreeSHAP's expected value below it).
  let meanValues: [Double]
  /// The greatest depth over all trees.
  let maxDepth: Int

  /// Creates an ensemble from trees given as node arrays with tree-local child indices.
  /// - Throws: `ModelError.invalidOption` when a tree has out-of-range or cyclic children, a depth
  ///   over 256, a feature index out of range, a non-finite value or a non-positive cover.
  public init(
    objective: Objective, featureNames: [String], baseMargin: Double, trees: [[Node]]
  ) throws(ModelError) {
    guard !featureNames.isEmpty else { throw .noFeatures }
    guard baseMargin.isFinite else { throw .invalidOption(name: "base score", reason: "must be finite") }
    var nodes: [Node] = []
    var roots: [Int] = []
    var maxDepth = 0
    for (treeIndex, tree) in trees.enumerated() {
      let offset = nodes.count
      let depth = try TreeEnsemble.validate(tree, features: featureNames.count, tree: treeIndex)
      maxDepth = max(maxDepth, depth)
      roots.append(offset)
      for node in tree {
        let shift = node.feature >= 0 ? Int32(offset) : 0
        nodes.append(
          Node(
            feature: node.feature, left: node.left + shift, right: node.right + shift,
            threshold: node.threshold,
            value: node.value, defaultLeft: node.defaultLeft, cover: node.cover))
      }
    }
    var means = [Double](repeating: 0, count: nodes.count)
    for root in roots { TreeEnsemble.fillMeans(nodes, root, &means) }
    self.objective = objective
    self.featureNames = featureNames
    self.baseMargin = baseMargin
    self.nodes = nodes
    self.roots = roots
    self.meanValues = means
    self.maxDepth = maxDepth
  }

  /// Checks one tree by walking it from the root; returns its depth.
  private static func validate(_ tree: [Node], features: Int, tree index: Int) throws(ModelError) -> Int {
    func fail(_ reason: String) -> ModelError {
      .invalidOption(name: "trees", reason: "tree \(index): \(reason)")
    }
    guard !tree.isEmpty else { throw fail("has no nodes") }
    var visited = [Bool](repeating: false, count: tree.count)
    var stack = [(node: 0, depth: 0)]
    var deepest = 0
    while let (node, depth) = stack.popLast() {
      guard !visited[node] else { throw fail("node \(node) is reached twice") }
      visited[node] = true
      deepest = max(deepest, depth)
      guard depth <= 256 else { throw fail("is deeper than 256") }
      let item = tree[node]
      guard item.cover.isFinite, item.cover >= 0 else { throw fail("node \(node) has an invalid cover") }
      if item.feature < 0 {
        guard item.value.isFinite else { throw fail("leaf \(node) has a non-finite value") }
        continue
      }
      guard Int(item.feature) < features else { throw fail("node \(node) tests feature \(item.feature)") }
      guard item.cover > 0, !item.threshold.isNaN else { throw fail("node \(node) has an invalid split") }
      for child in [item.left, item.right] {
        guard child >= 0, Int(child) < tree.count else { throw fail("node \(node) has a child out of range") }
        stack.append((Int(child), depth + 1))
      }
    }
    return deepest
  }

  private static func fillMeans(_ nodes: [Node], _ index: Int, _ means: inout [Double]) {
    let node = nodes[index]
    if node.feature < 0 {
      means[index] = Double(node.value)
      return
    }
    let left = Int(node.left)
    let right = Int(node.right)
    fillMeans(nodes, left, &means)
    fillMeans(nodes, right, &means)
    means[index] =
      (means[left] * Double(nodes[left].cover) + means[right] * Double(nodes[right].cover))
      / Double(node.cover)
  }

  /// The number of trees.
  public var treeCount: Int { roots.count }

  /// The margin (log-odds for `binary:logistic`) for a raw feature vector, with no allocation.
  /// NaN values are missing. Returns NaN when the vector's length is wrong.
  public func margin(_ features: UnsafeBufferPointer<Double>) -> Double {
    guard features.count == featureNames.count else { return .nan }
    var total = baseMargin
    nodes.withUnsafeBufferPointer { nodes in
      for root in roots { total += Double(nodes[TreeEnsemble.leaf(nodes, root, features)].value) }
    }
    return total
  }

  /// The margin for a raw feature vector.
  public func margin(_ features: [Double]) -> Double {
    features.withUnsafeBufferPointer { margin($0) }
  }

  /// The prediction: a probability for `binary:logistic`, the value for `reg:squarederror`.
  public func prediction(_ features: UnsafeBufferPointer<Double>) -> Double {
    let value = margin(features)
    switch objective {
    case .binaryLogistic: return 1 / (1 + exp(-value))
    case .squaredError: return value
    }
  }

  /// The prediction for a raw feature vector.
  public func prediction(_ features: [Double]) -> Double {
    features.withUnsafeBufferPointer { prediction($0) }
  }

  /// The leaf reached from `root`.
  static func leaf(_ nodes: UnsafeBufferPointer<Node>, _ root: Int, _ features: UnsafeBufferPointer<Double>)
    -> Int
  {
    var index = root
    while true {
      let node = nodes[index]
      if node.feature < 0 { return index }
      index = Int(goesLeft(node, features[Int(node.feature)]) ? node.left : node.right)
    }
  }

  /// Whether `value` follows the left branch of `node`.
  static func goesLeft(_ node: Node, _ value: Double) -> Bool {
    value.isNaN ? node.defaultLeft : Float(value) < node.threshold
  }
}
