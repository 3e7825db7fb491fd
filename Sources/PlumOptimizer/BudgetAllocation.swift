/// The optimiser's allocation: which option each record receives, the price λ, and the figures a
/// run summary reports.
public struct BudgetAllocation: Sendable {
  /// The budget, or `nil` when unbounded.
  public let budget: Int64?
  /// The smallest price λ ≥ 0 at which the Lagrangian choice fits the budget.
  public let lambda: Double
  /// The total cost allocated, never above the budget.
  public let spent: Int64
  /// The total value captured.
  public let value: Double
  /// The optimum of the linear-programming relaxation (records may take fractions of options),
  /// an upper bound on any allocation's value: `Σ max(0, max value − λ·cost) + λ·budget`.
  public let upperBound: Double
  /// How many records take nothing although one of their options is worth more than 0.
  public let withheld: Int
  /// How many records take a less valuable option than their best.
  public let downgraded: Int

  let list: CandidateList
  let chosen: [UInt8]
  let marginal: [Bool]

  init(
    list: CandidateList, budget: Int64?, lambda: Double, upperBound: Double, chosen: [UInt8], marginal: [Bool]
  ) {
    self.list = list
    self.budget = budget
    self.lambda = lambda
    self.upperBound = upperBound
    self.chosen = chosen
    self.marginal = marginal
    var spent: Int64 = 0
    var value = 0.0
    var withheld = 0
    var downgraded = 0
    for record in 0..<list.recordCount {
      let range = list.slots(of: record)
      let best = range.map { list.values[$0] }.max() ?? 0
      if let slot = chosen[record] == Self.none ? nil : range.lowerBound + Int(chosen[record]) {
        spent += list.costs[slot]
        value += list.values[slot]
        if list.values[slot] < best { downgraded += 1 }
      } else if best > 0 {
        withheld += 1
      }
    }
    self.spent = spent
    self.value = value
    self.withheld = withheld
    self.downgraded = downgraded
  }

  static let none: UInt8 = 0xFF

  /// `upperBound − value`: how far the allocation may be from the best possible.
  public var gap: Double { upperBound - value }

  /// The caller's index of the option record `record` receives, or `nil` when it receives none.
  public func option(forRecord record: Int) -> Int? {
    guard chosen[record] != Self.none else { return nil }
    return Int(list.optionIndices[list.slots(of: record).lowerBound + Int(chosen[record])])
  }

  /// Whether the record's option was given when filling the last of the budget, after λ.
  public func isGivenAtMargin(record: Int) -> Bool { marginal[record] }

  /// How many records receive an option.
  public var selectedCount: Int { chosen.reduce(0) { $0 + ($1 == Self.none ? 0 : 1) } }
}

extension BudgetAllocation {
  /// How many records of each group (numbered `0..<groups`) receive an option.
  public func selectedCounts(groups: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: groups)
    for record in 0..<list.recordCount where chosen[record] != Self.none {
      let group = Int(list.groups[record])
      if group < groups { counts[group] += 1 }
    }
    return counts
  }
}
