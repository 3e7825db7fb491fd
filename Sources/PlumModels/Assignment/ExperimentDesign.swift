/// An experiment's assignment rules: arms, weights, coverage, seed, hashing version, namespace or
/// filters. `assign(unit:)` follows GrowthBook's `runExperiment` steps that concern hashing, so a
/// Plum experiment and a GrowthBook SDK put the same unit in the same arm.
///
/// Targeting (conditions, URL rules, forced variations, QA mode) is not here: Plum expresses
/// eligibility in the policy and only calls `assign` for eligible records.
public struct ExperimentDesign: Sendable, Equatable {
  /// The experiment's key; also the seed when `seed` is `nil`.
  public var key: String
  /// The number of arms (GrowthBook's variations); fewer than two never enrols anyone.
  public var arms: Int
  /// Arm weights summing to 1, or `nil` for equal weights.
  public var weights: [Double]?
  /// The share of units enrolled, in `[0, 1]`.
  public var coverage: Double
  /// The hashing seed, or `nil` to use `key`.
  public var seed: String?
  /// The hashing version. GrowthBook's SDK uses version 1 when an experiment omits it; Plum's
  /// experiments use version 2.
  public var hashVersion: HashVersion
  /// The attribute whose value is the unit (GrowthBook's `hashAttribute`, default `id`).
  public var unitAttribute: String
  /// The namespace share, ignored when `filters` is not empty.
  public var namespace: ExperimentNamespace?
  /// Hash filters; a unit must pass every one.
  public var filters: [HashFilter]
  /// Explicit bucket ranges per arm, used instead of `weights` and `coverage` when given.
  public var ranges: [BucketRange]?
  /// Whether the experiment is running; an inactive one enrols nobody.
  public var isActive: Bool

  /// Creates an experiment design.
  public init(
    key: String, arms: Int, weights: [Double]? = nil, coverage: Double = 1, seed: String? = nil,
    hashVersion: HashVersion = .v2, unitAttribute: String = "id", namespace: ExperimentNamespace? = nil,
    filters: [HashFilter] = [], ranges: [BucketRange]? = nil, isActive: Bool = true
  ) {
    self.key = key
    self.arms = arms
    self.weights = weights
    self.coverage = coverage
    self.seed = seed
    self.hashVersion = hashVersion
    self.unitAttribute = unitAttribute
    self.namespace = namespace
    self.filters = filters
    self.ranges = ranges
    self.isActive = isActive
  }

  /// The bucket ranges of the arms.
  public var bucketRanges: [BucketRange] {
    ranges ?? BucketRanges.make(arms: arms, coverage: coverage, weights: weights)
  }

  /// The arm for the unit whose attributes are read through `unit`, or why it is not enrolled.
  public func assign(unit: (String) -> HashUnit) -> ExperimentAssignment {
    guard arms >= 2 else { return .notEnrolled(.tooFewArms) }
    guard isActive else { return .notEnrolled(.inactive) }
    guard let text = unit(unitAttribute).hashText else { return .notEnrolled(.missingUnit) }
    if !filters.isEmpty {
      for filter in filters {
        guard let filterText = unit(filter.attribute ?? unitAttribute).hashText else {
          return .notEnrolled(.filteredOut)
        }
        let bucket = AssignmentHash.bucket(seed: filter.seed, value: filterText, version: filter.version)
        guard filter.ranges.contains(where: { $0.contains(bucket) }) else {
          return .notEnrolled(.filteredOut)
        }
      }
    } else if let namespace, !namespace.contains(unit: text) {
      return .notEnrolled(.outsideNamespace)
    }
    let bucket = AssignmentHash.bucket(seed: seed ?? key, value: text, version: hashVersion)
    guard let arm = BucketRanges.chooseArm(bucket: bucket, ranges: bucketRanges) else {
      return .notEnrolled(.outsideCoverage)
    }
    return .assigned(arm: arm, bucket: bucket)
  }

  /// The arm for a unit whose value is `value`, read from the unit attribute (filters that name
  /// another attribute see no value).
  public func assign(_ value: HashUnit) -> ExperimentAssignment {
    assign { $0 == unitAttribute ? value : .missing }
  }
}

/// The result of assigning one unit to an experiment.
public enum ExperimentAssignment: Sendable, Equatable {
  /// Enrolled in arm `arm` (0-based) with hash bucket `bucket`.
  case assigned(arm: Int, bucket: Double)
  /// Not enrolled, and why.
  case notEnrolled(NotEnrolledReason)

  /// Why a unit is not enrolled.
  public enum NotEnrolledReason: String, Sendable, Equatable {
    /// The experiment has fewer than two arms.
    case tooFewArms = "too few arms"
    /// The experiment is not active.
    case inactive
    /// The unit attribute is missing or falsy.
    case missingUnit = "missing unit"
    /// A hash filter excluded the unit.
    case filteredOut = "filtered out"
    /// The unit is outside the experiment's namespace share.
    case outsideNamespace = "outside namespace"
    /// The unit's bucket is outside every arm's range (coverage below 1).
    case outsideCoverage = "outside coverage"
  }

  /// The arm, or `nil` when not enrolled.
  public var arm: Int? {
    if case .assigned(let arm, _) = self { return arm }
    return nil
  }
}
