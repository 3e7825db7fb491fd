import Foundation

/// The shared generated records (`shared/bench/gen_data.py`), generated when missing.
struct BenchData {
  var csv: String
  var jsonl: String

  /// The files for `records` records in `$PLUM_BENCH_DATA` (or /tmp/plum-bench), generating them
  /// with the shared generator when they are missing.
  static func locate(records: Int) -> BenchData? {
    let directory = ProcessInfo.processInfo.environment["PLUM_BENCH_DATA"] ?? "/tmp/plum-bench"
    let data = BenchData(
      csv: "\(directory)/participants_\(records).csv", jsonl: "\(directory)/participants_\(records).jsonl")
    let manager = FileManager.default
    if manager.fileExists(atPath: data.csv) && manager.fileExists(atPath: data.jsonl) { return data }
    guard let generator = sharedScript("gen_data.py") else {
      print("plum-bench: no data in \(directory) and no shared/bench/gen_data.py to make it")
      return nil
    }
    print("plum-bench: generating \(records) records with \(generator)…")
    guard Self.python([generator, String(records)], output: nil) else { return nil }
    return data
  }

  /// A script of the shared bench kit: `$PLUM_SHARED/bench`, else `../shared/bench` from the package
  /// root or the working directory.
  static func sharedScript(_ name: String) -> String? {
    let shared = ProcessInfo.processInfo.environment["PLUM_SHARED"].map { [$0 + "/bench/" + name] } ?? []
    let candidates =
      shared + [
        RunWorkloads.packageRoot + "/../shared/bench/" + name,
        FileManager.default.currentDirectoryPath + "/../shared/bench/" + name,
      ]
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
  }

  /// Runs python3 with arguments, sending standard output to `output` (a path) when given.
  static func python(_ arguments: [String], output: String?) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    if let output {
      guard FileManager.default.createFile(atPath: output, contents: nil) else { return false }
      guard let handle = FileHandle(forWritingAtPath: output) else { return false }
      process.standardOutput = handle
    }
    do {
      try process.run()
    } catch {
      print("plum-bench: cannot run python3: \(error)")
      return false
    }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
