import PlumDiagnostics
import PlumFormatter

/// `plum fmt [--check] [--diff] FILE…`: rewrites policies in the canonical layout.
enum FmtCommand: Command {
  static let name = "fmt"
  static let abstract = "Format policies in Plum's canonical layout."
  static let discussion: String? = """
    Rewrites each file in place when its layout changes; '-' formats standard input to standard
    output. A directory argument formats every *.plum file below it. A file with syntax errors is
    left alone and its diagnostics are printed. With --check nothing is written: the files that
    would change are listed on standard output. With --diff nothing is written: a unified diff of
    each change is printed on standard output.
    Exit status: 0 on success, 1 when a file has syntax errors (or, with --check or --diff, would
    change), 2 for usage or I/O errors.
    """
  static let arguments = ArgumentSpec(
    flags: [
      .init(name: "--check", help: "List the files that are not formatted and change nothing."),
      .init(name: "--diff", help: "Print a unified diff of the changes and change nothing."),
    ],
    positionals: [
      .init(
        name: "file", help: "Policy files or directories to format ('-' for standard input).", repeating: true
      )
    ])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    let check = arguments.has("--check")
    let diff = arguments.has("--diff")
    let renderer = DiagnosticRenderer(colored: io.colorsErr)
    var findings = false
    var ioFailed = false
    guard let paths = PolicyPaths.expand(arguments.positionals, io: io) else { return .usage }
    for path in paths {
      let bytes: [UInt8]
      do {
        bytes = try io.readFile(path)
      } catch {
        io.writeErr("error: \(error)\n")
        ioFailed = true
        continue
      }
      let source = SourceFile(name: path == "-" ? "<stdin>" : path, bytes: bytes)
      let formatted: String
      do {
        formatted = try SourceFormatter.format(source)
      } catch {
        switch error {
        case .syntaxErrors(let diagnostics):
          io.writeErr(renderer.render(diagnostics, in: source, format: .text))
        case .unsafeLayout(let reason):
          io.writeErr("error: \(source.name) was not formatted: \(reason)\n")
        }
        findings = true
        continue
      }
      let changed = Array(formatted.utf8) != bytes
      if diff {
        io.writeOut(
          LineDiff.unified(
            from: source.text, to: formatted, oldName: "a/\(source.name)", newName: "b/\(source.name)"))
      } else if check {
        if changed { io.writeOut("\(source.name)\n") }
      } else if path == "-" {
        io.writeOut(formatted)
      } else if changed {
        do {
          try io.writeFile(path, Array(formatted.utf8))
        } catch {
          io.writeErr("error: \(error)\n")
          ioFailed = true
        }
      }
      // Like `diff(1)`, a printed difference is a finding, so CI can fail on unformatted files.
      if check || diff, changed { findings = true }
    }
    if ioFailed { return .usage }
    return findings ? .findings : .success
  }
}
