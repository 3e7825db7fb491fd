import PlumChecker
import PlumData
import PlumDiagnostics
import PlumRuntime
import PlumSyntax

/// Every diagnostic and error code Plum has, phase by phase, from each phase's own catalog: the
/// lexer, parser, checker, static guarantees and lints, compiling a policy and loading its models,
/// evaluation, and reading records.
///
/// `plum check` validates `--deny` against it, its SARIF rules are the codes `plum check` can
/// report, and the documentation tests check that every code is documented where
/// `documentationPage(of:)` says.
public enum DiagnosticRegistry {
  /// The codes one phase reports.
  public struct Phase: Sendable {
    /// How the documentation presents a phase's codes.
    public enum Documentation: Sendable {
      /// A `## P0000 — title` section per code, with a wrong example and the fix.
      case sections
      /// A row `| P0000 | title |` per code in a table.
      case table
    }

    /// The phase's name, such as `lexer`.
    public let name: String
    /// The code prefixes the phase owns, such as `P00`.
    public let prefixes: [String]
    /// The phase's codes, in code order.
    public let codes: [DiagnosticCode]
    /// Whether `plum check` can report them (the others are outcomes of runs).
    public let reportedByCheck: Bool
    /// How the documentation presents them.
    public let documentation: Documentation

    /// Creates a phase; its codes are sorted by id.
    public init(
      name: String, prefixes: [String], codes: [DiagnosticCode], reportedByCheck: Bool = true,
      documentation: Documentation = .sections
    ) {
      self.name = name
      self.prefixes = prefixes
      self.codes = codes.sorted { $0.id < $1.id }
      self.reportedByCheck = reportedByCheck
      self.documentation = documentation
    }
  }

  /// The phases in the order they meet a policy and its records.
  public static let phases: [Phase] = [
    Phase(name: "lexer", prefixes: ["P00"], codes: LexerDiagnostics.all),
    Phase(name: "parser", prefixes: ["P01"], codes: ParserDiagnostics.all),
    Phase(name: "checker", prefixes: ["P02", "P03"], codes: CheckerDiagnostics.all),
    Phase(name: "guarantees", prefixes: ["P04"], codes: GuaranteeDiagnostics.all),
    Phase(name: "lints", prefixes: ["P2"], codes: LintDiagnostics.all),
    Phase(
      name: "compilation", prefixes: ["P051"],
      codes: RuntimeDiagnostics.all.filter { $0.id.hasPrefix("P05") },
      documentation: .table),
    Phase(
      name: "models", prefixes: ["P07"], codes: RuntimeDiagnostics.all.filter { $0.id.hasPrefix("P07") },
      documentation: .table),
    Phase(
      name: "evaluation", prefixes: ["P050"],
      codes: RuntimeErrorCode.allCases.map { DiagnosticCode($0.rawValue, .error, $0.summary) },
      reportedByCheck: false, documentation: .table),
    Phase(
      name: "records", prefixes: ["P06"],
      codes: RecordErrorCode.allCases.map { DiagnosticCode($0.rawValue, .error, $0.summary) },
      reportedByCheck: false, documentation: .table),
  ]

  /// Every code of every phase, sorted by id.
  public static let all: [DiagnosticCode] = phases.flatMap(\.codes).sorted { $0.id < $1.id }

  /// The codes `plum check` can report, for SARIF rules: the front end's, in code order, then
  /// those of compiling a clean policy and loading its model files.
  public static var reportedByCheck: [DiagnosticCode] {
    FrontEndDiagnostics.all + RuntimeDiagnostics.all
  }

  /// The code with the given id, such as `P0203`, or `nil` when Plum has none.
  public static func code(_ id: String) -> DiagnosticCode? {
    all.first { $0.id == id }
  }

  /// The documentation file, relative to `docs/`, that documents a code.
  ///
  /// Guarantees and lints are documented beside the analyses, run-time and model codes beside the
  /// runtime, record codes beside the readers, and the lexer, parser and checker codes in the
  /// diagnostics index.
  public static func documentationPage(of id: String) -> String {
    if id.hasPrefix("P04") || id.hasPrefix("P2") { return "diagnostics-guarantees.md" }
    if id.hasPrefix("P05") || id.hasPrefix("P07") { return "runtime.md" }
    if id.hasPrefix("P06") { return "data.md" }
    return "diagnostics.md"
  }

  /// The phase that reports the code with the given id, or `nil` when none does.
  public static func phase(of id: String) -> Phase? {
    phases.first { phase in phase.codes.contains { $0.id == id } }
  }
}
