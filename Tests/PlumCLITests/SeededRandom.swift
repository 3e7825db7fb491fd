import PlumModels

/// Draws for the seeded property tests, on PlumModels' SplitMix64 so every run sees the same data.
extension SplitMix64 {
  /// A number in `0..<bound` (by remainder: the tests need repeatable draws, not unbiased ones).
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// True `percent` times in a hundred.
  mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

  /// One of the options.
  mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }
}
