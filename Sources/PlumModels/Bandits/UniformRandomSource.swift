/// A source of uniform doubles in `[0, 1)`, injected into every randomised choice so a run is
/// reproducible and a test can replay exact draws.
public protocol UniformRandomSource {
  /// The next uniform double in `[0, 1)`.
  mutating func nextUniform() -> Double
}

extension SplitMix64: UniformRandomSource {
  /// The next uniform double in `[0, 1)` with 53 random bits.
  public mutating func nextUniform() -> Double { nextUnit() }
}

/// Per-record randomness: a generator seeded from the run's `--seed`, the record's key and the name
/// of what draws from it (a bandit, a sampler), so reruns draw the same numbers for the same record
/// whatever order or subset of records is run, and two bandits in one policy draw independently.
public enum RecordRandomness {
  /// The generator for `key` under `seed` and `stream`.
  ///
  /// The key and stream are hashed with 64-bit FNV-1a over their UTF-8 bytes (a zero byte between
  /// them), mixed with the seed by SplitMix64's finaliser.
  public static func generator(seed: UInt64, key: String, stream: String = "") -> SplitMix64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in stream.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    hash = (hash ^ 0) &* 0x0000_0100_0000_01B3
    for byte in key.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return SplitMix64(seed: mix(mix(seed) ^ hash))
  }

  private static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
