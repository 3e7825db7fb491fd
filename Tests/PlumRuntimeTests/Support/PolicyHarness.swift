import Foundation
import PlumChecker
import PlumData
import PlumDiagnostics
import PlumModels
import PlumSyntax
import PlumTestSupport
import Testing

@testable import PlumRuntime

/// Compiles policies from source text and runs records through them, for tests.
enum PolicyHarness {
  /// The repository root, from this file's location.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// The as-of date every test runs with: 2026-11-23.
  static let asOf = CivilDate.days(year: 2026, month: 11, day: 23)

  /// Parses, checks and lowers a policy; records an issue and returns nil when any phase reports an error.
  static func compile(
    _ text: String, name: String = "test.plum", explain: Bool = false, modelDirectory: String = ".",
    models: [String: LogisticRegression] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> Program? {
    let source = SourceFile(name: name, text: text)
    let (file, parseDiagnostics) = Parser.parse(source)
    let checked = Checker.check(file, source: source)
    let errors = (parseDiagnostics + checked.diagnostics).filter { $0.severity == .error }
    guard errors.isEmpty, let policy = checked.policy else {
      Issue.record("policy does not check: \(errors.map(\.message))", sourceLocation: sourceLocation)
      return nil
    }
    let lowered = Lowering.lower(
      policy, source: source,
      options: LoweringOptions(explain: explain, modelDirectory: modelDirectory, models: models))
    guard let program = lowered.program else {
      Issue.record(
        "policy does not lower: \(lowered.diagnostics.map(\.message))", sourceLocation: sourceLocation)
      return nil
    }
    return program
  }

  /// The lowering diagnostics of a policy that checks.
  static func loweringDiagnostics(
    _ text: String, models: [String: LogisticRegression] = [:], directory: String = "."
  ) -> [Diagnostic] {
    let source = SourceFile(name: "test.plum", text: text)
    let (file, _) = Parser.parse(source)
    guard let policy = Checker.check(file, source: source).policy else { return [] }
    return Lowering.lower(
      policy, source: source, options: LoweringOptions(modelDirectory: directory, models: models)
    ).diagnostics
  }

  /// The decision lines for records given as JSON Lines (or CSV when `csv` is true).
  static func run(_ program: Program, records: String, csv: Bool = false, explain: Bool = false) -> String {
    guard let runner = try? DecisionRunner(program: program, asOf: asOf) else { return "<schema error>" }
    let source = MemorySource(text: records)
    let writer = JSONLinesWriter()
    do {
      let reader: any RecordReader =
        csv
        ? try CSVReader(schema: runner.schema, source: source)
        : JSONLinesReader(schema: runner.schema, source: source)
      _ = try runner.run(reader, to: writer, explain: explain)
    } catch {
      return "<\(error)>"
    }
    return writer.text
  }

  /// Reads a file of the repository.
  static func read(_ relativePath: String) -> String {
    (try? String(contentsOfFile: packageRoot + "/" + relativePath, encoding: .utf8)) ?? ""
  }
}

/// One decoded decision line.
struct DecisionLine: Decodable {
  struct Reward: Decodable {
    var name: String
    var kind: String
    var because: String?
    var amount: AmountValue?
  }
  struct Failure: Decodable {
    var code: String
    var message: String
    var field: String?
    var line: Int?
  }
  var record: Int
  var key: String?
  var rewards: [Reward]?
  var reasons: [String]?
  var error: Failure?

  /// Decodes every line of an output.
  static func parse(_ output: String) -> [DecisionLine] {
    output.split(separator: "\n").compactMap {
      try? JSONDecoder().decode(DecisionLine.self, from: Data($0.utf8))
    }
  }
}

/// A reward amount: points are numbers, voucher amounts strings.
enum AmountValue: Decodable, Equatable {
  case number(Int64)
  case text(String)

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Int64.self) {
      self = .number(number)
    } else {
      self = .text(try container.decode(String.self))
    }
  }
}

/// Compares text with a golden file under Fixtures; `PLUM_RECORD=1` rewrites the file.
func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
{
  GoldenFiles(besideTestFile: #filePath).expect(actual, name, sourceLocation: sourceLocation)
}
