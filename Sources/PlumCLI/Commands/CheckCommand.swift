import Foundation
import PlumChecker
import PlumDiagnostics
import PlumDriver
import PlumRuntime

/// `plum check FILE…`: reports every diagnostic of the given policies.
enum CheckCommand: Command {
  static let name = "check"
  static let abstract = "Check policies for errors, unsafe data flows and lints."
  static let discussion: String? = """
    Exit status: 0 when no errors were found, 1 when any policy has errors (including warnings
    promoted by --deny), 2 for usage or I/O errors. Text diagnostics go to standard error; json,
    sarif and github go to standard output. A directory argument checks every *.plum file below it.
    Lints (P2xxx) are warnings; silence one with a comment `// plum:allow(P2xxx) reason` on its line
    or the line before. --quiet reports errors only, in every format, and prints no count line.
    """
  static let arguments = ArgumentSpec(
    flags: [.quiet],
    options: [
      .init(
        name: "--format", valueName: "format", help: "How to print diagnostics.",
        choices: DiagnosticRenderer.Format.allCases.map(\.rawValue)),
      .init(
        name: "--deny", valueName: "warnings|code",
        help: "Treat all warnings, or one code such as P2001, as errors.", repeating: true),
      .init(
        name: "--docs-url", valueName: "url",
        help: "Where SARIF rules link for help: the address of Plum's docs folder."),
    ],
    positionals: [.init(name: "file", help: "Policy files or directories to check.", repeating: true)])

  /// Where SARIF logs say to learn about Plum unless `--docs-url` is given.
  static let informationURI = "https://github.com/plum-lang/plum"
  /// The docs folder SARIF rules link into unless `--docs-url` is given.
  static let defaultDocsURL = informationURI + "/blob/main/docs"

  /// The SARIF renderer whose rules link to each code's section under a docs folder's address.
  ///
  /// The rules are every code `plum check` can report: the front end's, and the run-time codes of
  /// compiling a clean policy and loading its model files.
  static func sarifRenderer(docsURL: String?) -> SARIFRenderer {
    var trimmed = docsURL ?? defaultDocsURL
    while trimmed.hasSuffix("/") { trimmed.removeLast() }
    let base = trimmed
    return SARIFRenderer(
      toolName: "plum", toolVersion: PlumCommand.version, informationURI: docsURL ?? informationURI,
      rules: DiagnosticRegistry.reportedByCheck,
      helpPage: { code in "\(base)/\(DiagnosticRegistry.documentationPage(of: code.id))" })
  }

  static func run(_ arguments: ParsedArguments, io: CommandIO) throws(UsageError) -> ExitStatus {
    let format = DiagnosticRenderer.Format(rawValue: arguments.value("--format") ?? "text") ?? .text
    let deny = try DenyList(arguments.values("--deny"))
    let docsURL = arguments.value("--docs-url")
    let quiet = arguments.has("--quiet")
    if let docsURL, docsURL.allSatisfy({ $0 == "/" }) {
      throw UsageError(message: "'--docs-url' needs an address such as https://example.com/plum/docs")
    }
    guard let paths = PolicyPaths.expand(arguments.positionals, io: io) else { return .usage }
    let sarif = sarifRenderer(docsURL: docsURL)
    let renderer = DiagnosticRenderer(colored: format == .text && io.colorsErr, sarif: sarif)
    var files: [(source: SourceFile, diagnostics: [Diagnostic])] = []
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
      // A clean policy with models is compiled as `plum run` would, to find problems with its model
      // files (unreadable, of another kind, inputs that do not match, features trained on other
      // definitions).
      let compiled = Driver.compile(path: path, bytes: bytes, options: CompileOptions(lowering: .whenModels))
      let diagnostics = compiled.diagnostics.sortedByPosition().map(deny.apply).shown(quiet: quiet)
      files.append((compiled.source, diagnostics))
      // Text streams file by file; the other formats are written once at the end.
      if format == .text { io.writeErr(renderer.render(diagnostics, in: compiled.source, format: .text)) }
    }
    let all = files.flatMap(\.diagnostics)
    let errors = all.filter { $0.severity == .error }.count
    let warnings = all.filter { $0.severity == .warning }.count
    switch format {
    case .text where quiet: break
    case .text:
      // Only the files actually read count; an unreadable path has its own error line.
      let count = files.count == 1 ? "1 file" : "\(files.count) files"
      io.writeErr("checked \(count): \(plural(errors, "error")), \(plural(warnings, "warning"))\n")
    case .sarif:
      io.writeOut(renderer.render(files, format: .sarif))
    case .json, .github:
      io.writeOut(renderer.render(files, format: format))
    }
    if ioFailed { return .usage }
    return errors > 0 ? .findings : .success
  }
}

/// The `--deny` values: every warning, or chosen codes, promoted to errors.
struct DenyList: Sendable {
  /// Whether every warning is denied.
  var warnings = false
  /// The denied codes.
  var codes: Set<String> = []

  /// Reads `--deny` values; an unknown code is a usage error.
  init(_ values: [String]) throws(UsageError) {
    for value in values {
      if value == "warnings" {
        warnings = true
      } else if DiagnosticRegistry.code(value) != nil {
        codes.insert(value)
      } else {
        throw UsageError(
          message: "unknown value '\(value)' for '--deny'; expected 'warnings' or a code such as P2001")
      }
    }
  }

  /// The diagnostic, as an error when it is a denied warning.
  func apply(_ diagnostic: Diagnostic) -> Diagnostic {
    guard diagnostic.severity == .warning, warnings || codes.contains(diagnostic.code.id) else {
      return diagnostic
    }
    var promoted = diagnostic
    promoted.severity = .error
    return promoted
  }
}

/// "1 error", "2 errors".
func plural(_ count: Int, _ noun: String) -> String {
  "\(count) \(noun)\(count == 1 ? "" : "s")"
}
