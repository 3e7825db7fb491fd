import PlumChecker
import PlumDiagnostics
import PlumSyntax

/// Checks an expression in a policy's scope: the expression is a source of its own, named
/// `<expr>`, parsed alone and checked by `Checker.checkExpression` against the loaded policy, so its
/// diagnostics point into what was typed and the policy is not checked again.
struct ExpressionCompiler: Sendable {
  /// The policy whose names are in scope.
  let policy: EvalPolicy

  /// Compiles `text`.
  func compile(_ text: String) -> CompileOutcome {
    let file = SourceFile(name: "<expr>", text: text)
    let (syntax, parseDiagnostics) = Parser.parseExpression(file)
    guard let syntax else { return .failed(parseDiagnostics.map { Finding(diagnostic: $0, file: file) }) }
    // Type errors after a syntax error are still worth showing: the error type absorbs placeholders.
    let checked = Checker.checkExpression(
      syntax, source: file, in: policy.checked, policySource: policy.frontend.source)
    let findings = (parseDiagnostics + checked.diagnostics).sortedByPosition().map {
      Finding(diagnostic: $0, file: file)
    }
    guard !findings.hasErrors else { return .failed(findings) }
    return .compiled(
      CompiledExpression(file: file, value: checked.expression, syntax: syntax, warnings: findings))
  }

  /// Parses `text` only, for showing its tree: the tree (nil when there is none) with spans in the
  /// expression, and the syntax errors.
  func parse(_ text: String) -> (tree: String?, findings: [Finding]) {
    let file = SourceFile(name: "<expr>", text: text)
    let (syntax, diagnostics) = Parser.parseExpression(file)
    return (
      syntax.map { ASTDump.render($0, in: file) }, diagnostics.map { Finding(diagnostic: $0, file: file) }
    )
  }
}
