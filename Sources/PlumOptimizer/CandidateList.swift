/// One option a record may receive: the caller's index for it, its value (the expected benefit,
/// maximised) and its cost in integer minor units (bounded by the budget).
public struct BudgetOption: Sendable, Equatable {
  /// The caller's index for the option (e.g. the reward's position in the policy), 0…65,535.
  public var index: Int
  /// The expected benefit; any finite number (options worth 0 or less are never bought for value).
  public var value: Double
  /// The cost in minor units, zero or more.
  public var cost: Int64

  /// Creates an option.
  public init(index: Int, value: Double, cost: Int64) {
    self.index = index
    self.value = value
    self.cost = cost
  }
}

/// The compact input of the budget optimiser: per record a short list of options, of which it
/// receives at most one (a multiple-choice knapsack), and nothing else about the record.
///
/// Memory: 18 bytes per candidate (value 8, cost 8, option index 2) and 15 bytes per record that
/// has candidates (offset 4, hull length 1, tie-break hash 8, group 2), in flat arrays. Records
/// without candidates are not stored; records are numbered 0, 1, … in the order they were added.
///
/// Each record's options are stored sorted so that the first `hullLength` form its upper concave
/// hull in cost order — the only options the Lagrangian choice `argmax value − λ·cost` can pick —
/// and the others follow (kept for filling the last of the budget).
///
/// For "select all" policies, where a record may receive several rewards independently, add each
/// (record, reward) pair as its own record with one option.
public struct CandidateList: Sendable {
  var values: [Double] = []
  var costs: [Int64] = []
  var optionIndices: [UInt16] = []
  var starts: [UInt32] = [0]
  var hullLengths: [UInt8] = []
  var tieBreaks: [UInt64] = []
  var groups: [UInt16] = []
  var maximumSpend: Int64 = 0

  /// Creates an empty list.
  public init() {}

  /// The number of records added.
  public var recordCount: Int { hullLengths.count }
  /// The number of candidates over all records.
  public var candidateCount: Int { values.count }
  /// The largest value of any single option (the bound on the distance from the LP optimum).
  public private(set) var largestValue: Double = 0

  /// Adds a record with its options; returns the record's number.
  /// - Parameters:
  ///   - options: the record's options; an empty list is allowed (the record can receive nothing).
  ///   - tieBreak: a hash of the record's key and the run's seed, which orders otherwise equal
  ///     records when the last of the budget is filled.
  ///   - group: the record's fairness group (0 when there is no constraint).
  @discardableResult
  public mutating func addRecord(
    _ options: [BudgetOption], tieBreak: UInt64, group: UInt16 = 0
  ) throws(OptimizerError) -> Int {
    let record = recordCount
    guard options.count <= 255 else { throw .tooManyOptions(record: record, count: options.count) }
    guard UInt64(values.count) + UInt64(options.count) < UInt64(UInt32.max) else { throw .tooManyCandidates }
    var highest: Int64 = 0
    for option in options {
      guard option.value.isFinite else { throw .nonFiniteValue(record: record, option: option.index) }
      guard option.cost >= 0 else {
        throw .negativeCost(record: record, option: option.index, cost: option.cost)
      }
      guard (0...Int(UInt16.max)).contains(option.index) else {
        throw .optionIndexOutOfRange(record: record, option: option.index)
      }
      highest = max(highest, option.cost)
    }
    let (total, overflow) = maximumSpend.addingReportingOverflow(highest)
    guard !overflow else { throw .costOverflow(record: record) }
    maximumSpend = total
    let (ordered, hull) = Self.hullOrder(options)
    for option in ordered {
      values.append(option.value)
      costs.append(option.cost)
      optionIndices.append(UInt16(option.index))
      largestValue = max(largestValue, option.value)
    }
    starts.append(UInt32(values.count))
    hullLengths.append(UInt8(hull))
    tieBreaks.append(tieBreak)
    groups.append(group)
    return record
  }

  /// The options sorted with the upper concave hull first, and the hull's length.
  ///
  /// Sorted by cost, then value descending, then the caller's order; a hull point must be worth
  /// strictly more than the previous one and make the efficiencies (Δvalue / Δcost) strictly
  /// decreasing, so equal-value dearer options and points under a chord are left off the hull.
  static func hullOrder(_ options: [BudgetOption]) -> ([BudgetOption], Int) {
    let sorted = options.enumerated().sorted { lhs, rhs in
      if lhs.element.cost != rhs.element.cost { return lhs.element.cost < rhs.element.cost }
      if lhs.element.value != rhs.element.value { return lhs.element.value > rhs.element.value }
      return lhs.offset < rhs.offset
    }.map(\.offset)
    var hull: [Int] = []
    for position in sorted {
      let option = options[position]
      if let last = hull.last {
        guard option.value > options[last].value, option.cost > options[last].cost else { continue }
      }
      while hull.count >= 2 {
        let a = options[hull[hull.count - 2]]
        let b = options[hull[hull.count - 1]]
        if efficiency(from: a, to: b) <= efficiency(from: b, to: option) {
          hull.removeLast()
        } else {
          break
        }
      }
      hull.append(position)
    }
    let onHull = Set(hull)
    let rest = sorted.filter { !onHull.contains($0) }
    return ((hull + rest).map { options[$0] }, hull.count)
  }

  static func efficiency(from a: BudgetOption, to b: BudgetOption) -> Double {
    (b.value - a.value) / Double(b.cost - a.cost)
  }
}
