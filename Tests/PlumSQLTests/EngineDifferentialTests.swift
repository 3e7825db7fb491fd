import Foundation
import PlumSQL
import PlumTestSupport
import Testing

/// Every example policy, the edge-case fixture and the loyalty benchmark decide record by record
/// the same in each engine as `plum run`, including the records that err.
@Suite(.serialized)
struct EngineDifferentialTests {
  /// The policies with the records they are decided on.
  static func cases() -> [DifferentialCase] {
    [
      DifferentialCase(
        policy: repositoryPath("examples/winback/winback.plum"),
        data: repositoryPath("examples/winback/data/participants.csv")),
      DifferentialCase(
        policy: repositoryPath("examples/fraud/fraud.plum"),
        data: repositoryPath("examples/fraud/data/claims.csv")),
      DifferentialCase(
        policy: repositoryPath("examples/recognition/recognition.plum"),
        data: repositoryPath("examples/recognition/data/employees.csv")),
      DifferentialCase(
        policy: repositoryPath("examples/tutorial/coffee.plum"),
        data: repositoryPath("examples/tutorial/visits.csv")),
      DifferentialCase(
        policy: repositoryPath("Tests/PlumSQLTests/Fixtures/edge/edge.plum"),
        data: repositoryPath("Tests/PlumSQLTests/Fixtures/edge/edge.csv")),
      DifferentialCase(
        policy: repositoryPath("Tests/PlumSQLTests/Fixtures/trees/trees.plum"), data: TreeRecords.path),
      DifferentialCase(
        policy: repositoryPath("Tests/PlumSQLTests/Fixtures/forest/forest.plum"),
        data: repositoryPath("Tests/PlumSQLTests/Fixtures/forest/claims.csv")),
      DifferentialCase(policy: repositoryPath("examples/bench/loyalty.plum"), data: BenchmarkRecords.path),
    ]
  }

  /// The examples whose `because` texts show floats, which Spark SQL cannot print as the machine.
  static let floatTextPolicies: Set<String> = ["winback.plum", "fraud.plum", "recognition.plum"]

  @Test(arguments: SQLDialect.allCases)
  func decidesAsPlumRun(dialect: SQLDialect) throws {
    guard EngineHarness.ready(dialect),
      RequiredTool.available(
        RequiredTool.shared == nil ? ["../shared/bench (gen_data.py)"] : [], for: "the benchmark records")
    else { return }
    var jobs: [EngineJob] = []
    var compared: [DifferentialCase] = []
    for item in Self.cases() {
      let name = URL(fileURLWithPath: item.policy).lastPathComponent
      let (query, diagnostics) = Differential.compile(item.policy, dialect: dialect, asOf: item.asOf)
      if dialect == .spark && Self.floatTextPolicies.contains(name) {
        // Refused with the documented diagnostic, never a silently different text.
        #expect(query == nil, "\(name)")
        #expect(diagnostics.contains("error[P0803]"), "\(name): \(diagnostics)")
        continue
      }
      let compiled = try #require(query, "\(name) does not compile for \(dialect): \(diagnostics)")
      jobs.append(Differential.job(item, query: compiled))
      compared.append(item)
    }
    let results = try #require(EngineHarness.run(jobs, in: dialect))
    for (item, rows) in zip(compared, results) {
      let decisions = Differential.decisions(item)
      #expect(!decisions.isEmpty, "\(item.policy)")
      let differences = Differential.differences(decisions: decisions, rows: rows)
      let shown = differences.prefix(5).joined(separator: "\n")
      #expect(
        differences.isEmpty, "\(dialect.displayName), \(item.policy): \(differences.count) differ\n\(shown)")
    }
  }
}

/// The loyalty benchmark's 100,000 records, generated once per test run by the shared generator.
enum BenchmarkRecords {
  static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plum-sql-bench").path

  /// The CSV file, generated on first use.
  static let path: String = {
    // shared/ lies beside the clone (CI) or beside the worktrees' parent (a developer's machine).
    let generator = (RequiredTool.shared?.path ?? repositoryRoot + "/../shared") + "/bench/gen_data.py"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", generator, "100000"]
    process.environment = ProcessInfo.processInfo.environment.merging(["PLUM_BENCH_DATA": directory]) { $1 }
    process.standardOutput = FileHandle.nullDevice
    try? process.run()
    process.waitUntilExit()
    return directory + "/participants_100000.csv"
  }()
}

/// Records for the XGBoost fixture, written from its reference rows (missing values as empty fields).
enum TreeRecords {
  static let path: String = {
    let fixtures = repositoryPath("Tests/PlumModelsTests/Fixtures/trees.json")
    let target = FileManager.default.temporaryDirectory.appendingPathComponent("plum-sql-trees.csv").path
    guard let data = FileManager.default.contents(atPath: fixtures),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let cases = object["cases"] as? [[String: Any]],
      let binary = cases.first(where: { ($0["model"] as? String) == "xgboost-binary.json" }),
      let rows = binary["x"] as? [[Any]]
    else { return target }
    var lines = ["id," + (0..<10).map { "f\($0)" }.joined(separator: ",")]
    for (index, row) in rows.enumerated() {
      let values = row.map { value -> String in
        guard let number = value as? Double else { return "" }
        return number.description
      }
      lines.append("\(index + 1)," + values.joined(separator: ","))
    }
    try? (lines.joined(separator: "\n") + "\n").write(toFile: target, atomically: true, encoding: .utf8)
    return target
  }()
}
