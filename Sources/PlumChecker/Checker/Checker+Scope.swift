import PlumDiagnostics
import PlumSyntax

/// An expression checked in a policy's scope.
public struct ExpressionCheckResult: Sendable {
  /// The diagnostics about the expression, at positions in its own source, ordered by position.
  public var diagnostics: [Diagnostic]
  /// The typed expression; its references name the policy's lets, rules, models and fields by
  /// their indexes, so it lowers against the policy's program.
  public var expression: TypedExpression

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Checker {
  /// Checks an expression that is a source of its own (`plum eval`'s argument, a REPL line) in the
  /// scope of a checked policy: its fields, lets, rules and models are in scope, as in a `let` of the
  /// policy, and nothing of the policy is checked again.
  ///
  /// - Parameters:
  ///   - expression: The expression, parsed from `source` (`Parser.parseExpression`).
  ///   - source: The expression's own source: every span and diagnostic is a position in it.
  ///   - policy: The checked policy whose scope the expression is checked in.
  ///   - policySource: The policy's source, for notes that point at its declarations.
  public static func checkExpression(
    _ expression: PlumSyntax.Expression, source: SourceFile, in policy: CheckedPolicy,
    policySource: SourceFile
  ) -> ExpressionCheckResult {
    var session = CheckSession(file: policy.syntax, source: source)
    session.policySource = policySource
    return session.checkInScope(expression, of: policy)
  }
}

extension CheckSession {
  /// Fills the namespace and the checked declarations from `policy`, then checks `expression`.
  mutating func checkInScope(_ expression: PlumSyntax.Expression, of policy: CheckedPolicy)
    -> ExpressionCheckResult
  {
    collectDeclarations()
    // The policy's own diagnostics were reported when it was checked.
    diagnostics = DiagnosticBag()
    schema = policy.input
    letStates = policy.lets.map { .checked($0) }
    checkedRules = policy.rules
    checkedModels = policy.models
    let context = ExpressionContext(owner: nil, place: .declaration)
    let value = check(expression, expected: nil, context)
    return ExpressionCheckResult(diagnostics: diagnostics.diagnostics.sortedByPosition(), expression: value)
  }

  /// A label at `range`, a declaration of the policy; a note naming its place in the policy's file
  /// when the source being checked is an expression's of its own.
  func policyLabel(_ range: SourceRange, _ message: String) -> (labels: [Diagnostic.Label], notes: [String]) {
    guard let policySource else { return ([.init(range, message)], []) }
    let location = policySource.location(of: range.start)
    return ([], ["\(message): \(policySource.name):\(location.line):\(location.column)"])
  }
}
