import PlumChecker
import PlumDiagnostics
import PlumSyntax

/// The result of reading, parsing and checking one policy file.
public struct FrontendResult: Sendable {
  /// The source as read.
  public var source: SourceFile
  /// The parsed tree.
  public var ast: PolicyFile
  /// The checked policy, when the checker could build one.
  public var checked: CheckedPolicy?
  /// Every diagnostic of every phase, in source order.
  public var diagnostics: [Diagnostic]

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  /// Creates a result.
  public init(source: SourceFile, ast: PolicyFile, checked: CheckedPolicy?, diagnostics: [Diagnostic]) {
    self.source = source
    self.ast = ast
    self.checked = checked
    self.diagnostics = diagnostics
  }
}

/// The front end as one call: lexer, parser, checker and the static guarantees and lints.
public enum Frontend {
  /// Runs the front end over a policy file's bytes; `lints: false` leaves out the warnings.
  public static func check(name: String, bytes: [UInt8], lints: Bool = true) -> FrontendResult {
    let source = SourceFile(name: name, bytes: bytes)
    let (ast, parseDiagnostics) = Parser.parse(source)
    var diagnostics = parseDiagnostics
    let result = Checker.check(ast, source: source)
    // Type errors after syntax errors are often follow-on noise, but independent ones are useful:
    // the checker's error type absorbs the placeholders the parser leaves.
    diagnostics += result.diagnostics
    if let policy = result.policy {
      // The guarantees always run; lints only on a policy without errors, where they are not noise.
      let clean = lints && !diagnostics.contains { $0.severity == .error }
      diagnostics += PolicyAnalyzer.analyze(policy, file: ast, source: source, options: .init(lints: clean))
    }
    return FrontendResult(
      source: source, ast: ast, checked: result.policy, diagnostics: diagnostics.sortedByPosition())
  }
}
