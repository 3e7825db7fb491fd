import Foundation
import PlumData
import PlumDiagnostics
import PlumDriver
import PlumRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `plum run POLICY DATA…`: decides every record and writes one JSON line per record.
enum RunCommand: Command {
  static let name = "run"
  static let abstract = "Run a policy over participant records and write one decision per record."
  static let discussion: String? = """
    Each record gets one JSON line on standard output (or --out), in input order: its rewards and
    the rules that held, or an error naming the record's line and field. The input format comes
    from the extension (.csv, .jsonl, .ndjson) or --input-format; '-' reads standard input.
    Dates are relative to --as-of (default: today's UTC date, shown in the summary). --explain
    adds every reward's conditions with their values, the rules and the model scores. A one-line
    summary goes to standard error; --summary writes it as JSON. --quiet leaves out the policy's
    warnings, the progress line and the summary line: standard error carries errors only.
    Every data file is opened, and the --out and --summary paths checked, before the first record:
    an I/O error there decides nothing, and an --out or --summary naming the policy, a data or
    model file is refused. --out is replaced when the run ends (through a temporary file), so a
    failed run leaves it as it was. With several data files, error lines name their "file".
    --stream reads JSON Lines (or CSV with --input-format csv) from standard input and writes
    each decision before waiting for more input, so it leaves as soon as its record is complete.
    --jobs N decides on N threads (default: the number of cores; --stream always uses one); the
    output, the summary and the exit status are the same for every N, and --jobs 1 reads and
    decides on one thread.
    A record whose key an earlier record of the run had (in any of the files) is an error, P0608,
    so that a repeated row never pays out twice; --allow-duplicate-keys decides it anyway.
    Exit status: 0 when every record was decided, 1 when any record could not be (the others are
    still decided; --strict stops at the first), 2 for usage or I/O errors or a policy with errors.
    """
  static let arguments = ArgumentSpec(
    flags: [
      .init(
        name: "--explain", help: "Add each reward's conditions, rules and model scores to every decision."),
      .init(name: "--strict", help: "Stop at the first record that cannot be decided."),
      .init(
        name: "--stream",
        help: "Read standard input and write each decision as soon as its record is complete."),
      .quiet,
      .init(
        name: "--allow-duplicate-keys",
        help: "Decide a record whose key an earlier record had, instead of rejecting it (P0608)."),
    ],
    options: [
      .init(
        name: "--input-format", valueName: "format",
        help: "The records' format when the extension does not say.",
        choices: ["csv", "jsonl"]),
      .init(name: "--out", valueName: "file", help: "Write decisions to a file instead of standard output."),
      .init(
        name: "--as-of", valueName: "date", help: "The date (YYYY-MM-DD) that `today` means in this run."),
      .init(name: "--summary", valueName: "file", help: "Write the run's summary as JSON to a file."),
      .init(
        name: "--seed", valueName: "n",
        help: "Break ties between equally good rewards at the margin of a budget by this seed (default 0)."),
      .init(
        name: "--jobs", valueName: "n",
        help: "Decide records on n threads (default: the number of cores); the output does not change."),
    ],
    positionals: [
      .init(name: "policy", help: "The policy file."),
      .init(
        name: "data", help: "Record files (CSV or JSON Lines; '-' for standard input).", optional: true,
        repeating: true),
    ])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    let positionals = arguments.positionals
    let stream = arguments.has("--stream")
    guard !positionals.isEmpty else { throw UsageError(message: "missing expected argument '<policy>'") }
    guard positionals.count >= 2 || stream else {
      throw UsageError(message: "missing expected argument '<data>'")
    }
    if stream, positionals.dropFirst().contains(where: { $0 != "-" }) {
      throw UsageError(message: "--stream reads standard input; give no data files (or '-')")
    }
    let policyPath = positionals[0]
    let dataPaths = stream ? ["-"] : Array(positionals.dropFirst())
    try StandardInputOnce.check([policyPath] + dataPaths)
    let asOf = try AsOfOption.parse(arguments.value("--as-of"))
    var formats: [InputFormat] = []
    for path in dataPaths {
      guard
        let format = InputFormat(
          path: path, option: arguments.value("--input-format") ?? (stream ? "jsonl" : nil))
      else {
        throw UsageError(
          message: "cannot tell the format of '\(path)'; use a .csv, .jsonl or .ndjson name or --input-format"
        )
      }
      formats.append(format)
    }

