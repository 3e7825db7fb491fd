import PlumData
import PlumRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `plum explain` under `budget … per run`: what the budget does with the record. Without
/// `--budget-multiplier` the price λ is the one `plum run` finds over the same data file (the
/// budget's first pass over every record, with `--seed` for the fill at the margin), so the account
/// matches the run's decision; with it, the record is judged at the stated price alone, as `expect
/// withheld_by_budget … at λ` judges it.
extension ExplainCommand {
  /// How the budget's price is found.
  enum BudgetPrice {
    /// Run the budget pass over the data file, with this seed.
    case fromData(seed: UInt64)
    /// The price `--budget-multiplier` states.
    case stated(Double)
  }

  /// Reads `--budget-multiplier` and `--seed`.
  static func budgetPrice(_ arguments: ParsedArguments, dataPath: String) throws(UsageError) -> BudgetPrice {
    var seed: UInt64 = 0
    if let text = arguments.value("--seed") {
      guard let value = UInt64(text) else {
        throw UsageError(message: "--seed needs a whole number, found '\(text)'")
      }
      seed = value
    }
    guard let text = arguments.value("--budget-multiplier") else {
      if dataPath == "-" {
        throw UsageError(
          message: "a policy with a budget explained from standard input needs '--budget-multiplier <λ>'")
      }
      return .fromData(seed: seed)
    }
    guard let value = Double(text), value >= 0, value.isFinite else {
      throw UsageError(message: "--budget-multiplier needs a number ≥ 0, found '\(text)'")
    }
    return .stated(value)
  }

  /// The lines of the report's `budget` section for record `record` (decided from `row`), or the
  /// message of what stopped the budget pass.
  static func budgetLines(
    row: RecordRow, record: Int, loaded: LoadedPolicy, dataPath: String, format: InputFormat, asOf: Int64,
    price: BudgetPrice, allowDuplicateKeys: Bool, io: CommandIO
  ) -> Result<[String], BudgetExplainFailure> {
    let program = loaded.program
    guard
      let pass = BudgetPass(program: program, seed: { if case .fromData(let s) = price { s } else { 0 } }())
    else { return .success([]) }
    let runner: DecisionRunner
    do {
      runner = try DecisionRunner(program: program, asOf: asOf)
    } catch {
      return .failure(BudgetExplainFailure(message: "the input schema cannot be read from records: \(error)"))
    }
    runner.keys = nil
    let budget = Money.format(pass.budget, digits: Money.minorDigits(of: program.currency))
    let unit = program.currency.isEmpty ? "" : " \(program.currency)"
    var lines: [String] = []
    let choice: Decision.Choice?
    switch price {
    case .stated(let lambda):
      runner.decide(row, record: record)
      choice = pass.choice(atPrice: lambda, runner: runner)
      lines.append(
        "budget \(budget)\(unit) per run, at λ \(BudgetPass.number(lambda)) (--budget-multiplier; "
          + "the fill at the margin is not applied)")
    case .fromData:
      let reader: any RecordReader
      let descriptor: Int32?
      do {
        (reader, descriptor) = try RunCommand.openReader(
          dataPath, format: format, schema: runner.schema, io: io, flushing: nil)
      } catch {
        return .failure(BudgetExplainFailure(message: "\(dataPath): \(error)"))
      }
      defer { if let descriptor { close(descriptor) } }
      if let failure = RunCommand.allocateBudget(
        pass, program: program, asOf: asOf, inputs: [reader], paths: [dataPath],
        allowDuplicateKeys: allowDuplicateKeys,
        strict: false)
      {
        return .failure(BudgetExplainFailure(message: failure))
      }
      runner.decide(row, record: record)
      guard pass.isBinding else {
        return .success([
          "budget \(budget)\(unit) per run does not bind over the data file: the rewards fit within it, "
            + "so λ is 0 and every selected reward is given"
        ])
      }
      choice = pass.choice(record: record, runner: runner)
      lines.append(
        "budget \(budget)\(unit) per run, at λ \(BudgetPass.number(pass.summary.lambda)): the price at which "
          + "the rewards fit over the data file, as `plum run` finds it")
    }
    guard let choice else {
      lines.append("no reward of this record costs anything: the budget does not change it")
      return .success(lines)
    }
    for note in choice.notes {
      lines.append(note.hasPrefix("budget: ") ? String(note.dropFirst("budget: ".count)) : note)
    }
    let names = choice.rewards.map { program.rewards[$0].name }
    lines.append("given under the budget: " + (names.isEmpty ? "none" : names.joined(separator: ", ")))
    return .success(lines)
  }
}

/// Why the budget's account of a record could not be given.
struct BudgetExplainFailure: Error {
  /// What stopped it.
  let message: String
}
