import Foundation
import PlumDiagnostics
import PlumDriver
import PlumRuntime
import PlumSyntax

/// `plum compile --emit tokens|ast|ir FILE`: prints a stable dump of one compiler phase.
enum CompileCommand: Command {
  static let name = "compile"
  static let abstract = "Compile a policy and print its tokens, syntax tree or IR."
  static let discussion: String? = """
    --emit is required. Every token and syntax tree line carries its @line:col-line:col source
    range; the IR dump has none (its @n are code addresses). Diagnostics go to standard error; the
    exit status is 1 when the policy has errors (the dump is still printed as far as it goes).
    """
  static let arguments = ArgumentSpec(
    flags: [.init(name: "--explain", help: "With --emit ir: the IR that records explanations.")],
    options: [
      .init(
        name: "--emit", valueName: "stage", help: "What to print.", choices: ["tokens", "ast", "ir"],
        required: true),
      .init(
        name: "--format", valueName: "format", help: "How to print diagnostics.", choices: ["text", "json"]),
    ],
    positionals: [.init(name: "file", help: "The policy file ('-' for standard input).")])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    guard let path = arguments.positionals.first else {
      throw UsageError(message: "missing expected argument '<file>'")
    }
    guard let stage = arguments.value("--emit") else {
      throw UsageError(message: "missing '--emit <stage>' (tokens, ast or ir)")
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
    case "ir":
      let compiled = Driver.compile(
        path: path, bytes: bytes, options: CompileOptions(explain: arguments.has("--explain")))
      source = compiled.source
      if let program = compiled.program { io.writeOut(ProgramDump.render(program)) }
      diagnostics = compiled.diagnostics
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
