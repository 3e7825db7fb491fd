import Foundation
import PlumData
import PlumRuntime

/// `plum eval EXPR`: evaluates one expression in a policy's scope on one record.
enum EvalCommand: Command {
  static let name = "eval"
  static let abstract = "Evaluate one expression in the scope of a policy and a record."
  static let discussion: String? = """
    Prints `value : type`, such as `42 : int`, `10.00 EUR : money` or `missing : int?`; values
    derived from pii fields print as <redacted>. The expression sees the policy's input, lets,
    rules and models; the record comes from --record (one JSON object) or row --row of --data.
    Write `--` before an expression that starts with '-'.
    Exit status: 0 when the expression was evaluated, 1 for a diagnostic or a runtime error in
    it, 2 for usage or I/O errors, a policy with errors, or a record that cannot be read.
    """
  static let arguments = ArgumentSpec(
    flags: [.init(name: "--type", help: "Print only the expression's type.")],
    options: [
      .init(name: "--policy", valueName: "file", help: "The policy whose names are in scope."),
      .init(name: "--record", valueName: "json", help: "The record, as one JSON object."),
      .init(name: "--data", valueName: "file", help: "A CSV or JSON Lines file to take the record from."),
      .init(name: "--row", valueName: "n", help: "Which record of --data (1-based; default 1)."),
      .init(
        name: "--input-format", valueName: "format",
        help: "The format of --data when the extension does not say.",
        choices: ["csv", "jsonl"]),
      .init(name: "--as-of", valueName: "date", help: "The date (YYYY-MM-DD) that `today` means."),
    ],
    positionals: [.init(name: "expression", help: "The expression to evaluate.")])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    guard let text = arguments.positionals.first else {
      throw UsageError(message: "missing expected argument '<expression>'")
    }
    let asOf = try AsOfOption.parse(arguments.value("--as-of"))
    if arguments.value("--record") != nil, arguments.value("--data") != nil {
      throw UsageError(message: "give the record with either '--record' or '--data', not both")
    }
    if arguments.value("--row") != nil, arguments.value("--data") == nil {
      throw UsageError(message: "'--row' needs '--data <file>'")
    }
    try StandardInputOnce.check([arguments.value("--policy"), arguments.value("--data")])
    let colored = io.colorsErr
    guard let policy = EvalOptions.loadPolicy(arguments.value("--policy"), io: io, colored: colored) else {
      return .usage
    }
    let evaluator = ExpressionEvaluator(policy: policy, asOf: asOf)
    if arguments.has("--type") {
      switch evaluator.compile(text) {
      case .failed(let findings):
        io.writeErr(findings.rendered(colored: colored))
        return .findings
      case .compiled(let compiled):
        io.writeErr(compiled.warnings.rendered(colored: colored))
        io.writeOut(ValueText.typeName(compiled.type) + "\n")
        return .success
      }
    }
    var record: RecordRow?
    switch try EvalOptions.record(arguments, policy: policy, io: io) {
    case .success(let row): record = row
    case .failure(let problem):
      io.writeErr("error: \(problem.message)\n")
      return .usage
    case nil: record = nil
    }
    switch evaluator.evaluate(text, record: record) {
    case .value(let value, let type, let warnings):
      io.writeErr(warnings.rendered(colored: colored))
      io.writeOut("\(value) : \(ValueText.typeName(type))\n")
      return .success
    case .invalid(let findings):
      io.writeErr(findings.rendered(colored: colored))
      return .findings
    case .fault(let finding):
      io.writeErr([finding].rendered(colored: colored))
      return .findings
    case .blocked(let model, let purpose):
      io.writeErr(EvalOptions.blockedMessage(model: model, purpose: purpose) + "\n")
      return .findings
    case .needsRecord(let field):
      io.writeErr("error: the expression reads `\(field)`; give a record with --record or --data\n")
      return .usage
    }
  }
}

/// Option handling shared by `plum eval` and `plum repl`.
enum EvalOptions {
  /// Reads and loads a policy (the stand-in without a path), printing why when it cannot.
  static func loadPolicy(_ path: String?, io: CommandIO, colored: Bool) -> EvalPolicy? {
    let result: Result<EvalPolicy, PolicyLoadFailure>
    if let path {
      let bytes: [UInt8]
      do {
        bytes = try io.readFile(path)
      } catch {
        io.writeErr("error: \(error)\n")
        return nil
      }
      result = EvalPolicy.load(path: path, bytes: bytes)
    } else {
      result = EvalPolicy.standIn()
    }
    switch result {
    case .success(let policy):
      return policy
    case .failure(let failure):
      io.writeErr(failure.findings.rendered(colored: colored))
      if let reason = failure.reason {
        io.writeErr("error: \(reason)\n")
      } else {
        let errors = failure.findings.filter(\.isError).count
        io.writeErr("error: \(path ?? "the policy") has \(plural(errors, "error")); nothing was evaluated\n")
      }
      return nil
    }
  }

  /// The record `--record` or `--data`/`--row` give, or nil when neither is given.
  static func record(_ arguments: ParsedArguments, policy: EvalPolicy, io: CommandIO) throws(UsageError)
    -> Result<RecordRow, RecordProblem>?
  {
    if let json = arguments.value("--record") { return RecordLoader.record(json: json, policy: policy) }
    guard let path = arguments.value("--data") else { return nil }
    var row = 1
    if let text = arguments.value("--row") {
      guard let number = Int(text), number >= 1 else {
        throw UsageError(
          message: "the value '\(text)' is invalid for '--row <n>'; expected a record number from 1")
      }
      row = number
    }
    guard let format = InputFormat(path: path, option: arguments.value("--input-format")) else {
      throw UsageError(
        message: "cannot tell the format of '\(path)'; use a .csv, .jsonl or .ndjson name or --input-format")
    }
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(path)
    } catch {
      return .failure(RecordProblem(message: error.description))
    }
    return RecordLoader.record(row: row, of: bytes, format: format, path: path, policy: policy)
  }

  /// The message for a model that needs consent the record does not give.
  static func blockedMessage(model: String, purpose: String) -> String {
    "error: not evaluated: model `\(model)` needs consent `\(purpose)`, which this record does not give"
  }
}
