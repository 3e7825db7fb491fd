/// Why a candidate list could not be built or solved.
public enum OptimizerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// An option's value is NaN or infinite.
  case nonFiniteValue(record: Int, option: Int)
  /// An option's cost is negative.
  case negativeCost(record: Int, option: Int, cost: Int64)
  /// An option index does not fit the compact list (0 through 65,535).
  case optionIndexOutOfRange(record: Int, option: Int)
  /// A record has more options than the compact list holds (255).
  case tooManyOptions(record: Int, count: Int)
  /// The list holds more candidates than it can index (2³² − 1).
  case tooManyCandidates
  /// The costs could add up to more than a 64-bit count of minor units.
  case costOverflow(record: Int)
  /// The budget is negative.
  case negativeBudget(Int64)
  /// A fairness parameter is out of range.
  case invalidFairness(String)

  /// A one-line, lower-case explanation.
  public var description: String {
    switch self {
    case .nonFiniteValue(let record, let option):
      return "the value of option \(option) of record \(record + 1) is NaN or infinite"
    case .negativeCost(let record, let option, let cost):
      return "the cost of option \(option) of record \(record + 1) is negative (\(cost))"
    case .optionIndexOutOfRange(let record, let option):
      return "option index \(option) of record \(record + 1) is outside 0…65535"
    case .tooManyOptions(let record, let count):
      return "record \(record + 1) has \(count) options; at most 255 are supported"
    case .tooManyCandidates:
      return "the run has more candidates than the optimiser can index"
    case .costOverflow(let record):
      return "the costs overflow a 64-bit total at record \(record + 1)"
    case .negativeBudget(let budget):
      return "the budget is negative (\(budget))"
    case .invalidFairness(let reason):
      return "invalid fairness constraint: \(reason)"
    }
  }
}
