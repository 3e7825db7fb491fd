import PlumChecker
import PlumDiagnostics
import PlumDriver
import PlumSyntax

/// An expression checked in the scope of a policy, through a synthetic `let` appended to it.
struct CompiledExpression: Sendable {
  /// The expression as its own source, named `<expr>`: what its diagnostics point into.
  var file: SourceFile
  /// The policy's source with the synthetic declaration appended, and the front end's result.
  var synthetic: FrontendResult
  /// Where the expression starts in the synthetic source.
  var offset: Int
  /// The checked policy, including the synthetic declaration.
  var checked: CheckedPolicy
  /// The checked expression.
  var value: TypedExpression
  /// The parsed expression.
  var syntax: PlumSyntax.Expression
  /// Warnings about the expression (errors stop compilation).
  var warnings: [Finding]
  /// Maps later diagnostics (lowering, runtime errors) into the expression or the policy.
  var mapper: FindingMapper

  /// The expression's type.
  var type: PlumType { value.type }

  /// The 1-based line of the synthetic source where the expression starts.
  var firstLine: Int { synthetic.source.line(of: offset) }
}

/// The outcome of compiling an expression.
enum CompileOutcome: Sendable {
  /// The expression checked without errors.
  case compiled(CompiledExpression)
  /// The expression has errors; the findings point into it.
  case failed([Finding])
}