    let jobs = try jobCount(arguments.value("--jobs"), stream: stream)
    let quiet = arguments.has("--quiet")
    guard
      let (program, modelPaths) = compile(
        policyPath, explain: arguments.has("--explain"), quiet: quiet, io: io)
    else {
      return .usage
    }
    // An output naming an input would replace the records (or the policy, or a model) it reads.
    let conflicts = OutputConflicts(
      outputs: [("--out", arguments.value("--out")), ("--summary", arguments.value("--summary"))].compactMap {
        option, path in path.map { OutputConflicts.Output(option: option, path: $0) }
      },
      inputs: [.init(role: "the policy", path: policyPath)]
        + dataPaths.map { .init(role: "the data file", path: $0) }
        + modelPaths.map { .init(role: "the model file", path: $0) })
    if let problem = conflicts.problem() {
      io.writeErr("error: \(problem)\n")
      return .usage
    }
    let runner: DecisionRunner
    do {
      runner = try DecisionRunner(program: program, asOf: asOf)
    } catch {
      io.writeErr("error: the input schema cannot be read from records: \(error)\n")
      return .usage
    }
    if arguments.has("--allow-duplicate-keys") { runner.keys = nil }
    // A budget reads the inputs twice (see RunCommand+Budget); standard input is spooled first.
    var seed: UInt64 = 0
    if let text = arguments.value("--seed") {
      guard let value = UInt64(text) else {
        throw UsageError(message: "--seed needs a whole number, found '\(text)'")
      }
      seed = value
    }
    // A streamed run decides each record as it arrives: the budget is reported, not allocated.
    let budgetPass = stream ? nil : BudgetPass(program: program, seed: seed)
    var spooled: SpooledInput?
    defer { spooled?.remove() }
    if budgetPass != nil, io.streamsToDescriptors, dataPaths.contains("-") {
      do {
        spooled = try SpooledInput.spool(io: io)
      } catch {
        io.writeErr("error: \(error)\n")
        return .usage
      }
    }
    // Every input is opened and every output path checked before the first record is decided, so a
    // missing file or an unwritable path costs nothing and leaves no partial output behind.
    var inputs: [(path: String, reader: any RecordReader, descriptor: Int32?)] = []
    let flushTarget = FlushTarget()
    for (path, format) in zip(dataPaths, formats) {
      do {
        let (reader, descriptor) = try openReader(
          path == "-" ? spooled?.path ?? path : path, format: format, schema: runner.schema, io: io,
          flushing: stream ? flushTarget : nil)
        inputs.append((path, reader, descriptor))
      } catch {
        io.writeErr("error: \(path): \(error)\n")
        return .usage
      }
    }
    let out = arguments.value("--out")
    for path in [out, arguments.value("--summary")].compactMap({ $0 }) {
      do {
        try io.checkWritable(path)
      } catch {
        io.writeErr("error: cannot write '\(path)': \(error.reason)\n")
        return .usage
      }
    }
    let sink: OutputSink
    do {
      sink = try OutputSink(path: out, io: io)
    } catch {
      io.writeErr("error: cannot write '\(out ?? "-")': \(systemReason(error))\n")
      return .usage
    }
    flushTarget.writer = sink.writer
    if let budgetPass {
      if let failure = allocateBudget(
        budgetPass, program: program, asOf: asOf, inputs: inputs.map(\.reader), paths: dataPaths,
        allowDuplicateKeys: arguments.has("--allow-duplicate-keys"), strict: arguments.has("--strict"))
      {
        io.writeErr("error: \(failure)\n")
        return .usage
      }
      for (position, (path, format)) in zip(dataPaths, formats).enumerated() {
        do {
          let (reader, descriptor) = try openReader(
            path == "-" ? spooled?.path ?? path : path, format: format, schema: runner.schema, io: io,
            flushing: nil)
          inputs[position] = (path, reader, descriptor)
        } catch {
          io.writeErr("error: \(path): \(error)\n")
          return .usage
        }
      }
      if budgetPass.isBinding {
        runner.rewardChoice = { record, runner in budgetPass.choice(record: record, runner: runner) }
      }
    }
    // A binding budget's choice is made per record number on the one runner that holds it, so its
    // second pass decides on one thread.
    let threads = budgetPass?.isBinding == true ? 1 : jobs
    let clock = ContinuousClock()
    let started = clock.now
    var progress = ProgressLine(io: io, clock: clock, started: started, isShown: !quiet)
    var allDecided = true
    for input in inputs {
      progress.begin(descriptor: input.descriptor)
      runner.inputName = inputs.count > 1 ? input.path : nil
      do {
        let decided: Bool
        if threads > 1, let chunked = input.reader as? any ChunkedRecordReader {
          decided = try runner.run(
            chunked, jobs: threads, to: sink.writer, explain: program.explains,
            strict: arguments.has("--strict"),
            firstRecord: runner.recordsSoFar + 1, progress: { progress.update(records: $0) })
        } else {
          decided = try runner.run(
            input.reader, to: sink.writer, explain: program.explains, strict: arguments.has("--strict"),
            firstRecord: runner.recordsSoFar + 1,
            progress: { progress.update(records: $0) })
        }
        if !decided { allDecided = false }
        if !decided && arguments.has("--strict") { break }
      } catch {
        progress.clear()
        io.writeErr("error: \(input.path): \(error)\n")
        sink.abandon(io: io)
        return .usage
      }
    }
    progress.clear()
    let elapsed = clock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    if let failure = sink.finish(io: io) {
      io.writeErr("error: cannot write '\(out ?? "standard output")': \(failure)\n")
      return .usage
    }
    let summary = RunSummary(
      program: program, statistics: runner.statistics, asOf: asOf, seconds: seconds,
      budget: budgetPass?.summary,
      constraints: stream
        ? []
        : zip(program.constraints, runner.statistics.constraintTallies).compactMap {
          ConstraintSummary($0, tally: $1)
        })
    if !quiet {
      io.writeErr(
        summary.line + (arguments.has("--strict") && !allDecided ? " (stopped at the first error)" : "")
          + (stream && program.budget != nil
            ? "\nbudget: not allocated: --stream decides each record as it arrives" : "")
          + "\n")
    }
    if let path = arguments.value("--summary") {
      do {
        try io.writeFile(path, contents: Array(summary.json.utf8))
      } catch {
        io.writeErr("error: cannot write '\(path)': \(error.reason)\n")
        return .usage
      }
    }
    return allDecided ? .success : .findings
  }

  /// The number of threads to decide on: `--jobs`, else the number of cores; 1 for `--stream`,
  /// which writes each decision as soon as its record is read.
  static func jobCount(_ option: String?, stream: Bool) throws(UsageError) -> Int {
    guard let option else { return stream ? 1 : max(1, ProcessInfo.processInfo.activeProcessorCount) }
    guard let count = Int(option), (1...maximumJobs).contains(count) else {
      throw UsageError(message: "--jobs takes a whole number from 1 to \(maximumJobs), not '\(option)'")
    }
    return stream ? 1 : count
  }

  /// The most threads `--jobs` accepts.
  static let maximumJobs = 256

  /// Checks and lowers the policy, printing diagnostics; the program and the model files it read,
  /// or nil when it cannot run.
  private static func compile(_ path: String, explain: Bool, quiet: Bool, io: CommandIO) -> (
    Program, [String]
  )? {
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(path)
    } catch {
      io.writeErr("error: \(error)\n")
      return nil
    }
    let compiled = Driver.compile(path: path, bytes: bytes, options: CompileOptions(explain: explain))
    // A policy with errors shows all its diagnostics; otherwise --quiet leaves out the warnings.
    let diagnostics =
      compiled.hasFrontEndErrors ? compiled.diagnostics : compiled.diagnostics.shown(quiet: quiet)
    if !diagnostics.isEmpty { io.writeErr(compiled.rendered(diagnostics, colored: io.colorsErr)) }
    guard let program = compiled.program else {
      io.writeErr("error: \(path) has \(plural(compiled.errorCount, "error")); nothing was run\n")
      return nil
    }
    return (program, compiled.checked?.models.map { compiled.resolve($0.source) } ?? [])
  }

  static func openReader(
    _ path: String, format: InputFormat, schema: RecordSchema, io: CommandIO, flushing: FlushTarget?
  ) throws(RunInputError) -> (any RecordReader, Int32?) {
    var source: any ByteSource
    var descriptor: Int32?
    if io.streamsToDescriptors {
      do {
        let file =
          path == "-" ? FileDescriptorSource.standardInput() : try FileDescriptorSource.open(path: path)
        descriptor = path == "-" ? nil : file.fileDescriptor
        source = file
      } catch {
        throw .data(error)
      }
    } else {
      do {
        source = MemorySource(try io.readFile(path))
      } catch {
        throw .file(error)
      }
    }
    if let flushing {
      source = FlushingSource(
        source: source, target: flushing, descriptor: io.streamsToDescriptors && path == "-" ? 0 : nil)
    }
    do {
      let options = ReaderOptions(streaming: flushing != nil)
      return (try format.reader(schema: schema, source: source, options: options), descriptor)
    } catch {
      throw .data(error)
    }
  }
}

/// Why a record file could not be read at all.
enum RunInputError: Error, CustomStringConvertible {
  case file(FileError)
  case data(DataError)

  var description: String {
    switch self {
    case .file(let error): error.reason
    case .data(let error): error.description
    }
  }
}
