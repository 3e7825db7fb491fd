import Foundation
import PlumTestSupport
import Testing

@testable import PlumCLI

/// `plum run --jobs N` writes what `--jobs 1` writes, byte for byte, with the same summary, standard
/// error and exit status: on every example and its data, and on the benchmark's generated records
/// with malformed records and repeated keys mixed in.
@Suite struct RunJobsTests {
  static let jobCounts = [1, 2, 3, 7]

  /// What one run left, with the elapsed time taken out.
  struct Outcome: Equatable {
    var status: Int32
    var output: String
    var error: String
    var summary: String
  }

  /// Standard error or a summary without the run's duration.
  static func timeless(_ text: String) -> String {
    text.replacingOccurrences(of: #" in [0-9.]+ s"#, with: " in _ s", options: .regularExpression)
      .replacingOccurrences(of: #""seconds": [0-9.]+"#, with: #""seconds": _"#, options: .regularExpression)
  }

  static func captured(_ arguments: [String]) -> Outcome {
    let io = CapturedIO()
    let status = PlumCommand.run(arguments + ["--summary", "summary.json"], io: io)
    let summary = io.files["summary.json"].map { String(decoding: $0, as: UTF8.self) } ?? ""
    return Outcome(
      status: status.rawValue, output: io.out, error: timeless(io.err), summary: timeless(summary))
  }

  /// The examples' policies with the record files beside them (their `data` folders).
  static func exampleRuns() throws -> [(policy: String, data: [String])] {
    let root = Repository.root().appendingPathComponent("examples")
    let manager = FileManager.default
    var runs: [(String, [String])] = []
    for folder in try manager.contentsOfDirectory(atPath: root.path).sorted() {
      let directory = root.appendingPathComponent(folder)
      guard let files = manager.enumerator(atPath: directory.path)?.compactMap({ $0 as? String }) else {
        continue
      }
      let policies = files.filter { $0.hasSuffix(".plum") }.sorted()
      let data = files.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".jsonl") }.sorted()
      for policy in policies {
        let path = { (file: String) in directory.appendingPathComponent(file).path }
        for file in data { runs.append((path(policy), [path(file)])) }
        if data.count > 1 { runs.append((path(policy), data.map(path))) }
      }
    }
    return runs
  }

  @Test func everyExampleIsTheSameOnEveryJobCount() throws {
    let runs = try Self.exampleRuns()
    #expect(runs.count >= 8)
    var decided = 0
    for run in runs {
      for extra in [[], ["--explain"], ["--strict"]] {
        let arguments = ["run", run.policy] + run.data + ["--as-of", "2026-01-15"] + extra
        let expected = Self.captured(arguments + ["--jobs", "1"])
        if expected.status == 0 || expected.status == 1 { decided += 1 }
        for jobs in Self.jobCounts.dropFirst() {
          let actual = Self.captured(arguments + ["--jobs", String(jobs)])
          #expect(actual == expected, "\(arguments.joined(separator: " ")) --jobs \(jobs)")
        }
      }
    }
    // Most runs decide records (the others are a policy's own errors or a file of another schema).
    #expect(decided * 2 >= runs.count * 3)
  }

  @Test func jobsMustBeAPositiveNumber() {
    for value in ["0", "-1", "two", "257"] {
      let io = CapturedIO()
      let status = PlumCommand.run(["run", "x.plum", "x.csv", "--jobs", value], io: io)
      #expect(status == .usage)
      #expect(io.err.contains("--jobs takes a whole number from 1 to 256, not '\(value)'"))
    }
  }

  // MARK: The benchmark's records

  /// `plum run` as a process, writing to files as a user would; `--jobs` and the files differ.
  static func process(_ plum: URL, _ arguments: [String], in directory: URL, name: String) throws -> Outcome {
    let out = directory.appendingPathComponent("\(name).out").path
    let summary = directory.appendingPathComponent("\(name).summary").path
    let result = try ProcessRunner.run(plum, arguments + ["--out", out, "--summary", summary])
    let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing>" }
    return Outcome(
      status: result.status, output: read(out), error: timeless(result.error),
      summary: timeless(read(summary)))
  }

