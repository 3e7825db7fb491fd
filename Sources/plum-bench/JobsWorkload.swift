import Foundation
import PlumCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `jobs` workload: the whole `plum run` command on the loyalty records with `--jobs 1` and
/// `--jobs 2`, end to end (compile, read, decide, write to /dev/null), from CSV and from JSON Lines.
///
/// The two settings take turns, five runs each after one of each to warm up, so that a change in
/// the machine's load touches both alike; the load average is printed before and after, as the
/// figure means little on a busy machine.
enum JobsWorkload {
  static func run(records: Int) -> Bool {
    guard let data = BenchData.locate(records: records) else { return false }
    let policy = RunWorkloads.packageRoot + "/examples/bench/loyalty.plum"
    print("jobs        plum run loyalty.plum on \(records) records, --jobs 1 against --jobs 2, median of 5")
    RunWorkloads.report("load average", loadAverage(), "(before)")
    var ok = true
    for (name, path) in [("CSV", data.csv), ("JSONL", data.jsonl)] {
      let arguments = ["run", policy, path, "--as-of", "2026-11-23", "--quiet", "--out", "/dev/null"]
      var wall: [Int: [Double]] = [1: [], 2: []]
      var cpu: [Int: [Double]] = [1: [], 2: []]
      for round in 0..<6 {
        for jobs in [1, 2] {
          var status = ExitStatus.success
          let measured = Benchmarks.measureWithCPU(runs: 1) {
            status = PlumCommand.run(arguments + ["--jobs", String(jobs)], io: ProcessIO())
          }
          if status != .success {
            print("plum-bench: plum run --jobs \(jobs) on \(path) failed")
            ok = false
          }
          if round > 0 {
            wall[jobs, default: []] += measured.wall
            cpu[jobs, default: []] += measured.cpu
          }
        }
      }
      let one = Benchmarks.median(wall[1] ?? [])
      let two = Benchmarks.median(wall[2] ?? [])
      for (jobs, time) in [(1, one), (2, two)] {
        RunWorkloads.report(
          "\(name) --jobs \(jobs)",
          "\(RunWorkloads.fixed(time, 2)) s, \(RunWorkloads.rate(Double(records) / time)) records/s",
          "(\(RunWorkloads.fixed(Benchmarks.median(cpu[jobs] ?? []), 2)) s CPU)")
      }
      RunWorkloads.report(
        "\(name) speed-up", "\(RunWorkloads.fixed(one / two, 2))×", "(--jobs 2 against --jobs 1)")
    }
    RunWorkloads.report("load average", loadAverage(), "(after)")
    return ok
  }

  /// The 1, 5 and 15 minute load averages.
  static func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) == 3 else { return "unknown" }
    return loads.map { RunWorkloads.fixed($0, 2) }.joined(separator: " ")
  }
}
