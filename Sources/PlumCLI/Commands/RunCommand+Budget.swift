import Foundation
import PlumData
import PlumRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `plum run` under `budget … per run`: a first pass over the inputs that decides every record and
/// collects the candidates, then the optimiser's price; the runner's second pass writes the
/// decisions in input order with the budget's choice installed. Kept apart from the run loop.
extension RunCommand {
  /// Standard input copied to a temporary file, so that the budget's two passes can both read it.
  struct SpooledInput {
    /// The temporary file's path.
    let path: String

    /// Copies standard input into a new temporary file.
    static func spool(io: CommandIO) throws(FileError) -> SpooledInput {
      let directory = io.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
      var template = Array("\(directory)/plum-stdin-XXXXXX".utf8CString)
      let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
      guard descriptor >= 0 else {
        throw FileError(path: directory, reason: String(cString: strerror(errno)))
      }
      defer { close(descriptor) }
      let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count = chunk.withUnsafeMutableBytes { SystemCall.read(0, $0.baseAddress, $0.count) }
        if count < 0 {
          unlink(path)
          throw FileError(path: "-", reason: String(cString: strerror(errno)))
        }
        if count == 0 { break }
        var offset = 0
        while offset < count {
          let written = chunk.withUnsafeBytes {
            SystemCall.write(descriptor, $0.baseAddress.map { $0 + offset }, count - offset)
          }
          guard written > 0 else {
            unlink(path)
            throw FileError(path: path, reason: String(cString: strerror(errno)))
          }
          offset += written
        }
      }
      return SpooledInput(path: path)
    }

    /// Removes the temporary file.
    func remove() { unlink(path) }
  }

  /// The first pass and the price: decides every record of `inputs` with a runner of its own and
  /// solves the allocation. Returns the pass, or the message of what stopped it, which names the
  /// input (`paths`, in the order of `inputs`) that could not be read.
  static func allocateBudget(
    _ pass: BudgetPass, program: Program, asOf: Int64, inputs: [any RecordReader], paths: [String],
    allowDuplicateKeys: Bool, strict: Bool
  ) -> String? {
    let runner: DecisionRunner
    do {
      runner = try DecisionRunner(program: program, asOf: asOf)
    } catch {
      return "the input schema cannot be read from records: \(error)"
    }
    if allowDuplicateKeys { runner.keys = nil }
    var record = 1
    var position = 0
    do {
      for reader in inputs {
        record = try pass.collect(reader, runner: runner, firstRecord: record, strict: strict)
        position += 1
      }
      try pass.solve()
    } catch {
      switch error {
      case .data(let error):
        return position < paths.count ? "\(paths[position]): \(error)" : "\(error)"
      case .optimizer(let error): return "the budget cannot be allocated: \(error)"
      }
    }
    return nil
  }

  /// The summary's budget line: `budget 50.00 of 50.00 EUR, λ 1.25, value 120.00 EUR of at most
  /// 121.50 EUR (gap 1.50), 3 records lost a reward to it`.
  static func budgetLine(_ summary: BudgetSummary, currency: String) -> String {
    let unit = currency.isEmpty ? "" : " \(currency)"
    let digits = summary.digits
    let spent = Money.format(summary.spent, digits: digits)
    let limit = Money.format(summary.limit, digits: digits)
    let value = moneyText(summary.value, digits: digits)
    let bound = moneyText(summary.upperBound, digits: digits)
    let gap = moneyText(summary.gap, digits: digits)
    var line = "budget: spent \(spent) of \(limit)\(unit), λ \(BudgetPass.number(summary.lambda)), "
    line += "value \(value)\(unit) of at most \(bound)\(unit) (gap \(gap)), "
    line += "\(plural(summary.recordsLosing, "record")) lost a reward to the budget"
    return line
  }

  /// The budget as the summary's JSON object.
  static func budgetJSON(_ summary: BudgetSummary) -> String {
    let digits = summary.digits
    var json = "{\"limit\": \"\(Money.format(summary.limit, digits: digits))\", "
    json += "\"spent\": \"\(Money.format(summary.spent, digits: digits))\", "
    json += "\"lambda\": \(BudgetPass.number(summary.lambda)), "
    json += "\"value\": \"\(moneyText(summary.value, digits: digits))\", "
    json += "\"upper_bound\": \"\(moneyText(summary.upperBound, digits: digits))\", "
    json += "\"gap\": \"\(moneyText(summary.gap, digits: digits))\", "
    json += "\"records_losing_a_reward\": \(summary.recordsLosing), \"candidates\": \(summary.candidates)}"
    return json
  }

  /// A value in minor units (a float: values may be fractional) as money at the currency's digits.
  static func moneyText(_ minorUnits: Double, digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return NumberFormat.fixed(minorUnits / scale, decimals: digits)
  }
}
