import Foundation
import PlumData
import PlumRuntime

/// Compares Plum's decisions with `shared/bench/reference.py`, record by record.
enum Agreement {
  /// Whether the decisions on both files agree with the reference, and a line saying so.
  static func check(_ program: Program, asOf: Int64, data: BenchData) -> (agrees: Bool, message: String) {
    guard let script = BenchData.sharedScript("reference.py") else {
      return (true, "agreement with reference.py: not checked (shared/bench/reference.py not found)")
    }
    let expectedPath = NSTemporaryDirectory() + "plum-bench-reference-\(getpid()).tsv"
    defer { try? FileManager.default.removeItem(atPath: expectedPath) }
    guard BenchData.python([script, data.csv], output: expectedPath),
      let expected = try? String(contentsOfFile: expectedPath, encoding: .utf8)
    else { return (false, "agreement with reference.py: the reference did not run") }
    let lines = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var results: [String] = []
    for (path, format) in [(data.csv, RunWorkloads.Format.csv), (data.jsonl, .jsonLines)] {
      let (compared, mismatch) = compare(program, asOf: asOf, path: path, format: format, expected: lines)
      if let mismatch { return (false, "DISAGREES with reference.py on \(path): \(mismatch)") }
      results.append("\(compared) records from \((path as NSString).lastPathComponent)")
    }
    return (true, "agrees with reference.py record by record: " + results.joined(separator: " and "))
  }

  private static func compare(
    _ program: Program, asOf: Int64, path: String, format: RunWorkloads.Format, expected: [String]
  ) -> (Int, String?) {
    guard let runner = try? DecisionRunner(program: program, asOf: asOf),
      let reader = RunWorkloads.reader(path, format, runner.schema)
    else { return (0, "cannot read") }
    var row = runner.schema.makeRow()
    var index = 0
    let key = runner.schema.slots[runner.schema.keyField ?? 0].index
    while let status = try? reader.next(into: &row) {
      guard case .record = status, runner.evaluate(row) else {
        return (index, "record \(index + 1) not decided")
      }
      let names = runner.selectedRewards.map { program.rewards[$0].name }.joined(separator: ",")
      let line = row.strings[key] + "\t" + names
      guard index < expected.count, expected[index] == line else {
        return (
          index,
          "record \(index + 1): plum `\(line)`, reference `\(index < expected.count ? expected[index] : "")`"
        )
      }
      index += 1
    }
    let remaining = expected.dropFirst(index).filter { !$0.isEmpty }.count
    return (index, remaining == 0 ? nil : "the reference has \(remaining) more records")
  }
}
