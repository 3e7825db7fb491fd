/// How a fit went: the numbers stored as "training metrics" in a model file.
public struct TrainingReport: Sendable, Equatable {
  /// The number of training rows.
  public var rows: Int
  /// Named figures, e.g. `log_likelihood`, `iterations`, `r_squared`, `inertia`.
  public var metrics: [String: Double]

  /// Creates a report.
  public init(rows: Int, metrics: [String: Double]) {
    self.rows = rows
    self.metrics = metrics
  }
}
