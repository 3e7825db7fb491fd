import Foundation

extension IsolationForest {
  /// How to grow an isolation forest.
  public struct Options: Sendable, Equatable {
    /// The number of trees.
    public var trees: Int
    /// ψ, the rows sampled (without replacement) per tree; capped at the number of rows.
    public var sampleSize: Int
    /// The seed of the subsampling and of the random splits.
    public var seed: UInt64

    /// Creates options with scikit-learn's defaults (100 trees, ψ = 256).
    public init(trees: Int = 100, sampleSize: Int = 256, seed: UInt64 = 0) {
      self.trees = trees
      self.sampleSize = sampleSize
      self.seed = seed
    }
  }

  /// Grows a forest: per tree, a subsample of ψ rows is split on a uniformly chosen non-constant
  /// feature at a uniform threshold between its minimum and maximum, to depth `⌈log₂ ψ⌉`.
  /// - Throws: `ModelError` for NaN or infinite values, fewer than two rows or bad options.
  public static func fit(_ data: FeatureMatrix, options: Options = Options()) throws(ModelError)
    -> IsolationForest
  {
    try data.requireNonEmpty()
    try data.requireFinite()
    guard data.rowCount >= 2 else { throw .invalidOption(name: "rows", reason: "need at least 2 rows") }
    guard options.trees >= 1 else { throw .invalidOption(name: "trees", reason: "must be at least 1") }
    guard options.sampleSize >= 2 else {
      throw .invalidOption(name: "sample size", reason: "must be at least 2")
    }
    let sampleSize = min(options.sampleSize, data.rowCount)
    let maxDepth = Int(ceil(log2(Double(sampleSize))))
    var generator = SplitMix64(seed: options.seed)
    var indices = Array(0..<data.rowCount)
    var trees: [[Node]] = []
    for _ in 0..<options.trees {
      // A partial Fisher–Yates shuffle draws the subsample without replacement.
      for i in 0..<sampleSize {
        let j = i + generator.nextInt(below: data.rowCount - i)
        indices.swapAt(i, j)
      }
      var builder = TreeBuilder(data: data, maxDepth: maxDepth)
      var sample = Array(indices[0..<sampleSize])
      _ = builder.grow(&sample[...], depth: 0, generator: &generator)
      trees.append(builder.nodes)
    }
    return try IsolationForest(featureNames: data.columnNames, sampleSize: sampleSize, trees: trees)
  }
}

/// Grows one isolation tree in preorder, so every child index is greater than its parent's.
private struct TreeBuilder {
  let data: FeatureMatrix
  let maxDepth: Int
  var nodes: [IsolationForest.Node] = []

  init(data: FeatureMatrix, maxDepth: Int) {
    self.data = data
    self.maxDepth = maxDepth
  }

  mutating func grow(_ rows: inout ArraySlice<Int>, depth: Int, generator: inout SplitMix64) -> Int {
    let index = nodes.count
    let leaf = IsolationForest.Node(
      feature: -1, threshold: 0, left: 0, right: 0,
      pathLength: Double(depth) + IsolationForest.averagePathLength(rows.count))
    guard depth < maxDepth, rows.count > 1 else {
      nodes.append(leaf)
      return index
    }
    var candidates: [(feature: Int, low: Double, high: Double)] = []
    for feature in 0..<data.columnCount {
      var low = Double.infinity
      var high = -Double.infinity
      for row in rows {
        low = min(low, data[row, feature])
        high = max(high, data[row, feature])
      }
      if high > low { candidates.append((feature, low, high)) }
    }
    guard !candidates.isEmpty else {
      nodes.append(leaf)
      return index
    }
    let chosen = candidates[generator.nextInt(below: candidates.count)]
    var threshold = chosen.low + generator.nextUnit() * (chosen.high - chosen.low)
    if threshold >= chosen.high { threshold = chosen.low }
    nodes.append(leaf)  // placeholder, replaced once the children's indices are known
    var split = rows.startIndex
    for position in rows.indices where data[rows[position], chosen.feature] <= threshold {
      rows.swapAt(split, position)
      split += 1
    }
    var leftRows = rows[rows.startIndex..<split]
    var rightRows = rows[split..<rows.endIndex]
    let left = grow(&leftRows, depth: depth + 1, generator: &generator)
    let right = grow(&rightRows, depth: depth + 1, generator: &generator)
    nodes[index] = IsolationForest.Node(
      feature: chosen.feature, threshold: threshold, left: left, right: right, pathLength: 0)
    return index
  }
}
