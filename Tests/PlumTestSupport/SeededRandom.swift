import PlumModels

/// Draws for the seeded property tests, on PlumModels' SplitMix64 so every run sees the same data.
extension SplitMix64 {
  /// A number in `0..<bound` (by remainder: the tests need repeatable draws, not unbiased ones).
  public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

  /// A number in `range`.
  public mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

  /// True `percent` times in a hundred.
  public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

  /// One of the options.
  public mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }
}
