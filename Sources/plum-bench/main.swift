#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import PlumCLI

// The benchmark executable: `swift run -c release plum-bench [workload…]`. See docs/performance.md.
let exitStatus = Benchmarks.run(Array(CommandLine.arguments.dropFirst()))
exit(exitStatus)
