import Foundation

extension KMeans {
  /// How to fit a k-means segmentation.
  public struct Options: Sendable, Equatable {
    /// The number of segments.
    public var k: Int
    /// Whether to standardise features (population standard deviation) before clustering.
    public var standardize: Bool
    /// The seed of the k-means++ initialisation; the same seed gives the same segments.
    public var seed: UInt64
    /// How many initialisations to run (scikit-learn's `n_init`); the lowest inertia wins.
    public var restarts: Int
    /// The most Lloyd iterations per restart; a restart stops early when no record changes segment.
    public var maxIterations: Int

    /// Creates options with scikit-learn-like defaults.
    public init(
      k: Int, standardize: Bool = false, seed: UInt64 = 0, restarts: Int = 10, maxIterations: Int = 300
    ) {
      self.k = k
      self.standardize = standardize
      self.seed = seed
      self.restarts = restarts
      self.maxIterations = maxIterations
    }
  }

  /// A trained segmentation with the report of how the fit went.
  public struct Fit: Sendable, Equatable {
    /// The trained model.
    public let model: KMeans
    /// Rows, inertia (sum of squared distances to the nearest centroid) and iterations.
    public let report: TrainingReport
  }

  /// Fits k-means: greedy k-means++ seeding, Lloyd iterations to convergence, `restarts` times.
  /// - Throws: `ModelError` for bad shapes, NaN or infinite values, `k` out of `1...rows`, a
  ///   constant feature when standardising.
  public static func fit(_ data: FeatureMatrix, options: Options) throws(ModelError) -> Fit {
    try data.requireNonEmpty()
    try data.requireFinite()
    guard options.k >= 1, options.k <= data.rowCount else {
      throw .invalidOption(name: "k", reason: "must be between 1 and the number of rows (\(data.rowCount))")
    }
    guard options.restarts >= 1 else { throw .invalidOption(name: "restarts", reason: "must be at least 1") }
    guard options.maxIterations >= 1 else {
      throw .invalidOption(name: "max iterations", reason: "must be at least 1")
    }
    let standardization = options.standardize ? try Standardization.fit(data) : nil
    var points = data.values
    if let standardization {
      for index in points.indices {
        let column = index % data.columnCount
        points[index] = (points[index] - standardization.means[column]) / standardization.scales[column]
      }
    }
    let lloyd = Lloyd(points: points, rows: data.rowCount, width: data.columnCount, k: options.k)
    var generator = SplitMix64(seed: options.seed)
    var best: (centroids: [Double], inertia: Double, iterations: Int)?
    for _ in 0..<options.restarts {
      let start = lloyd.seed(using: &generator)
      let run = lloyd.iterate(from: start, maxIterations: options.maxIterations)
      if best == nil || run.inertia < best?.inertia ?? .infinity { best = run }
    }
    guard let best else { throw .emptyData }
    let width = data.columnCount
    let centroids = (0..<options.k).map { Array(best.centroids[($0 * width)..<(($0 + 1) * width)]) }
    let model = try KMeans(
      featureNames: data.columnNames, standardization: standardization, centroids: centroids)
    let report = TrainingReport(
      rows: data.rowCount, metrics: ["inertia": best.inertia, "iterations": Double(best.iterations)])
    return Fit(model: model, report: report)
  }
}

/// Lloyd's algorithm over row-major points, with greedy k-means++ seeding.
struct Lloyd {
  let points: [Double]
  let rows: Int
  let width: Int
  let k: Int

  func squaredDistance(_ row: Int, _ centers: [Double], _ center: Int) -> Double {
    var sum = 0.0
    let a = row * width
    let b = center * width
    for j in 0..<width {
      let difference = points[a + j] - centers[b + j]
      sum += difference * difference
    }
    return sum
  }

  func squaredDistance(_ row: Int, toRow other: Int) -> Double {
    squaredDistance(row, points, other)
  }

  /// Greedy k-means++ (as scikit-learn): each new center is the best of `2 + ⌊ln k⌋` candidates
  /// drawn with probability proportional to the squared distance to the nearest chosen center.
  func seed(using generator: inout SplitMix64) -> [Double] {
    var centers = [Double]()
    centers.reserveCapacity(k * width)
    let first = generator.nextInt(below: rows)
    centers.append(contentsOf: points[(first * width)..<((first + 1) * width)])
    var closest = (0..<rows).map { squaredDistance($0, toRow: first) }
    var potential = closest.reduce(0, +)
    let trials = 2 + Int(log(Double(k)))
    for _ in 1..<max(1, k) {
      var cumulative = closest
      for index in 1..<rows { cumulative[index] += cumulative[index - 1] }
      var bestCandidate = 0
      var bestPotential = Double.infinity
      var bestClosest = closest
      for _ in 0..<trials {
        let target = generator.nextUnit() * potential
        let candidate = min(rows - 1, lowerBound(cumulative, target))
        var candidateClosest = closest
        var sum = 0.0
        for row in 0..<rows {
          candidateClosest[row] = min(closest[row], squaredDistance(row, toRow: candidate))
          sum += candidateClosest[row]
        }
        if sum < bestPotential {
          bestPotential = sum
          bestCandidate = candidate
          bestClosest = candidateClosest
        }
      }
      centers.append(contentsOf: points[(bestCandidate * width)..<((bestCandidate + 1) * width)])
      closest = bestClosest
      potential = bestPotential
    }
    return centers
  }

  /// The first index whose cumulative value exceeds `target` (numpy's `searchsorted`, right side).
  private func lowerBound(_ cumulative: [Double], _ target: Double) -> Int {
    var low = 0
    var high = cumulative.count
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Runs Lloyd iterations until no point changes segment (or the limit), returning the final
  /// centers, inertia and the iteration count.
  func iterate(from start: [Double], maxIterations: Int) -> (
    centroids: [Double], inertia: Double, iterations: Int
  ) {
    var centers = start
    var labels = [Int](repeating: -1, count: rows)
    var nearest = [Double](repeating: 0, count: rows)
    var iterations = 0
    while iterations < maxIterations {
      iterations += 1
      var changed = false
      for row in 0..<rows {
        var best = 0
        var bestDistance = Double.infinity
        for center in 0..<k {
          let distance = squaredDistance(row, centers, center)
          if distance < bestDistance {
            bestDistance = distance
            best = center
          }
        }
        if labels[row] != best { changed = true }
        labels[row] = best
        nearest[row] = bestDistance
      }
      if !changed { break }
      centers = means(labels: labels, nearest: nearest, previous: centers)
    }
    return (centers, nearest.reduce(0, +), iterations)
  }

  /// The mean of each segment; an empty segment takes the point farthest from its own center.
  private func means(labels: [Int], nearest: [Double], previous: [Double]) -> [Double] {
    var sums = [Double](repeating: 0, count: k * width)
    var counts = [Int](repeating: 0, count: k)
    for row in 0..<rows {
      counts[labels[row]] += 1
      for j in 0..<width { sums[labels[row] * width + j] += points[row * width + j] }
    }
    var farthest = nearest
    for center in 0..<k {
      if counts[center] == 0 {
        let row = farthest.indices.max { farthest[$0] < farthest[$1] } ?? 0
        farthest[row] = -1
        for j in 0..<width { sums[center * width + j] = points[row * width + j] }
        counts[center] = 1
      }
      for j in 0..<width { sums[center * width + j] /= Double(counts[center]) }
    }
    return sums
  }
}
