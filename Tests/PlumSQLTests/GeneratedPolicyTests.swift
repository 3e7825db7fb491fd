import Foundation
import PlumModels
import PlumSQL
import Testing

/// The machine and DuckDB agree on generated policies: random expressions over the supported
/// operators and built-ins, decided on records full of edge values.
struct GeneratedPolicyTests {
  @Test(arguments: [UInt64(20_261_204), 7, 99])
  func machineAndDuckDBAgree(seed: UInt64) throws {
    guard EngineHarness.ready(.duckdb) else { return }
    var generator = PolicyGenerator(random: SplitMix64(seed: seed))
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plum-sql-gen-\(seed)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer {
      if ProcessInfo.processInfo.environment["PLUM_KEEP"] == nil {
        try? FileManager.default.removeItem(at: directory)
      }
    }
    let data = directory.appendingPathComponent("records.csv").path
    try generator.records(300).write(toFile: data, atomically: true, encoding: .utf8)
    var cases: [DifferentialCase] = []
    var jobs: [EngineJob] = []
    for index in 0..<20 {
      let path = directory.appendingPathComponent("p\(index).plum").path
      try generator.policy(index).write(toFile: path, atomically: true, encoding: .utf8)
      let item = DifferentialCase(policy: path, data: data)
      let (query, diagnostics) = Differential.compile(path, dialect: .duckdb, asOf: item.asOf)
      let compiled = try #require(
        query, "generated policy \(index) (seed \(seed)) does not compile: \(diagnostics)")
      cases.append(item)
      jobs.append(Differential.job(item, query: compiled))
    }
    let results = try #require(EngineHarness.run(jobs, in: .duckdb))
    var decided = 0
    var errors = 0
    var unprintable = 0
    for (item, rows) in zip(cases, results) {
      let decisions = Differential.decisions(item)
      decided += decisions.filter { !$0.contains("\"error\":") }.count
      errors += decisions.filter { $0.contains("\"error\":") }.count
      let differences = Differential.differences(decisions: decisions, rows: rows, unprintable: &unprintable)
      let source = (try? String(contentsOfFile: item.policy, encoding: .utf8)) ?? ""
      #expect(
        differences.isEmpty,
        "seed \(seed), \(differences.count) records differ:\n\(differences.prefix(3).joined(separator: "\n"))\n\(source)"
      )
    }
    // The records exercise both outcomes: decisions and evaluation errors.
    #expect(decided > 500 && errors > 500, "\(decided) decisions, \(errors) errors")
    // Texts of floats past 2^127 with fixed decimals are refused per record (P0808), and rarely.
    #expect(unprintable * 5 < decided, "\(unprintable) records refused with P0808")
  }
}
