/// A statistic that cannot be computed from the inputs given, with the reason in words.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A parameter is outside the values it may take (a negative count, a probability above 1).
  case invalidParameter(name: String, value: Double, expected: String)
  /// Two inputs that must describe the same records have different lengths.
  case lengthMismatch(first: String, firstCount: Int, second: String, secondCount: Int)
  /// A sample has too few records for the statistic (a variance from one value).
  case tooFewRecords(name: String, count: Int, needed: Int)
  /// The statistic divides by a quantity that is zero for these inputs (no spread, no records).
  case undefined(String)

  /// The reason, lowercase and without a final period, ready for a diagnostic.
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let expected):
      return "`\(name)` is \(value); expected \(expected)"
    case .lengthMismatch(let first, let firstCount, let second, let secondCount):
      return "`\(first)` has \(firstCount) values but `\(second)` has \(secondCount)"
    case .tooFewRecords(let name, let count, let needed):
      return "`\(name)` has \(count) records; at least \(needed) are needed"
    case .undefined(let reason):
      return reason
    }
  }
}
