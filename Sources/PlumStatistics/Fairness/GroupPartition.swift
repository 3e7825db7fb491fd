/// Records split by group: each group's row indices in key order, and the rows with no group.
struct GroupPartition {
  /// The groups in ascending key order with the rows of each, in input order.
  let groups: [(key: GroupKey, rows: [Int])]
  /// How many records miss an attribute.
  let missingCount: Int
  /// All records, missing ones included.
  let recordCount: Int

  /// Splits `keys`, which must have `expectedCount` entries.
  init(_ keys: [GroupKey?], expectedCount: Int, name: String) throws(StatisticsError) {
    guard keys.count == expectedCount else {
      throw .lengthMismatch(first: name, firstCount: expectedCount, second: "groups", secondCount: keys.count)
    }
    var rowsByKey: [GroupKey: [Int]] = [:]
    var missing = 0
    for (row, key) in keys.enumerated() {
      guard let key else {
        missing += 1
        continue
      }
      rowsByKey[key, default: []].append(row)
    }
    groups = rowsByKey.sorted { $0.key < $1.key }.map { (key: $0.key, rows: $0.value) }
    missingCount = missing
    recordCount = keys.count
  }
}

/// The spread of a figure across compared groups: highest minus lowest, lowest over highest.
struct Spread {
  let highest: Double
  let lowest: Double

  /// The spread of the non-nil `values`, or nil when there are none.
  init?(_ values: [Double?]) {
    let present = values.compactMap { $0 }
    guard let highest = present.max(), let lowest = present.min() else { return nil }
    self.highest = highest
    self.lowest = lowest
  }

  var difference: Double { highest - lowest }
  var ratio: Double? { highest > 0 ? lowest / highest : nil }
}
