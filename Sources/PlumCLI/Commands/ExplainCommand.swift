import PlumData
import PlumRuntime

/// `plum explain POLICY DATA (--key K | --row N)`: a readable account of one record's decision.
enum ExplainCommand: Command {
  static let name = "explain"
  static let abstract = "Explain one record's decision and what would have changed it."
  static let discussion: String? = """
    Finds the record by its key (--key) or its 1-based number in the file (--row) and shows the
    inputs (pii values redacted, protected fields marked), every let and rule, model scores with
    their top feature contributions, each reward's conditions with their values (rules expanded
    one level), the selection, and for each reward not given the single input change that would
    have made it eligible, when there is one. Under a `budget`, what the budget does with the
    record: the price λ is the one `plum run` finds over the same data file (--seed as in the run),
    or the one --budget-multiplier states (then without the fill at the margin); each reward given
    or withheld, with the value it would need to be given. Dates are relative to --as-of (default:
    today).
    Exit status: 0 when the record was decided, 1 when it could not be (read or evaluation
    error, or a key an earlier record had: P0608, as in `plum run`), 2 when the record is not
    found, for usage or I/O errors, or a policy with errors.
    """
  static let arguments = ArgumentSpec(
    flags: [
      .init(
        name: "--allow-duplicate-keys",
        help: "Explain a record whose key an earlier record had, instead of reporting P0608.")
    ],
    options: [
      .init(name: "--key", valueName: "key", help: "The key of the record to explain."),
      .init(name: "--row", valueName: "n", help: "The number of the record to explain (1 is the first)."),
      .init(name: "--as-of", valueName: "date", help: "The date (YYYY-MM-DD) that `today` means."),
      .init(
        name: "--budget-multiplier", valueName: "λ",
        help: "Judge the record at this budget price instead of the one a run over the data finds."),
      .init(
        name: "--seed", valueName: "n",
        help: "The run's --seed, for the budget's fill at the margin (default 0)."),
      .init(
        name: "--input-format", valueName: "format",
        help: "The records' format when the extension does not say.",
        choices: ["csv", "jsonl"]),
    ],
    positionals: [
      .init(name: "policy", help: "The policy file."),
      .init(name: "data", help: "The record file (CSV or JSON Lines)."),
    ])

  /// Which record to explain.
  private enum Selector {
    case key(String)
    case row(Int)
  }

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    guard arguments.positionals.count == 2 else {
      throw UsageError(message: "missing expected argument '<data>'")
    }
    let policyPath = arguments.positionals[0]
    let dataPath = arguments.positionals[1]
    try StandardInputOnce.check([policyPath, dataPath])
    let selector: Selector
    switch (arguments.value("--key"), arguments.value("--row")) {
    case (let key?, nil): selector = .key(key)
    case (nil, let row?):
      guard let number = Int(row), number >= 1 else {
        throw UsageError(message: "the value '\(row)' is invalid for '--row <n>'; expected a number from 1")
      }
      selector = .row(number)
    case (nil, nil): throw UsageError(message: "missing '--key <key>' or '--row <n>'")
    case (_?, _?): throw UsageError(message: "give '--key <key>' or '--row <n>', not both")
    }
    let asOf = try AsOfOption.parse(arguments.value("--as-of"))
    guard let format = InputFormat(path: dataPath, option: arguments.value("--input-format")) else {
      throw UsageError(
        message:
          "cannot tell the format of '\(dataPath)'; use a .csv, .jsonl or .ndjson name or --input-format")
    }

    let loaded: LoadedPolicy
    switch LoadedPolicy.load(policyPath, io: io) {
    case .success(let policy): loaded = policy
    case .failure(.unreadable(let error)):
      io.writeErr("error: \(error)\n")
      return .usage
    case .failure(.invalid(let errors)):
      io.writeErr("error: \(policyPath) has \(plural(errors, "error")); nothing was explained\n")
      return .usage
    case .failure(.noTests):
      return .usage
    }
    let price: BudgetPrice? =
      loaded.program.budget == nil ? nil : try budgetPrice(arguments, dataPath: dataPath)
    if case .key = selector, loaded.schema.keyField == nil {
      io.writeErr("error: the input `\(loaded.policy.input.name.name)` has no key field; use --row\n")
      return .usage
    }

