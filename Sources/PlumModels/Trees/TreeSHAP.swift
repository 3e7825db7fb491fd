extension TreeEnsemble {
  /// Exact path-dependent TreeSHAP contributions on the margin scale (Lundberg et al. 2018, as
  /// XGBoost's `predict(pred_contribs=True)`): one value per feature, then the bias (the base
  /// margin plus every tree's cover-weighted mean). They add up to `margin(features)`.
  /// - Returns: `featureNames.count + 1` values; NaNs when the vector's length is wrong.
  public func contributions(_ features: [Double]) -> [Double] {
    var phi = [Double](repeating: 0, count: featureNames.count + 1)
    guard features.count == featureNames.count else { return phi.map { _ in .nan } }
    let depth = maxDepth + 2
    var shap = TreeSHAP(
      nodes: nodes, features: features,
      path: [PathElement](repeating: PathElement(), count: (depth + 1) * (depth + 2) / 2 + 2))
    phi[featureNames.count] = baseMargin
    for root in roots {
      phi[featureNames.count] += meanValues[root]
      shap.recurse(root, depth: 0, parentStart: 0, zero: 1, one: 1, feature: -1, phi: &phi)
    }
    return phi
  }
}

/// One feature on the current root-to-node path, with the fractions of "zero" (feature absent)
/// and "one" (feature present) paths that flow through it and the permutation weight.
struct PathElement {
  var feature = -1
  var zeroFraction = 0.0
  var oneFraction = 0.0
  var weight = 0.0
}

/// The TreeSHAP recursion over one tree, with one preallocated path buffer: each level copies the
/// parent's path just after it, so no allocation happens per node.
struct TreeSHAP {
  let nodes: [TreeEnsemble.Node]
  let features: [Double]
  var path: [PathElement]

  mutating func recurse(
    _ index: Int, depth parentDepth: Int, parentStart: Int, zero: Double, one: Double, feature: Int,
    phi: inout [Double]
  ) {
    var depth = parentDepth
    let start = parentStart + depth + 1
    for i in 0...depth { path[start + i] = path[parentStart + i] }
    extend(start, depth, zero, one, feature)
    let node = nodes[index]
    if node.feature < 0 {
      guard depth >= 1 else { return }
      for i in 1...depth {
        let weight = unwoundSum(start, depth, i)
        let element = path[start + i]
        phi[element.feature] += weight * (element.oneFraction - element.zeroFraction) * Double(node.value)
      }
      return
    }
    let split = Int(node.feature)
    let hot = Int(TreeEnsemble.goesLeft(node, features[split]) ? node.left : node.right)
    let cold = hot == Int(node.left) ? Int(node.right) : Int(node.left)
    let cover = Double(node.cover)
    let hotZero = Double(nodes[hot].cover) / cover
    let coldZero = Double(nodes[cold].cover) / cover
    var incomingZero = 1.0
    var incomingOne = 1.0
    // A feature split on again higher up is unwound first, then redone with this node's fractions.
    if let previous = (0...depth).first(where: { path[start + $0].feature == split }) {
      incomingZero = path[start + previous].zeroFraction
      incomingOne = path[start + previous].oneFraction
      unwind(start, depth, previous)
      depth -= 1
    }
    recurse(
      hot, depth: depth + 1, parentStart: start, zero: hotZero * incomingZero, one: incomingOne,
      feature: split,
      phi: &phi)
    recurse(
      cold, depth: depth + 1, parentStart: start, zero: coldZero * incomingZero, one: 0, feature: split,
      phi: &phi)
  }

  private mutating func extend(_ start: Int, _ depth: Int, _ zero: Double, _ one: Double, _ feature: Int) {
    path[start + depth] = PathElement(
      feature: feature, zeroFraction: zero, oneFraction: one, weight: depth == 0 ? 1 : 0)
    let size = Double(depth + 1)
    for i in stride(from: depth - 1, through: 0, by: -1) {
      path[start + i + 1].weight += one * path[start + i].weight * Double(i + 1) / size
      path[start + i].weight = zero * path[start + i].weight * Double(depth - i) / size
    }
  }

  private mutating func unwind(_ start: Int, _ depth: Int, _ index: Int) {
    let one = path[start + index].oneFraction
    let zero = path[start + index].zeroFraction
    let size = Double(depth + 1)
    var next = path[start + depth].weight
    for i in stride(from: depth - 1, through: 0, by: -1) {
      if one != 0 {
        let saved = path[start + i].weight
        path[start + i].weight = next * size / (Double(i + 1) * one)
        next = saved - path[start + i].weight * zero * Double(depth - i) / size
      } else {
        path[start + i].weight = path[start + i].weight * size / (zero * Double(depth - i))
      }
    }
    for i in index..<depth {
      path[start + i].feature = path[start + i + 1].feature
      path[start + i].zeroFraction = path[start + i + 1].zeroFraction
      path[start + i].oneFraction = path[start + i + 1].oneFraction
    }
  }

  private func unwoundSum(_ start: Int, _ depth: Int, _ index: Int) -> Double {
    let one = path[start + index].oneFraction
    let zero = path[start + index].zeroFraction
    let size = Double(depth + 1)
    var next = path[start + depth].weight
    var total = 0.0
    for i in stride(from: depth - 1, through: 0, by: -1) {
      if one != 0 {
        let share = next * size / (Double(i + 1) * one)
        total += share
        next = path[start + i].weight - share * zero * (Double(depth - i) / size)
      } else if zero != 0 {
        total += (path[start + i].weight / zero) / (Double(depth - i) / size)
      }
    }
    return total
  }
}
