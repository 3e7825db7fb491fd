/// How a fit went: the numbers stored as "training metrics" in a model file.
public struct TrainingReport: Sendable, Equatable {
  /// The number of training rows.
  public var rows: Int
  /// Named figures, e.g. `log_likelihood`, `iterations`, `r_squared`, `inertia`.
  public var metrics: [String: Double]

  /// The `iterations` figure as a count; nil when it is missing or not a whole number in `Int`'s range.
  public var iterations: Int? {
    guard let value = metrics["iterations"], value.isFinite, value == value.rounded(),
      abs(value) < 9.0e18
    else { return nil }
    return Int(value)
  }

  /// Creates a report.
  public init(rows: Int, metrics: [String: Double]) {
    self.rows = rows
    self.metrics = metrics
  }
}
