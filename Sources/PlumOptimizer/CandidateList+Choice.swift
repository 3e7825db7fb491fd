/// The Lagrangian choice of one record at a price λ, shared by the solver, the fill and the
/// fairness search so they can never disagree.
extension CandidateList {
  /// The slot range of record `record`.
  func slots(of record: Int) -> Range<Int> {
    Int(starts[record])..<Int(starts[record + 1])
  }

  /// The largest price at which the record is still selected: the best `(value + boost) / cost`
  /// over its hull (`+∞` when a free option is worth more than `-boost`).
  func threshold(of record: Int, boost: Double) -> Double {
    let range = slots(of: record)
    var best = -Double.infinity
    for slot in range.lowerBound..<(range.lowerBound + Int(hullLengths[record])) {
      let worth = values[slot] + boost
      let ratio =
        costs[slot] == 0 ? (worth > 0 ? Double.infinity : -Double.infinity) : worth / Double(costs[slot])
      best = max(best, ratio)
    }
    return best
  }

  /// The hull option maximising `value − λ·cost` (ties go to the cheaper one).
  func hullChoice(of record: Int, lambda: Double) -> Int {
    let first = Int(starts[record])
    var chosen = first
    let end = first + Int(hullLengths[record])
    var slot = first + 1
    while slot < end {
      let efficiency = (values[slot] - values[slot - 1]) / Double(costs[slot] - costs[slot - 1])
      guard efficiency > lambda else { break }
      chosen = slot
      slot += 1
    }
    return chosen
  }

  /// The slot the record takes at price `lambda`, or `nil` when it takes nothing.
  func choice(of record: Int, lambda: Double, boost: Double) -> Int? {
    guard hullLengths[record] > 0, lambda < threshold(of: record, boost: boost) else { return nil }
    return hullChoice(of: record, lambda: lambda)
  }

  /// The record's spend at price `lambda`.
  func spend(of record: Int, lambda: Double, boost: Double) -> Int64 {
    choice(of: record, lambda: lambda, boost: boost).map { costs[$0] } ?? 0
  }

  /// The price breakpoints of the record: hull efficiencies and its selection threshold.
  func breakpoints(of record: Int, boost: Double) -> [Double] {
    let first = Int(starts[record])
    var points = [threshold(of: record, boost: boost)]
    for slot in (first + 1)..<max(first + 1, first + Int(hullLengths[record])) {
      points.append((values[slot] - values[slot - 1]) / Double(costs[slot] - costs[slot - 1]))
    }
    return points
  }

  /// The record's boost from `boosts` (indexed by group), 0 when there are none.
  func boost(of record: Int, _ boosts: [Double]) -> Double {
    boosts.isEmpty ? 0 : boosts[Int(groups[record])]
  }
}
