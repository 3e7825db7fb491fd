import Foundation
import PlumDiagnostics
import PlumDriver
import PlumRuntime
import PlumSQL
import PlumSyntax

/// `plum compile --emit tokens|ast|ir|sql FILE`: prints a stable dump of one compiler phase, or
/// the policy as one SQL query.
enum CompileCommand: Command {
  static let name = "compile"
  static let abstract = "Compile a policy and print its tokens, syntax tree, IR or SQL."
  static let discussion: String? = """
    --emit is required. Every token and syntax tree line carries its @line:col-line:col source
    range; the IR dump has none (its @n are code addresses). Diagnostics go to standard error; the
    exit status is 1 when the policy has errors (the dump is still printed as far as it goes).
    --emit sql prints one query for --dialect (duckdb, postgres or spark) over the table --table
    (default participants), deciding as of --as-of; constructs the dialect cannot express are
    errors and no query is printed (docs/sql.md).
    """
  static let arguments = ArgumentSpec(
    flags: [.init(name: "--explain", help: "With --emit ir: the IR that records explanations.")],
    options: [
      .init(
        name: "--emit", valueName: "stage", help: "What to print.", choices: ["tokens", "ast", "ir", "sql"],
        required: true),
      .init(
        name: "--dialect", valueName: "engine", help: "With --emit sql: the SQL engine.",
        choices: SQLDialect.allCases.map(\.rawValue)),
      .init(name: "--table", valueName: "name", help: "With --emit sql: the table or view of records."),
      .init(
        name: "--as-of", valueName: "date", help: "With --emit sql: the date (YYYY-MM-DD) `today` means."),
      .init(
        name: "--format", valueName: "format", help: "How to print diagnostics.", choices: ["text", "json"]),
    ],
    positionals: [.init(name: "file", help: "The policy file ('-' for standard input).")])

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    guard let path = arguments.positionals.first else {
      throw UsageError(message: "missing expected argument '<file>'")
    }
    guard let stage = arguments.value("--emit") else {
      throw UsageError(message: "missing '--emit <stage>' (tokens, ast, ir or sql)")
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
    case "sql":
      let options = try sqlOptions(arguments, path: path)
      let result = Frontend.check(name: path, bytes: bytes)
      source = result.source
      var all = result.diagnostics
      if !result.hasErrors, let checked = result.checked {
        let compiled = SQLCompilation.compile(checked, source: source, options: options)
        all += compiled.diagnostics
        if let query = compiled.query { io.writeOut(query) }
      }
      diagnostics = all
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
