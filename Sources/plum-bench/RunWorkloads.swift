import Foundation
import PlumCLI
import PlumData
import PlumDriver
import PlumRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `run` workloads: the reference loyalty policy over the shared generated records.
enum RunWorkloads {
  /// The package root, from this file's location.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// Evaluation only, end to end from CSV and JSON Lines, peak memory, and agreement with the reference.
  static func run(records: Int) -> Bool {
    guard let data = BenchData.locate(records: records) else { return false }
    guard let program = loadProgram() else { return false }
    let asOf = CivilDate.parse("2026-11-23") ?? 0
    let csvBytes = fileSize(data.csv)
    let jsonlBytes = fileSize(data.jsonl)
    print(
      "run         loyalty.plum on \(records) records (\(data.csv), \(data.jsonl)), one core, median of 5")

    let csvTimes = (0..<5).map { _ in endToEnd(program, asOf: asOf, path: data.csv, format: .csv) }
    let csv = median(csvTimes)
    report(
      "end to end CSV",
      "\(rate(Double(records) / csv)) records/s, \(rate(Double(csvBytes) / csv / 1e6)) MB/s",
      "(\(fixed(csv)) s; read, decide, write JSON Lines to /dev/null)")
    // The same run without the duplicate-key check (`--allow-duplicate-keys`), to show its cost.
    let unchecked = median(
      (0..<5).map { _ in endToEnd(program, asOf: asOf, path: data.csv, format: .csv, checksKeys: false) })
    report(
      "  without key check", "\(rate(Double(records) / unchecked)) records/s",
      "(\(fixed(unchecked)) s; --allow-duplicate-keys)")
    let jsonlTimes = (0..<5).map { _ in endToEnd(program, asOf: asOf, path: data.jsonl, format: .jsonLines) }
    let jsonl = median(jsonlTimes)
    report(
      "end to end JSONL",
      "\(rate(Double(records) / jsonl)) records/s, \(rate(Double(jsonlBytes) / jsonl / 1e6)) MB/s",
      "(\(fixed(jsonl)) s)")
    report("peak memory", "\(peakMemoryMiB()) MiB", "(getrusage maxrss after the end-to-end runs)")

    let (evaluation, evaluated) = evaluationOnly(program, asOf: asOf, path: data.csv)
    report(
      "evaluation",
      "\(fixed(evaluation * 1e9 / Double(evaluated), 1)) ns/record, "
        + "\(rate(Double(evaluated) / evaluation)) records/s", "(\(evaluated) records already in memory)")

    let agreement = Agreement.check(program, asOf: asOf, data: data)
    print(String(repeating: " ", count: 13) + agreement.message)
    return agreement.agrees
  }

  static func loadProgram() -> Program? {
    let path = packageRoot + "/examples/bench/loyalty.plum"
    guard let bytes = FileManager.default.contents(atPath: path) else {
      print("plum-bench: cannot read \(path)")
      return nil
    }
    let compiled = Driver.compile(path: path, bytes: Array(bytes))
    guard let program = compiled.program else {
      print("plum-bench: \(path) does not compile: \(compiled.diagnostics.map(\.message))")
      return nil
    }
    return program
  }

  enum Format { case csv, jsonLines }

  static func reader(_ path: String, _ format: Format, _ schema: RecordSchema) -> (any RecordReader)? {
    switch format {
    case .csv: try? CSVReader(schema: schema, path: path)
    case .jsonLines: try? JSONLinesReader(schema: schema, path: path)
    }
  }

  /// Seconds to read, decide and write every record of one file.
  static func endToEnd(_ program: Program, asOf: Int64, path: String, format: Format, checksKeys: Bool = true)
    -> Double
  {
    guard let runner = try? DecisionRunner(program: program, asOf: asOf),
      let reader = reader(path, format, runner.schema)
    else { return .nan }
    if !checksKeys { runner.keys = nil }
    let null = open("/dev/null", O_WRONLY)
    defer { close(null) }
    let writer = JSONLinesWriter(fileDescriptor: null)
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      _ = try? runner.run(reader, to: writer)
      try? writer.flush()
    }
    return seconds(elapsed)
  }

  /// Seconds to evaluate every record of a file already read into memory, and how many there were.
  static func evaluationOnly(_ program: Program, asOf: Int64, path: String) -> (Double, Int) {
    guard let runner = try? DecisionRunner(program: program, asOf: asOf),
      let reader = reader(path, .csv, runner.schema), let outcomes = try? reader.readAll()
    else { return (.nan, 0) }
    let batch = RecordBatch(schema: runner.schema)
    for case .row(let row) in outcomes { batch.append(row) }
    var given = 0
    let clock = ContinuousClock()
    let times = (0..<5).map { _ in
      seconds(
        clock.measure {
          for index in 0..<batch.count where runner.evaluate(batch, at: index) {
            given &+= runner.selectedRewards.count
          }
        })
    }
    if given == 42 { print("") }  // keeps the loop's result alive
    return (median(times), batch.count)
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
  }

  static func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
  }

  static func peakMemoryMiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
  }

  static func rate(_ value: Double) -> String {
    value >= 100 ? String(Int(value.rounded())) : fixed(value, 1)
  }

  static func fixed(_ value: Double, _ decimals: Int = 3) -> String {
    NumberFormat.fixed(value, decimals: decimals)
  }

  static func report(_ name: String, _ figure: String, _ note: String) {
    let padded = name.count >= 18 ? name + " " : name + String(repeating: " ", count: 18 - name.count)
    print("             " + padded + figure + "  " + note)
  }
}
