import PlumData
import PlumRuntime
import PlumSyntax

/// One interactive session: the policy in scope, the data file, the current record, and what
/// each entry does. Values go to standard output, diagnostics and errors to standard error.
final class ReplSession {
  let io: CommandIO
  let colored: Bool
  let asOf: Int64
  /// The policy file, once one was named (kept when loading it failed, for `:reload`).
  private(set) var policyPath: String?
  /// The policy in scope (the stand-in until a policy loads).
  private(set) var policy: EvalPolicy
  /// The `--data` file, if given.
  let dataPath: String?
  let dataFormat: InputFormat?
  private var dataBytes: [UInt8]?
  /// Where the current record comes from.
  private(set) var recordOrigin: RecordOrigin?
  /// The current record, read for the policy's schema.
  private(set) var record: RecordRow?
  /// Whether `:quit` was given.
  private(set) var isFinished = false
  /// Whether some entry failed: an error was shown for it (a scripted session then exits 1).
  private(set) var hadErrors = false

  /// Creates a session over the stand-in policy; `start` loads the named one.
  init(io: CommandIO, asOf: Int64, standIn: EvalPolicy, dataPath: String?, dataFormat: InputFormat?) {
    self.io = io
    colored = io.colorsErr
    self.asOf = asOf
    policy = standIn
    self.dataPath = dataPath
    self.dataFormat = dataFormat
  }

  /// Loads the starting policy, and the first record of the data file.
  ///
  /// - Returns: false, after reporting it, when the policy or data file cannot be read: the session
  ///   would have nothing of what was asked for.
  func start(policyPath: String?) -> Bool {
    if let policyPath {
      let bytes: [UInt8]
      do {
        bytes = try io.readFile(policyPath)
      } catch {
        fail(error.description)
        return false
      }
      load(policyPath, bytes: bytes)
    }
    if let dataPath {
      do {
        dataBytes = try io.readFile(dataPath)
      } catch {
        fail(error.description)
        return false
      }
      selectRecord(.row(path: dataPath, row: 1))
    }
    return true
  }

  var evaluator: ExpressionEvaluator { ExpressionEvaluator(policy: policy, asOf: asOf) }

  /// Handles one complete entry: a meta-command or an expression.
  func handle(_ entry: String) {
    let text = entry.trimmingWhitespace()
    guard !text.isEmpty else { return }
    guard text.hasPrefix(":") else { return evaluate(text) }
    let body = text.dropFirst()
    let name = String(body.prefix { !$0.isWhitespace })
    let argument = String(body.dropFirst(name.count)).trimmingWhitespace()
    switch name {
    case "help", "h", "?": io.writeOut(ReplHelp.text)
    case "quit", "q", "exit": isFinished = true
    case "load": argument.isEmpty ? usage("load FILE") : load(argument)
    case "reload":
      guard let policyPath else { return fail("no policy file to reload; use :load FILE") }
      load(policyPath)
    case "type", "t": argument.isEmpty ? usage("type EXPR") : showType(argument)
    case "record", "r": recordCommand(argument)
    case "why": argument.isEmpty ? usage("why REWARD") : why(argument)
    case "decide": decide()
    case "ast": argument.isEmpty ? usage("ast EXPR") : showTree(argument)
    case "ir": argument.isEmpty ? usage("ir EXPR") : showCode(argument)
    default:
      var message = "unknown command `:\(name)`"
      if let suggestion = closest(name, among: ReplHelp.commands.map(\.name)) {
        message += "; did you mean `:\(suggestion)`?"
      }
      fail(message + " (see :help)")
    }
  }

  // MARK: Output

  func fail(_ message: String) {
    hadErrors = true
    io.writeErr("error: \(message)\n")
  }

  private func usage(_ form: String) {
    fail("usage: :\(form)")
  }

  func show(_ findings: [Finding]) {
    if findings.hasErrors { hadErrors = true }
    io.writeErr(findings.rendered(colored: colored))
  }

  // MARK: Expressions

  private func evaluate(_ text: String) {
    switch evaluator.evaluate(text, record: record) {
    case .value(let value, let type, let warnings):
      show(warnings)
      io.writeOut("\(value) : \(ValueText.typeName(type))\n")
    case .invalid(let findings): show(findings)
    case .fault(let finding): show([finding])
    case .blocked(let model, let purpose):
      hadErrors = true
      io.writeErr(EvalOptions.blockedMessage(model: model, purpose: purpose) + "\n")
    case .needsRecord(let field): fail("the expression reads `\(field)`; \(recordHint)")
    }
  }

