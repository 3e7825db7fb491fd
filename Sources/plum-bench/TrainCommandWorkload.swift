import Foundation
import PlumCLI
import PlumData
import PlumModels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The whole `plum train` command on 1,000,000 records × 10 features from a CSV file, beside the
/// SHA-256 of the file that fingerprints the training data.
enum TrainCommandWorkload {
  static let rows = 1_000_000

  static func run() -> Bool {
    let directory = ProcessInfo.processInfo.environment["PLUM_BENCH_DATA"] ?? "/tmp/plum-bench"
    let data = "\(directory)/train_\(rows)x\(ModelWorkloads.featureCount).csv"
    let policy = "\(directory)/train.plum"
    let out = "\(directory)/train-model.json"
    guard write(policyText, to: policy), FileManager.default.fileExists(atPath: data) || writeData(to: data)
    else {
      print("plum-bench: cannot write the training files in \(directory)")
      return false
    }
    guard let bytes = FileManager.default.contents(atPath: data).map(Array.init) else { return false }
    var digest = ""
    let hashing = Benchmarks.measureWithCPU(runs: 5) { digest = SHA256.hexDigest(of: bytes) }
    let hash = Benchmarks.median(hashing.wall)
    let hashCPU = Benchmarks.median(hashing.cpu)
    RunWorkloads.report(
      "SHA-256",
      "\(RunWorkloads.rate(Double(bytes.count) / hash / 1e6)) MB/s, "
        + "\(RunWorkloads.rate(Double(bytes.count) / hashCPU / 1e6)) MB/s of CPU time",
      "(\(bytes.count / 1_000_000) MB training file in memory, median of 5; \(digest.prefix(12))…)")
    let arguments = ["train", policy, "--model", "score", "--data", data, "--target", "y", "--out", out]
    var status = ExitStatus.success
    // Each run prints its one-line training summary on standard error.
    let (times, cpu) = Benchmarks.measureWithCPU(runs: 3) {
      status = PlumCommand.run(arguments, io: ProcessIO())
    }
    guard status == .success else {
      print("plum-bench: plum train failed")
      return false
    }
    RunWorkloads.report(
      "plum train",
      "\(RunWorkloads.fixed(Benchmarks.median(times), 2)) s, \(RunWorkloads.fixed(Benchmarks.median(cpu), 2)) s CPU",
      "(the whole command on \(rows) × \(ModelWorkloads.featureCount) from CSV: read, features, "
        + "SHA-256, fit, write; median of 3)")
    return true
  }

  static let policyText: String = {
    let names = (0..<ModelWorkloads.featureCount).map { "x\($0)" }
    return """
      policy train_bench
      input row {
        id: string key
      \(names.map { "  \($0): float" }.joined(separator: "\n"))
      }
      model score = logistic("train-model.json") {
        inputs { \(names.map { "\($0): row.\($0)" }.joined(separator: ", ")) }
      }
      reward likely { when score > 0.5 give points(1) }

      """
  }()

  /// The same kind of data as the fit-alone workload: an outcome that follows a logistic model.
  static func writeData(to path: String) -> Bool {
    let columns = ModelWorkloads.featureCount
    var generator = SplitMix64(seed: 20_261_123)
    let truth = (0..<columns).map { 0.8 - 0.15 * Double($0) }
    var text: [UInt8] = Array(("id," + (0..<columns).map { "x\($0)" }.joined(separator: ",") + ",y\n").utf8)
    text.reserveCapacity(rows * (8 + columns * 8))
    for row in 0..<rows {
      text.append(contentsOf: "r\(row)".utf8)
      var logit = -0.3
      for column in 0..<columns {
        let value = generator.nextUnit() * 2 - 1 + Double(column) * 0.1
        logit += truth[column] * value
        text.append(UInt8(ascii: ","))
        appendFixed(value, to: &text)
      }
      text.append(contentsOf: (generator.nextUnit() < 1 / (1 + exp(-logit)) ? ",1\n" : ",0\n").utf8)
    }
    return (try? AtomicFile.write(text, to: path)) != nil
  }

  /// `value` with four decimals.
  private static func appendFixed(_ value: Double, to text: inout [UInt8]) {
    let scaled = Int((value * 10_000).rounded())
    if scaled < 0 { text.append(UInt8(ascii: "-")) }
    let magnitude = abs(scaled)
    text.append(contentsOf: String(magnitude / 10_000).utf8)
    text.append(UInt8(ascii: "."))
    let fraction = String(magnitude % 10_000)
    text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 4 - fraction.utf8.count))
    text.append(contentsOf: fraction.utf8)
  }

  private static func write(_ text: String, to path: String) -> Bool {
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    return (try? AtomicFile.write(Array(text.utf8), to: path)) != nil
  }
}
