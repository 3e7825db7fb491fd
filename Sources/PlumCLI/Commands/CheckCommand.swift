import PlumDiagnostics

/// `plum check FILE…`: reports every diagnostic of the given policies.
enum CheckCommand: Command {
  static let name = "check"
  static let abstract = "Check policies for errors and report every diagnostic."
  static let discussion: String? = """
    Exit status: 0 when no errors were found, 1 when any policy has errors, 2 for usage or I/O
    errors. Text diagnostics go to standard error; JSON goes to standard output, one object per line.
    A directory argument checks every *.plum file below it.
    """
  static let arguments = ArgumentSpec(
    options: [
      .init(
        name: "--format", valueName: "format", help: "How to print diagnostics.",
        choices: DiagnosticRenderer.Format.allCases.map(\.rawValue))
    ],
    positionals: [.init(name: "file", help: "Policy files or directories to check.", repeating: true)])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    let format = DiagnosticRenderer.Format(rawValue: arguments.value("--format") ?? "text") ?? .text
    let paths = PolicyPaths.expand(arguments.positionals)
    let renderer = DiagnosticRenderer(colored: format == .text && io.colorsErr)
    var errors = 0
    var warnings = 0
    var ioFailed = false
    for path in paths {
      let bytes: [UInt8]
      do {
        bytes = try io.readFile(path)
      } catch {
        io.writeErr("error: \(error)\n")
        ioFailed = true
        continue
      }
      let result = Frontend.check(name: path, bytes: bytes)
      errors += result.diagnostics.filter { $0.severity == .error }.count
      warnings += result.diagnostics.filter { $0.severity == .warning }.count
      let rendered = renderer.render(result.diagnostics, in: result.source, format: format)
      if format == .text { io.writeErr(rendered) } else { io.writeOut(rendered) }
    }
    if format == .text {
      let files = paths.count == 1 ? "1 file" : "\(paths.count) files"
      io.writeErr("checked \(files): \(plural(errors, "error")), \(plural(warnings, "warning"))\n")
    }
    if ioFailed { return .usage }
    return errors > 0 ? .findings : .success
  }
}

/// "1 error", "2 errors".
func plural(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}
