/// GrowthBook's hashing schemes, which map a seed and a unit to a number in `[0, 1)`.
public enum HashVersion: Int, Sendable, Equatable, CaseIterable {
  /// The original scheme: `fnv1a32(value + seed) % 1000 / 1000`; slightly biased, kept for
  /// experiments started under it.
  case v1 = 1
  /// The unbiased scheme: `fnv1a32(String(fnv1a32(seed + value))) % 10000 / 10000`.
  case v2 = 2
}

/// Deterministic hashing of a unit into a bucket, bit-compatible with GrowthBook's `hash`.
public enum AssignmentHash {
  /// The bucket of `value` under `seed`, a multiple of 1/1000 (version 1) or 1/10000 (version 2)
  /// in `[0, 1)`.
  public static func bucket(seed: String, value: String, version: HashVersion) -> Double {
    switch version {
    case .v1:
      return Double(FNV1a.hash32(value + seed) % 1000) / 1000
    case .v2:
      let inner = FNV1a.hash32(seed + value)
      return Double(FNV1a.hash32(String(inner)) % 10000) / 10000
    }
  }

  /// The bucket for a numeric hashing version as GrowthBook spells it; `nil` for an unknown version.
  public static func bucket(seed: String, value: String, version: Int) -> Double? {
    HashVersion(rawValue: version).map { bucket(seed: seed, value: value, version: $0) }
  }
}