  /// The generated CSV with problems mixed in: bad values, wrong field counts, quoted fields across
  /// lines (one of them with a stray quote), blank lines and rows repeated later (repeated keys).
  static func damagedCSV(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for index in stride(from: 1, to: lines.count - 1, by: 1) {
      var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count > 10 else { continue }
      if index % 997 == 0 { fields[1] = "abc" }
      if index % 1009 == 0 { fields.removeLast() }
      if index % 2003 == 0 { fields[10] = "\"two\nlines, \"\"quoted\"\"\"" }
      if index % 4001 == 0 { fields[10] = "\"stray\" quote\nnext" }
      if index % 1499 == 0, index > 10 { fields = lines[index - 7].split(separator: ",").map(String.init) }
      lines[index] = fields.joined(separator: ",") + (index % 3001 == 0 ? "\n" : "")
    }
    return lines.joined(separator: "\n")
  }

  /// The generated JSON Lines with malformed lines, blank lines and repeated records.
  static func damagedJSONLines(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for index in stride(from: 1, to: lines.count - 1, by: 1) {
      if index % 997 == 0 { lines[index] = "{\"id\": broken" }
      if index % 1499 == 0 { lines[index] = lines[index - 5] }
      if index % 1009 == 0 {
        lines[index] = lines[index].replacingOccurrences(of: "\"age\"", with: "\"old\"")
      }
      if index % 3001 == 0 { lines[index] += "\n   " }
    }
    return lines.joined(separator: "\n")
  }

  @Test func benchmarkRecordsAreTheSameOnEveryJobCount() throws {
    let generator = RequiredTool.shared?.appendingPathComponent("bench/gen_data.py")
    var missing: [String] = []
    if RequiredTool.python3 == nil { missing.append("python3") }
    if generator.map({ !FileManager.default.fileExists(atPath: $0.path) }) ?? true {
      missing.append("../shared/bench/gen_data.py")
    }
    if builtPlum == nil { missing.append("the built plum executable") }
    guard RequiredTool.available(missing, for: "the --jobs benchmark comparison"),
      let python3 = RequiredTool.python3, let generator, let plum = builtPlum
    else { return }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plum-jobs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let process = Process()
    process.executableURL = python3
    process.arguments = [generator.path, "100000"]
    process.environment = ["PLUM_BENCH_DATA": directory.path]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    let csv = directory.appendingPathComponent("participants_100000.csv")
    let jsonl = directory.appendingPathComponent("participants_100000.jsonl")
    let badCSV = directory.appendingPathComponent("damaged.csv")
    let badJSONL = directory.appendingPathComponent("damaged.jsonl")
    let smallCSV = directory.appendingPathComponent("small.csv")
    try Self.damagedCSV(String(contentsOf: csv, encoding: .utf8)).write(
      to: badCSV, atomically: true, encoding: .utf8)
    try Self.damagedJSONLines(String(contentsOf: jsonl, encoding: .utf8))
      .write(to: badJSONL, atomically: true, encoding: .utf8)
    let badLines = try String(contentsOf: badCSV, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    try badLines.prefix(3000).joined(separator: "\n").write(to: smallCSV, atomically: true, encoding: .utf8)

    let policy = Repository.path("examples/bench/loyalty.plum")
    let cases: [[String]] = [
      [csv.path], [jsonl.path], [badCSV.path], [badJSONL.path], [badCSV.path, badJSONL.path],
      [badCSV.path, "--strict"], [smallCSV.path, "--explain"],
    ]
    for (number, arguments) in cases.enumerated() {
      let run = ["run", policy] + arguments + ["--as-of", "2026-01-15"]
      let expected = try Self.process(plum, run + ["--jobs", "1"], in: directory, name: "case\(number)-1")
      #expect(expected.output.count > 1000, "\(arguments)")
      #expect(expected.status == (number < 2 ? 0 : 1), "\(arguments)")
      for jobs in Self.jobCounts.dropFirst() {
        let actual = try Self.process(
          plum, run + ["--jobs", String(jobs)], in: directory, name: "case\(number)-\(jobs)")
        #expect(actual == expected, "\(arguments) --jobs \(jobs)")
      }
    }
  }
}
