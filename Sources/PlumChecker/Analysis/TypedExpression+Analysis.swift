import PlumDiagnostics

extension TypedExpression {
  /// The direct subexpressions, in evaluation order.
  var children: [TypedExpression] {
    switch kind {
    case .interpolation(let segments):
      segments.compactMap { segment in
        if case .value(let value, _) = segment { return value }
        return nil
      }
    case .list(let elements): elements
    case .narrowed(let inner), .intToFloat(let inner), .negate(_, let inner), .not(let inner): [inner]
    case .call(_, let arguments): arguments
    case .binary(_, let left, let right): [left, right]
    case .conditional(let condition, let then, let otherwise): [condition, then, otherwise]
    default: []
    }
  }

  /// Calls `visit` on this expression and every subexpression, outermost first.
  func forEachNode(_ visit: (TypedExpression) -> Void) {
    visit(self)
    for child in children { child.forEachNode(visit) }
  }

  /// Whether this expression or a subexpression satisfies `predicate`.
  func containsNode(where predicate: (TypedExpression) -> Bool) -> Bool {
    if predicate(self) { return true }
    return children.contains { $0.containsNode(where: predicate) }
  }

  /// The let, rule or model this node names directly, if any.
  var declarationReference: DeclarationReference? {
    switch kind {
    case .letRef(let index): .let(index)
    case .ruleRef(let index): .rule(index)
    case .modelRef(let index): .model(index)
    default: nil
    }
  }

  /// The operands of a chain of `and`, flattened left to right: how rewards, rules and test
  /// expectations are explained, one conjunct at a time.
  public var conjuncts: [TypedExpression] {
    if case .binary(.and, let left, let right) = kind { return left.conjuncts + right.conjuncts }
    return [self]
  }

  /// The operands of a chain of `or`, flattened left to right.
  public var disjuncts: [TypedExpression] {
    if case .binary(.or, let left, let right) = kind { return left.disjuncts + right.disjuncts }
    return [self]
  }

  /// Whether the expression is the literal `true` as written.
  var isLiteralTrue: Bool {
    if case .bool(true) = kind { return true }
    return false
  }
}
