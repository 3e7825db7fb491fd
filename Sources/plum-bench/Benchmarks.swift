import PlumCLI
import PlumDriver
import PlumTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The benchmark workloads and their reporting.
enum Benchmarks {
  /// Runs the named workloads (all when none are named) and returns the exit status.
  static func run(_ arguments: [String]) -> Int32 {
    let all = ["check", "run", "jobs", "models", "keys"]
    if arguments.contains("--help") || arguments.contains("-h") {
      print(
        "USAGE: plum-bench [--records N] [\(all.joined(separator: "|"))]...\n"
          + "       plum-bench policy    (print the generated 5,000-line policy the check workload uses)\n\n"
          + "Run in release mode: swift run -c release plum-bench")
      return 0
    }
    var arguments = arguments
    var records = 1_000_000
    if let index = arguments.firstIndex(of: "--records"), index + 1 < arguments.count,
      let count = Int(arguments[index + 1]), count > 0
    {
      records = count
      arguments.removeSubrange(index...index + 1)
    }
    if arguments == ["policy"] {
      print(LargePolicyGenerator.policy(lines: 5_000), terminator: "")
      return 0
    }
    let chosen = arguments.isEmpty ? all : arguments
    for name in chosen {
      switch name {
      case "check": checkWorkload()
      case "run": if !RunWorkloads.run(records: records) { return 1 }
      case "jobs": if !JobsWorkload.run(records: records) { return 1 }
      case "models": if !ModelWorkloads.run() { return 1 }
      case "keys": if !KeyWorkload.run() { return 1 }
      default:
        print("plum-bench: unknown workload '\(name)' (known: \(all.joined(separator: ", ")))")
        return 2
      }
    }
    return 0
  }

  /// `plum check` on a generated 5,000-line policy: parse and check, median of several runs.
  static func checkWorkload() {
    let text = LargePolicyGenerator.policy(lines: 5_000)
    let bytes = Array(text.utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    var diagnostics = 0
    let times = measure(runs: 9) {
      diagnostics = Frontend.check(name: "generated.plum", bytes: bytes).diagnostics.count
    }
    report(
      "check", "\(lines)-line policy, \(bytes.count / 1024) KiB, \(diagnostics) diagnostics",
      "median \(milliseconds(median(times))) ms, min \(milliseconds(times.min() ?? 0)) ms")
  }

  /// Runs `body` `runs` times after one warm-up and returns each run's seconds.
  static func measure(runs: Int, _ body: () -> Void) -> [Double] {
    body()
    return (0..<runs).map { _ in
      let clock = ContinuousClock()
      let elapsed = clock.measure(body)
      return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
  }

  /// Runs `body` `runs` times after one warm-up and returns each run's wall and CPU seconds: on a
  /// machine shared with other work, the CPU time (user and system, every thread) holds still when
  /// the wall time does not.
  static func measureWithCPU(runs: Int, _ body: () -> Void) -> (wall: [Double], cpu: [Double]) {
    body()
    var wall: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<runs {
      let clock = ContinuousClock()
      let before = processCPUSeconds()
      let elapsed = clock.measure(body)
      cpu.append(processCPUSeconds() - before)
      wall.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return (wall, cpu)
  }

  /// User and system CPU seconds of the whole process so far.
  static func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
  }

  static func milliseconds(_ seconds: Double) -> String {
    String(Double((seconds * 10_000).rounded()) / 10)
  }

  static func report(_ workload: String, _ setting: String, _ figures: String) {
    print("\(workload.padding(12)) \(setting)\n\(String(repeating: " ", count: 13))\(figures)")
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
