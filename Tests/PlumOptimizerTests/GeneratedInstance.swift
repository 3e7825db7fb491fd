import Foundation
import PlumModels
import PlumOptimizer

/// A generated allocation instance, built exactly as `scripts/fixtures/optimizer.py` builds it from
/// the same seed (SplitMix64, the same draws in the same order), so the fixture needs only seeds.
struct GeneratedInstance {
  struct Row {
    var group: Int
    var options: [BudgetOption]
    var tieBreak: UInt64
  }

  var rows: [Row] = []

  init(seed: UInt64, records: Int, skew: [Double], emptyTenths: UInt64, ties: Bool) {
    var random = SplitMix64(seed: seed)
    for _ in 0..<records {
      let group = Int(random.next() % UInt64(skew.count))
      let empty = random.next() % 10 < emptyTenths
      let count = empty ? 0 : 2 + Int(random.next() % 5)
      var options: [BudgetOption] = []
      for index in 0..<count {
        if ties {
          let cost = Int64(500 * (1 + random.next() % 2))
          options.append(BudgetOption(index: index, value: 5.0 * Double(1 + random.next() % 3), cost: cost))
        } else {
          let cost = Int64(100 * (1 + random.next() % 40))
          let value = Double(random.next() % 5000) / 100.0 * skew[group] - 3.0
          options.append(BudgetOption(index: index, value: value, cost: cost))
        }
      }
      rows.append(Row(group: group, options: options, tieBreak: random.next()))
    }
  }

  /// The instance described by a fixture's `instance` object.
  init(fixture: [String: Any]) throws {
    guard let seed = fixture["seed"] as? Int, let records = fixture["records"] as? Int,
      let skew = fixture["skew"] as? [Double], let empty = fixture["empty_tenths"] as? Int,
      let kind = fixture["kind"] as? String
    else { throw OptimizerFixtureError("malformed instance \(fixture)") }
    self.init(
      seed: UInt64(seed), records: records, skew: skew, emptyTenths: UInt64(empty), ties: kind == "ties")
  }

  /// The candidate list of every row.
  func candidates() throws -> CandidateList {
    var list = CandidateList()
    for row in rows { try list.addRecord(row.options, tieBreak: row.tieBreak, group: UInt16(row.group)) }
    return list
  }

  /// The most the records could spend, each on its dearest option.
  var maximumSpend: Int64 { rows.reduce(0) { $0 + ($1.options.map(\.cost).max() ?? 0) } }

  /// How many rows each group has.
  func groupSizes(_ groups: Int) -> [Int] {
    var sizes = [Int](repeating: 0, count: groups)
    for row in rows { sizes[row.group] += 1 }
    return sizes
  }
}

/// A fixture that is missing or not shaped as expected.
struct OptimizerFixtureError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// The optimiser fixture written by `scripts/fixtures/optimizer.py`; missing, it fails the test.
func loadOptimizerFixture() throws -> [String: Any] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/optimizer.json")
  guard let data = FileManager.default.contents(atPath: url.path),
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
  else { throw OptimizerFixtureError("missing fixture optimizer.json; run scripts/fixtures/optimizer.py") }
  return object
}
