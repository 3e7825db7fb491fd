/// A share of a namespace's traffic, so experiments in the same namespace never overlap.
///
/// GrowthBook hashes the unit with version 1 and the seed `"__" + id` and enrols it when the bucket
/// lies in `[start, end)`.
public struct ExperimentNamespace: Sendable, Equatable {
  /// The namespace's identifier.
  public var id: String
  /// The first bucket of this experiment's share.
  public var start: Double
  /// The end of the share, excluded.
  public var end: Double

  /// Creates the share `[start, end)` of namespace `id`.
  public init(id: String, start: Double, end: Double) {
    self.id = id
    self.start = start
    self.end = end
  }

  /// Whether the unit whose hash string is `unit` falls in this share.
  public func contains(unit: String) -> Bool {
    let bucket = AssignmentHash.bucket(seed: "__" + id, value: unit, version: .v1)
    return bucket >= start && bucket < end
  }
}

/// A hash filter: the unit (read from `attribute`, or the experiment's unit when `nil`) is kept only
/// when its bucket under `seed` lies in one of `ranges` — GrowthBook's successor to namespaces.
public struct HashFilter: Sendable, Equatable {
  /// The seed hashed with the unit.
  public var seed: String
  /// The attribute holding the unit, or `nil` for the experiment's own unit attribute.
  public var attribute: String?
  /// The bucket ranges that keep a unit.
  public var ranges: [BucketRange]
  /// The hashing version (GrowthBook's default for filters is 2).
  public var version: HashVersion

  /// Creates a filter.
  public init(seed: String, attribute: String? = nil, ranges: [BucketRange], version: HashVersion = .v2) {
    self.seed = seed
    self.attribute = attribute
    self.ranges = ranges
    self.version = version
  }
}
