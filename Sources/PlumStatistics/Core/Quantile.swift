/// Sample quantiles by NumPy's default (`method='linear'`, Hyndman & Fan type 7): the value at
/// position `p·(n − 1)` of the sorted sample, interpolated linearly between neighbours.
public enum Quantile {
  /// The `p`-quantile of `sorted` (ascending, not empty; `p` in `[0, 1]`).
  public static func linear(sorted: [Double], _ p: Double) -> Double {
    guard let first = sorted.first else { return .nan }
    guard sorted.count > 1 else { return first }
    let position = p * Double(sorted.count - 1)
    let below = Swift.min(Int(position.rounded(.down)), sorted.count - 2)
    let fraction = position - Double(below)
    let low = sorted[below]
    let high = sorted[below + 1]
    // NumPy's `_lerp`: from below for fraction < ½, from above otherwise, so both ends are exact.
    let difference = high - low
    return fraction >= 0.5 ? high - difference * (1 - fraction) : low + difference * fraction
  }

  /// The `p`-quantiles of `values` (sorted here) for each `p` in `levels`.
  public static func linear(_ values: [Double], levels: [Double]) -> [Double] {
    let sorted = values.sorted()
    return levels.map { linear(sorted: sorted, $0) }
  }
}
