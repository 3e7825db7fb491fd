import PlumChecker
import PlumDiagnostics
import PlumSyntax

/// Every diagnostic code the front end can report, gathered from the catalog of each phase.
///
/// This is the registry that `docs/diagnostics.md` is tested against: each code listed here has a
/// section there, and each section there names a code listed here.
public enum DiagnosticCatalog {
  /// The codes one phase of the front end reports.
  public struct Phase: Sendable {
    /// The phase's name, such as `lexer`.
    public let name: String
    /// The code prefixes the phase owns, such as `P00`.
    public let prefixes: [String]
    /// The phase's codes, in code order.
    public let codes: [DiagnosticCode]

    /// Creates a phase; its codes are sorted by id.
    public init(name: String, prefixes: [String], codes: [DiagnosticCode]) {
      self.name = name
      self.prefixes = prefixes
      self.codes = codes.sorted { $0.id < $1.id }
    }
  }

  /// The phases in the order they run over a policy.
  public static let phases: [Phase] = [
    Phase(name: "lexer", prefixes: ["P00"], codes: LexerDiagnostics.all),
    Phase(name: "parser", prefixes: ["P01"], codes: ParserDiagnostics.all),
    Phase(name: "checker", prefixes: ["P02", "P03"], codes: CheckerDiagnostics.all),
    Phase(name: "guarantees", prefixes: ["P04"], codes: GuaranteeDiagnostics.all),
    Phase(name: "lints", prefixes: ["P2"], codes: LintDiagnostics.all),
  ]

  /// Every code of every phase, sorted by id: the checker's registry, which SARIF and `--deny` use.
  public static var all: [DiagnosticCode] { DiagnosticRegistry.all }

  /// The code with the given id, such as `P0203`, or `nil` when no phase reports it.
  public static func code(_ id: String) -> DiagnosticCode? {
    DiagnosticRegistry.code(id)
  }

  /// The documentation file, relative to `docs/`, that holds the `<a id="pxxxx">` section of a code.
  ///
  /// Guarantees and lints are documented beside the analyses, run-time codes beside the runtime, and
  /// the lexer, parser and checker codes in the diagnostics index.
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
