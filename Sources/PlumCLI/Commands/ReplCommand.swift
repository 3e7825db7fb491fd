/// `plum repl [POLICY]`: an interactive session over a policy and a data file.
enum ReplCommand: Command {
  static let name = "repl"
  static let abstract = "Explore a policy interactively: evaluate expressions, inspect decisions."
  static let discussion: String? = """
    Type an expression to print `value : type` on the current record; :help lists the commands
    (:load, :reload, :type, :record, :why, :decide, :ast, :ir, :quit). On a terminal, lines are
    edited with the arrow keys and Emacs keys, and history is kept in $PLUM_HISTORY (default
    ~/.plum_history). Otherwise plain lines are read from standard input, so a session can be
    scripted. Exit status: 0; 1 when standard input is not a terminal and an entry failed (an
    error was shown for it); 2 for usage errors and for a policy or data file that cannot be read.
    """
  static let arguments = ArgumentSpec(
    options: [
      .init(name: "--data", valueName: "file", help: "A CSV or JSON Lines file to pick records from."),
      .init(
        name: "--input-format", valueName: "format",
        help: "The format of --data when the extension does not say.",
        choices: ["csv", "jsonl"]),
      .init(name: "--as-of", valueName: "date", help: "The date (YYYY-MM-DD) that `today` means."),
    ],
    positionals: [.init(name: "policy", help: "The policy to load.", optional: true)])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    let asOf = try AsOfOption.parse(arguments.value("--as-of"))
    let dataPath = arguments.value("--data")
    var format: InputFormat?
    if let dataPath {
      format = InputFormat(path: dataPath, option: arguments.value("--input-format"))
      if format == nil {
        throw UsageError(
          message:
            "cannot tell the format of '\(dataPath)'; use a .csv, .jsonl or .ndjson name or --input-format")
      }
    }
    guard case .success(let standIn) = EvalPolicy.standIn() else {
      io.writeErr("error: the empty policy does not compile\n")
      return .usage
    }
    let source = lineSource(io: io)
    let session = ReplSession(io: io, asOf: asOf, standIn: standIn, dataPath: dataPath, dataFormat: format)
    if source is TerminalLineSource {
      io.writeOut("Plum \(PlumCommand.version) — :help lists the commands, Ctrl-D leaves\n")
    }
    guard session.start(policyPath: arguments.positionals.first) else { return .usage }
    ReplLoop.run(session, source: source)
    // At a terminal an error is part of exploring; a script whose entries failed has failed.
    return session.hadErrors && !(source is TerminalLineSource) ? .findings : .success
  }

  /// The line editor on a terminal, plain lines from a pipe, or the captured standard input.
  private static func lineSource(io: CommandIO) -> LineSource {
    guard io.streamsToDescriptors else {
      let bytes = (try? io.readFile("-")) ?? []
      var lines = String(decoding: bytes, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false
      )
      .map(String.init)
      if lines.last == "" { lines.removeLast() }
      return ScriptedLineSource(lines: lines, io: io)
    }
    let terminal = Terminal(input: 0, output: 1)
    guard terminal.isInteractive else { return PlainLineSource(descriptor: 0, io: io) }
    return TerminalLineSource(
      terminal: terminal, historyFile: HistoryFile.standard(environment: io.environment))
  }
}
