import PlumDiagnostics
import PlumSyntax

/// Every diagnostic code Plum's front end can report, which `plum:allow(…)` comments may name.
///
/// The registry of every code of every phase, the front end's among them, is PlumDriver's
/// `DiagnosticRegistry`.
public enum FrontEndDiagnostics {
  /// Lexer, parser, checker, guarantee and lint codes, sorted by code.
  public static let all: [DiagnosticCode] =
    (LexerDiagnostics.all + ParserDiagnostics.all + CheckerDiagnostics.all + GuaranteeDiagnostics.all
    + LintDiagnostics.all).sorted { $0.id < $1.id }

  /// The code with this identifier, such as `P2001`, if Plum has one.
  public static func code(_ id: String) -> DiagnosticCode? {
    all.first { $0.id == id }
  }
}
