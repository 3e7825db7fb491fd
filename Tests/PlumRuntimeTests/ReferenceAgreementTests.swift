import Foundation
import PlumData
import PlumTestSupport
import Testing

@testable import PlumRuntime

/// `examples/bench/loyalty.plum` decides exactly as `shared/bench/reference.py` on 100,000
/// generated records, read as CSV and as JSON Lines.
@Suite struct ReferenceAgreementTests {
  static let bench = (RequiredTool.shared?.path ?? PolicyHarness.packageRoot + "/../shared") + "/bench"
  static let records = 100_000

  @Test func loyaltyAgreesWithTheReference() throws {
    let generator = Self.bench + "/gen_data.py"
    let reference = Self.bench + "/reference.py"
    let manager = FileManager.default
    var missing: [String] = []
    if RequiredTool.python3 == nil { missing.append("python3") }
    if !manager.fileExists(atPath: generator) || !manager.fileExists(atPath: reference) {
      missing.append("../shared/bench (gen_data.py, reference.py)")
    }
    guard RequiredTool.available(missing, for: "the reference agreement"), let python3 = RequiredTool.python3
    else {
      return
    }
    let directory = ProcessInfo.processInfo.environment["PLUM_BENCH_DATA"] ?? "/tmp/plum-bench"
    try python(python3, [generator, String(Self.records)], environment: ["PLUM_BENCH_DATA": directory])
    let csv = "\(directory)/participants_\(Self.records).csv"
    let jsonl = "\(directory)/participants_\(Self.records).jsonl"
    let expected = try python(python3, [reference, csv]).split(separator: "\n").map(String.init)
    #expect(expected.count == Self.records)
    let program = try #require(
      PolicyHarness.compile(PolicyHarness.read("examples/bench/loyalty.plum"), name: "loyalty.plum"))
    for path in [csv, jsonl] {
      let runner = try DecisionRunner(program: program, asOf: PolicyHarness.asOf)
      let reader: any RecordReader =
        path.hasSuffix(".csv")
        ? try CSVReader(schema: runner.schema, path: path)
        : try JSONLinesReader(schema: runner.schema, path: path)
      var row = runner.schema.makeRow()
      let key = runner.schema.slots[try #require(runner.schema.keyField)].index
      var index = 0
      var mismatches = 0
      while let status = try reader.next(into: &row) {
        guard case .record = status, runner.evaluate(row), index < expected.count else {
          Issue.record("record \(index + 1) of \(path) was not decided")
          return
        }
        let line =
          row.strings[key] + "\t"
          + runner.selectedRewards.map { program.rewards[$0].name }.joined(separator: ",")
        if line != expected[index] {
          mismatches += 1
          if mismatches <= 5 {
            Issue.record("\(path) record \(index + 1): plum `\(line)`, reference `\(expected[index])`")
          }
        }
        index += 1
      }
      #expect(index == Self.records)
      #expect(mismatches == 0)
    }
  }

  @discardableResult
  private func python(_ python3: URL, _ arguments: [String], environment: [String: String] = [:]) throws
    -> String
  {
    let process = Process()
    process.executableURL = python3
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 \(arguments.joined(separator: " ")) failed")
    return String(decoding: data, as: UTF8.self)
  }
}
