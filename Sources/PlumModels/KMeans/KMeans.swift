/// A k-means segmentation: each record belongs to the segment whose centroid is nearest
/// (Euclidean distance, after the optional standardisation).
public struct KMeans: Sendable, Equatable {
  /// The feature names, in the order the feature vector must follow.
  public let featureNames: [String]
  /// The standardisation applied before measuring distances, if any.
  public let standardization: Standardization?
  /// The centroids, one per segment, on the standardised scale when standardising.
  public let centroids: [[Double]]
  /// The centroids flattened row-major, for allocation-free evaluation.
  package let flatCentroids: [Double]
  /// `1 / scale` per feature (all ones without standardisation).
  package let inverseScales: [Double]
  /// The mean per feature (all zeros without standardisation).
  package let offsets: [Double]

  /// Creates a model from centroids, checking their shape and values.
  public init(featureNames: [String], standardization: Standardization?, centroids: [[Double]])
    throws(ModelError)
  {
    guard !featureNames.isEmpty else { throw .noFeatures }
    guard !centroids.isEmpty else {
      throw .invalidOption(name: "centroids", reason: "a segmentation needs at least one centroid")
    }
    for centroid in centroids {
      guard centroid.count == featureNames.count else {
        throw .shapeMismatch(what: "centroid length", expected: featureNames.count, actual: centroid.count)
      }
      guard centroid.allSatisfy(\.isFinite) else {
        throw .invalidOption(name: "centroids", reason: "every coordinate must be finite")
      }
    }
    if let standardization, standardization.means.count != featureNames.count {
      throw .shapeMismatch(
        what: "standardisation means", expected: featureNames.count, actual: standardization.means.count)
    }
    self.featureNames = featureNames
    self.standardization = standardization
    self.centroids = centroids
    flatCentroids = centroids.flatMap { $0 }
    inverseScales =
      standardization?.scales.map { 1 / $0 } ?? [Double](repeating: 1, count: featureNames.count)
    offsets = standardization?.means ?? [Double](repeating: 0, count: featureNames.count)
  }

  /// The number of segments.
  public var segmentCount: Int { centroids.count }

  /// The nearest segment and the distance to its centroid.
  public struct Assignment: Sendable, Equatable {
    /// The segment index, from 0.
    public let segment: Int
    /// The Euclidean distance to the segment's centroid.
    public let distance: Double
  }

  /// The nearest segment for a raw feature vector, with no allocation.
  /// - Returns: segment −1 and distance NaN when the vector's length is wrong or it holds NaN.
  public func assignment(_ features: UnsafeBufferPointer<Double>) -> Assignment {
    let width = featureNames.count
    guard features.count == width else { return Assignment(segment: -1, distance: .nan) }
    var best = -1
    var bestDistance = Double.infinity
    flatCentroids.withUnsafeBufferPointer { centroids in
      inverseScales.withUnsafeBufferPointer { inverseScales in
        offsets.withUnsafeBufferPointer { offsets in
          for segment in 0..<(centroids.count / width) {
            let base = segment * width
            var sum = 0.0
            for j in 0..<width {
              let difference = (features[j] - offsets[j]) * inverseScales[j] - centroids[base + j]
              sum += difference * difference
            }
            if sum < bestDistance {
              bestDistance = sum
              best = segment
            }
          }
        }
      }
    }
    guard best >= 0 else { return Assignment(segment: -1, distance: .nan) }
    return Assignment(segment: best, distance: bestDistance.squareRoot())
  }

  /// The nearest segment for a raw feature vector.
  public func assignment(_ features: [Double]) -> Assignment {
    features.withUnsafeBufferPointer { assignment($0) }
  }

  /// The distance from a raw feature vector to every centroid, in segment order (for explanations).
  public func distances(_ features: [Double]) -> [Double] {
    guard features.count == featureNames.count else {
      return [Double](repeating: .nan, count: segmentCount)
    }
    return centroids.map { centroid in
      var sum = 0.0
      for j in centroid.indices {
        let difference = (features[j] - offsets[j]) * inverseScales[j] - centroid[j]
        sum += difference * difference
      }
      return sum.squareRoot()
    }
  }
}
