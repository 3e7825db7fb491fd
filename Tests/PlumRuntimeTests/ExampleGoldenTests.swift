import Foundation
import PlumModels
import PlumTestSupport
import Testing

@testable import PlumRuntime

/// The shipped example policies, their IR and their decisions on the shipped data.
@Suite struct ExampleGoldenTests {
  static let examples = [
    ("bench", "examples/bench/loyalty.plum", ""),
    ("winback", "examples/winback/winback.plum", "examples/winback/data/participants"),
    ("recognition", "examples/recognition/recognition.plum", "examples/recognition/data/employees"),
    ("fraud", "examples/fraud/fraud.plum", "examples/fraud/data/claims"),
  ]

  static func program(_ path: String, explain: Bool = false) -> Program? {
    let directory = (PolicyHarness.packageRoot + "/" + path as NSString).deletingLastPathComponent
    return PolicyHarness.compile(
      PolicyHarness.read(path), name: path, explain: explain, modelDirectory: directory)
  }

  @Test(arguments: examples.map(\.0))
  func intermediateRepresentation(name: String) throws {
    let path = try #require(Self.examples.first { $0.0 == name }).1
    let program = try #require(Self.program(path))
    expectGolden(ProgramDump.render(program), "ir/\(name).ir")
    let explaining = try #require(Self.program(path, explain: true))
    expectGolden(ProgramDump.render(explaining), "ir/\(name).explain.ir")
  }

  @Test(arguments: ["winback", "recognition", "fraud"])
  func decisions(name: String) throws {
    let example = try #require(Self.examples.first { $0.0 == name })
    let csv = PolicyHarness.read(example.2 + ".csv")
    try #require(!csv.isEmpty, "example data is missing; run scripts/examples/gen_example_data.py")
    let program = try #require(Self.program(example.1))
    let output = PolicyHarness.run(program, records: csv, csv: true)
    expectGolden(output, "decisions/\(name).jsonl")
    #expect(DecisionLine.parse(output).count == csv.split(separator: "\n").count - 1)
    let explaining = try #require(Self.program(example.1, explain: true))
    // The explained decisions of the first 40 records keep the golden file readable.
    let head =
      csv.split(separator: "\n", omittingEmptySubsequences: false).prefix(41).joined(separator: "\n") + "\n"
    expectGolden(
      PolicyHarness.run(explaining, records: head, csv: true, explain: true),
      "decisions/\(name).explain.jsonl")
  }

  /// The same records as CSV and as JSON Lines decide byte for byte alike, and so does a second run.
  @Test(arguments: ["winback", "recognition"])
  func csvAndJSONLinesDecideAlike(name: String) throws {
    let example = try #require(Self.examples.first { $0.0 == name })
    for explain in [false, true] {
      let program = try #require(Self.program(example.1, explain: explain))
      let fromCSV = PolicyHarness.run(
        program, records: PolicyHarness.read(example.2 + ".csv"), csv: true, explain: explain)
      let fromJSONLines = PolicyHarness.run(
        program, records: PolicyHarness.read(example.2 + ".jsonl"), explain: explain)
      #expect(!fromCSV.isEmpty)
      #expect(fromCSV == fromJSONLines)
      let again = PolicyHarness.run(
        program, records: PolicyHarness.read(example.2 + ".csv"), csv: true, explain: explain)
      #expect(again == fromCSV)
    }
  }

  @Test func exampleDataIsWhatTheGeneratorMakes() throws {
    let script = PolicyHarness.packageRoot + "/scripts/examples/gen_example_data.py"
    guard
      RequiredTool.available(
        RequiredTool.python3 == nil ? ["python3"] : [], for: "regenerating the example data"),
      let python3 = RequiredTool.python3
    else { return }
    let outcome = try ProcessRunner.run(python3, [script, "--check"])
    #expect(outcome.status == 0, "the committed example data differs from the generator's output")
  }
}