    let found: (number: Int, outcome: RecordOutcome)
    do {
      let keys = arguments.has("--allow-duplicate-keys") ? nil : KeyRegistry(schema: loaded.schema)
      guard
        let match = try find(
          selector, in: RecordFile(path: dataPath, format: format, schema: loaded.schema), keys: keys, io: io)
      else {
        switch selector {
        case .key(let key): io.writeErr("error: no record with key '\(key)' in '\(dataPath)'\n")
        case .row(let row): io.writeErr("error: '\(dataPath)' has no record \(row)\n")
        }
        return .usage
      }
      found = match
    } catch {
      io.writeErr("error: \(dataPath): \(error)\n")
      return .usage
    }
    var budget: [String] = []
    if let price, case .row(let row) = found.outcome {
      switch budgetLines(
        row: row, record: found.number, loaded: loaded, dataPath: dataPath, format: format, asOf: asOf,
        price: price, allowDuplicateKeys: arguments.has("--allow-duplicate-keys"), io: io)
      {
      case .success(let lines): budget = lines
      case .failure(let failure):
        io.writeErr("error: \(failure.message)\n")
        return .usage
      }
    }
    return explain(found, loaded: loaded, dataPath: dataPath, asOf: asOf, budget: budget, io: io)
  }

  private static func find(_ selector: Selector, in source: RecordFile, keys: KeyRegistry?, io: CommandIO)
    throws(RecordFile.Failure) -> (number: Int, outcome: RecordOutcome)?
  {
    var match: (Int, RecordOutcome)?
    try source.scan(io: io) { number, read in
      // A repeated key is the error `plum run` gives the record.
      let outcome = keys?.admit(read, record: number) ?? read
      switch (selector, outcome) {
      case (.row(let wanted), _):
        if number == wanted { match = (number, outcome) }
      case (.key(let key), .row(let row)):
        if keyText(of: row, schema: source.schema) == key { match = (number, outcome) }
      case (.key(let key), .failure(let error)):
        if error.key == key { match = (number, outcome) }
      }
      return match == nil
    }
    return match
  }

  private static func keyText(of row: RecordRow, schema: RecordSchema) -> String? {
    guard let key = schema.keyField, row.present[key] else { return nil }
    let slot = schema.slots[key]
    switch slot.storage {
    case .string: return row.strings[slot.index]
    case .int: return String(row.ints[slot.index])
    case .float: return NumberFormat.shortest(row.floats[slot.index])
    }
  }

  private static func explain(
    _ found: (number: Int, outcome: RecordOutcome), loaded: LoadedPolicy, dataPath: String, asOf: Int64,
    budget: [String], io: CommandIO
  ) -> ExitStatus {
    let keyIsPII =
      loaded.policy.input.keyField.map { loaded.policy.input.fields[$0].attributes.isPII } ?? false
    switch found.outcome {
    case .failure(let error):
      var heading = "record \(found.number) of \(dataPath) (line \(error.line))"
      if let key = error.key { heading += ", key " + (keyIsPII ? "<redacted>" : "\"\(key)\"") }
      let shown = loaded.program.inputs.redacted(error)
      let reason =
        "error[\(shown.code.rawValue)]: " + (shown.field.map { "field `\($0)`: " } ?? "") + shown.message
      let what = error.code == .duplicateRecordKey ? "is not decided" : "cannot be read"
      io.writeOut(heading + "\n\nthe record \(what): \(reason)\n")
      return .findings
    case .row(let row):
      let inspection: Inspection
      do {
        inspection = try loaded.inspection(asOf: asOf)
      } catch {
        io.writeErr("error: \(loaded.path) cannot be explained: \(error)\n")
        return .usage
      }
      let inspector = inspection.inspector(for: row)
      let decision = inspector.decide()
      var heading = "record \(found.number) of \(dataPath) (line \(row.line))"
      if let key = keyText(of: row, schema: loaded.schema) {
        heading += ", key " + (keyIsPII ? "<redacted>" : "\"\(key)\"")
      }
      let report = ExplainReport(loaded: loaded, inspector: inspector, decision: decision, budget: budget)
      io.writeOut(report.render(heading: heading))
      return decision.fault == nil ? .success : .findings
    }
  }
}
