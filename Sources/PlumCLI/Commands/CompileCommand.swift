import PlumDiagnostics
import PlumSyntax

/// `plum compile --emit tokens|ast FILE`: prints a stable dump of one compiler phase.
enum CompileCommand: Command {
  static let name = "compile"
  static let abstract = "Compile a policy and print the tokens or syntax tree."
  static let discussion: String? = """
    Every dump line carries @line:col-line:col source ranges. Diagnostics go to standard error; the
    exit status is 1 when the policy has errors (the dump is still printed as far as it goes).
    """
  static let arguments = ArgumentSpec(
    options: [
      .init(name: "--emit", valueName: "stage", help: "What to print.", choices: ["tokens", "ast"]),
      .init(
        name: "--format", valueName: "format", help: "How to print diagnostics.",
        choices: DiagnosticRenderer.Format.allCases.map(\.rawValue)),
    ],
    positionals: [.init(name: "file", help: "The policy file ('-' for standard input).")])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    guard let path = arguments.positionals.first else { throw UsageError(message: "missing expected argument '<file>'") }
    guard let stage = arguments.value("--emit") else {
      throw UsageError(message: "missing '--emit <stage>' (tokens or ast)")
    }
    let format = DiagnosticRenderer.Format(rawValue: arguments.value("--format") ?? "text") ?? .text
    let bytes: [UInt8]
    do {
      bytes = try io.readFile(path)
    } catch {
      io.writeErr("error: \(error)\n")
      return .usage
    }
    let diagnostics: [Diagnostic]
    let source: SourceFile
    switch stage {
    case "tokens":
      source = SourceFile(name: path, bytes: bytes)
      let (tokens, lexDiagnostics) = Lexer.tokenize(source)
      io.writeOut(TokenDump.render(tokens, in: source))
      diagnostics = lexDiagnostics
    default:
      let result = Frontend.check(name: path, bytes: bytes)
      source = result.source
      io.writeOut(ASTDump.render(result.ast, in: source))
      diagnostics = result.diagnostics
    }
    let renderer = DiagnosticRenderer(colored: format == .text && io.colorsErr)
    io.writeErr(renderer.render(diagnostics, in: source, format: format))
    return diagnostics.contains { $0.severity == .error } ? .findings : .success
  }
}
