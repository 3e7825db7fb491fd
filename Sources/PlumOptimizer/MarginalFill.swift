/// Fills what the price λ leaves of the budget: repeatedly apply the upgrade (a record taking an
/// option, or a dearer one) with the most value per cost that still fits — ties by the caller's
/// hash, then record number — until nothing fits. Never over budget.
///
/// Memory: one heap entry (32 bytes) per record that has an upgrade within the remaining budget.
enum MarginalFill {
  struct Upgrade {
    var efficiency: Double
    var tieBreak: UInt64
    var record: Int32
    var slot: UInt8
    var deltaCost: Int64

    /// Whether `self` is applied before `other`.
    func precedes(_ other: Upgrade) -> Bool {
      if efficiency != other.efficiency { return efficiency > other.efficiency }
      if tieBreak != other.tieBreak { return tieBreak < other.tieBreak }
      return record < other.record
    }
  }

  static func fill(
    _ list: CandidateList, chosen: inout [UInt8], marginal: inout [Bool], remaining start: Int64,
    boosts: [Double], guardrail: FairnessGuard?
  ) {
    var remaining = start
    var guardrail = guardrail
    var heap = UpgradeHeap()
    for record in 0..<list.recordCount {
      if let upgrade = best(list, record: record, from: chosen[record], remaining: remaining, boosts: boosts)
      {
        heap.push(upgrade)
      }
    }
    while let upgrade = heap.pop() {
      let record = Int(upgrade.record)
      let isNew = chosen[record] == BudgetAllocation.none
      let allowed = !isNew || (guardrail?.canSelect(group: Int(list.groups[record])) ?? true)
      guard upgrade.deltaCost <= remaining, allowed else {
        if allowed,
          let again = best(list, record: record, from: chosen[record], remaining: remaining, boosts: boosts)
        {
          heap.push(again)
        }
        continue
      }
      remaining -= upgrade.deltaCost
      chosen[record] = upgrade.slot
      marginal[record] = true
      if isNew { guardrail?.select(group: Int(list.groups[record])) }
      if let next = best(list, record: record, from: upgrade.slot, remaining: remaining, boosts: boosts) {
        heap.push(next)
      }
    }
  }

  /// The record's most efficient upgrade from `current` that costs at most `remaining` more.
  static func best(
    _ list: CandidateList, record: Int, from current: UInt8, remaining: Int64, boosts: [Double]
  ) -> Upgrade? {
    let range = list.slots(of: record)
    let boost = list.boost(of: record, boosts)
    let baseSlot = current == BudgetAllocation.none ? nil : range.lowerBound + Int(current)
    let baseValue = baseSlot.map { list.values[$0] + boost } ?? 0
    let baseCost = baseSlot.map { list.costs[$0] } ?? 0
    var found: Upgrade?
    for slot in range where slot != baseSlot {
      let deltaCost = list.costs[slot] - baseCost
      let deltaValue = list.values[slot] + boost - baseValue
      guard deltaValue > 0, deltaCost >= 0, deltaCost <= remaining else { continue }
      let efficiency = deltaCost == 0 ? Double.infinity : deltaValue / Double(deltaCost)
      if let current = found,
        efficiency < current.efficiency
          || (efficiency == current.efficiency && deltaCost >= current.deltaCost)
      {
        continue
      }
      found = Upgrade(
        efficiency: efficiency, tieBreak: list.tieBreaks[record], record: Int32(record),
        slot: UInt8(slot - range.lowerBound), deltaCost: deltaCost)
    }
    return found
  }
}

/// A binary max-heap of upgrades ordered by `Upgrade.precedes`.
struct UpgradeHeap {
  private var items: [MarginalFill.Upgrade] = []

  mutating func push(_ item: MarginalFill.Upgrade) {
    items.append(item)
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard items[child].precedes(items[parent]) else { break }
      items.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> MarginalFill.Upgrade? {
    guard let top = items.first else { return nil }
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var parent = 0
      while true {
        let left = 2 * parent + 1
        let right = left + 1
        var first = parent
        if left < items.count, items[left].precedes(items[first]) { first = left }
        if right < items.count, items[right].precedes(items[first]) { first = right }
        guard first != parent else { break }
        items.swapAt(parent, first)
        parent = first
      }
    }
    return top
  }
}
