import Foundation
import PlumCLI
import PlumSQL
import PlumTestSupport
import Testing

/// The repository's root directory.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

/// A path below the repository root.
func repositoryPath(_ relative: String) -> String { repositoryRoot + "/" + relative }

/// One query to run on one table of records.
struct EngineJob: Sendable {
  /// The table the query reads.
  var table = "participants"
  /// The columns, with their Plum kinds.
  var columns: [(name: String, kind: String)]
  /// The CSV file of records.
  var data: String
  /// The query.
  var query: String
}

/// Runs queries in a real engine through `scripts/sql/engine.py` (one engine start for all jobs).
enum EngineHarness {
  /// Whether the engine can be used here: its Python package or PostgreSQL's programs are installed.
  static func isAvailable(_ dialect: SQLDialect) -> Bool {
    switch dialect {
    case .duckdb: return run(["python3", "-c", "import duckdb"]).status == 0
    case .spark:
      return run(["python3", "-c", "import pyspark"]).status == 0 && run(["java", "-version"]).status == 0
    case .postgres:
      return ["17", "16", "15", "14", "13"].contains {
        FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb")
      }
    }
  }

  /// Whether a test that needs `dialect` should run; records a failure in CI when it is missing.
  static func ready(_ dialect: SQLDialect, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    RequiredTool.available(
      isAvailable(dialect) ? [] : ["\(dialect.displayName) (.ci/run installs it)"],
      for: "the \(dialect.displayName) differential test", sourceLocation: sourceLocation)
  }

  /// Runs every job and returns each one's result rows (JSON objects), or nil with a recorded issue.
  static func run(_ jobs: [EngineJob], in dialect: SQLDialect) -> [[[String: Any]]]? {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plum-sql-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var manifestJobs: [[String: Any]] = []
    for (index, job) in jobs.enumerated() {
      manifestJobs.append([
        "table": job.table, "columns": job.columns.map { [$0.name, $0.kind] }, "data": job.data,
        "query": job.query, "output": directory.appendingPathComponent("out\(index).jsonl").path,
      ])
    }
    let manifest: [String: Any] = ["engine": dialect.rawValue, "jobs": manifestJobs]
    guard let input = try? JSONSerialization.data(withJSONObject: manifest) else { return nil }
    let result = run(["python3", repositoryPath("scripts/sql/engine.py")], input: input)
    guard result.status == 0 else {
      Issue.record("\(dialect.displayName) harness failed: \(result.error.suffix(3000))")
      return nil
    }
    return jobs.indices.map { index in
      let path = directory.appendingPathComponent("out\(index).jsonl").path
      let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      return text.split(separator: "\n").compactMap {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
      }
    }
  }

  /// Runs a program and returns its exit status and standard error.
  @discardableResult
  static func run(_ arguments: [String], input: Data? = nil) -> (status: Int32, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let errors = Pipe()
    let inputPipe = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = inputPipe
    do { try process.run() } catch { return (127, "\(error)") }
    if let input { inputPipe.fileHandleForWriting.write(input) }
    try? inputPipe.fileHandleForWriting.close()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: errorData, as: UTF8.self))
  }
}