  /// How to pick a record, for messages.
  var recordHint: String {
    dataPath == nil
      ? "pick a record with :record {json}" : "pick a record with :record N or :record {json}"
  }

  private func showType(_ text: String) {
    switch evaluator.compile(text) {
    case .failed(let findings): show(findings)
    case .compiled(let compiled):
      show(compiled.warnings)
      io.writeOut(ValueText.typeName(compiled.type) + "\n")
    }
  }

  private func showTree(_ text: String) {
    let (tree, findings) = ExpressionCompiler(policy: policy).parse(text)
    show(findings)
    if let tree, !findings.hasErrors { io.writeOut(tree) }
  }

  private func showCode(_ text: String) {
    let compiled: CompiledExpression
    switch evaluator.compile(text) {
    case .failed(let findings): return show(findings)
    case .compiled(let result): compiled = result
    }
    switch evaluator.lower(compiled) {
    case .failure(let failure): show(failure.findings)
    case .success(let (program, probe)): io.writeOut(ProgramDump.render(program, probe: probe))
    }
  }

  // MARK: Policies

  private func load(_ path: String) {
    do {
      load(path, bytes: try io.readFile(path))
    } catch {
      fail(error.description)
    }
  }

  private func load(_ path: String, bytes: [UInt8]) {
    if policyPath == nil { policyPath = path }
    switch EvalPolicy.load(path: path, bytes: bytes) {
    case .failure(let failure):
      show(failure.findings)
      let errors = failure.findings.filter(\.isError).count
      let kept = policy.path.map { "`\($0)` stays loaded" } ?? "no policy is loaded"
      fail((failure.reason ?? "\(path) has \(plural(errors, "error"))") + "; \(kept)")
    case .success(let loaded):
      policyPath = path
      policy = loaded
      let checked = loaded.checked
      var line = "loaded \(path): policy \(checked.name?.name ?? "(unnamed)"), "
      line +=
        "\(plural(checked.rewards.count, "reward")), \(plural(checked.input.fields.count, "input field"))"
      // Warnings are `plum check`'s business; the session only counts them.
      let warnings = loaded.findings.filter { $0.diagnostic.severity == .warning }.count
      if warnings > 0 { line += " (\(plural(warnings, "warning")); `plum check \(path)` lists them)" }
      io.writeOut(line + "\n")
      if let recordOrigin { reread(recordOrigin) }
    }
  }

  // MARK: Records

  private func reread(_ source: RecordOrigin) {
    switch read(source) {
    case .success(let row): record = row
    case .failure(let problem):
      record = nil
      recordOrigin = nil
      fail("\(problem.message); no record is selected")
    }
  }

  /// Reads a record for the current policy's schema.
  func read(_ source: RecordOrigin) -> Result<RecordRow, RecordProblem> {
    switch source {
    case .json(let text):
      return RecordLoader.record(json: text, policy: policy)
    case .row(let path, let row):
      if dataBytes == nil {
        do {
          dataBytes = try io.readFile(path)
        } catch {
          return .failure(RecordProblem(message: error.description))
        }
      }
      guard let format = dataFormat else {
        return .failure(RecordProblem(message: "cannot tell the format of '\(path)'; use --input-format"))
      }
      return RecordLoader.record(
        row: row, of: dataBytes ?? [], format: format, path: path, policy: policy)
    }
  }

  /// Makes the record from `source` current, reporting it.
  func selectRecord(_ source: RecordOrigin) {
    switch read(source) {
    case .failure(let problem): fail(problem.message)
    case .success(let row):
      record = row
      recordOrigin = source
      io.writeOut(describe(source, row: row) + "\n")
    }
  }

  private func describe(_ source: RecordOrigin, row: RecordRow) -> String {
    var text =
      switch source {
      case .json: "record from JSON"
      case .row(let path, let number): "record \(number) of \(path)"
      }
    if let key = policy.program.inputs.visibleKey, let value = row.text(ofField: key, in: policy.schema) {
      text += " (key \(ASTPrinter.quoted(value)))"
    }
    return text
  }
}

extension String {
  /// The string without leading and trailing whitespace.
  func trimmingWhitespace() -> String {
    var text = Substring(self)
    while let first = text.first, first.isWhitespace { text.removeFirst() }
    while let last = text.last, last.isWhitespace { text.removeLast() }
    return String(text)
  }
}
