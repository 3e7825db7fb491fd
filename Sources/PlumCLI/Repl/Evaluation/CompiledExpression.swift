import PlumChecker
import PlumDiagnostics
import PlumSyntax

/// An expression checked in the scope of a policy.
struct CompiledExpression: Sendable {
  /// The expression as its own source, named `<expr>`: what its diagnostics point into.
  var file: SourceFile
  /// The checked expression; its references name the policy's declarations.
  var value: TypedExpression
  /// The parsed expression.
  var syntax: PlumSyntax.Expression
  /// Warnings about the expression (errors stop compilation).
  var warnings: [Finding]

  /// The expression's type.
  var type: PlumType { value.type }
}

/// The outcome of compiling an expression.
enum CompileOutcome: Sendable {
  /// The expression checked without errors.
  case compiled(CompiledExpression)
  /// The expression has errors; the findings point into it.
  case failed([Finding])
}
