/// Evaluates the parts of conditions that do not depend on the record.
enum ConstantFolding {
  /// A number literal (int, float, money in minor units at its scale, duration in days), if the
  /// expression is one.
  static func number(_ expression: TypedExpression) -> Double? {
    switch expression.kind {
    case .int(let value): Double(value)
    case .float(let value): value
    case .duration(let days): Double(days)
    case .money(let money): Double(money.units) / pow10(money.scale)
    case .intToFloat(let inner), .narrowed(let inner): number(inner)
    case .negate(_, let inner): number(inner).map { -$0 }
    case .binary(let operation, let left, let right):
      arithmetic(operation, left, right)
    default: nil
    }
  }

  /// The value of `+`, `-` or `*` on two int or float literals (division is left alone: int
  /// division truncates and may fail).
  private static func arithmetic(
    _ operation: BinaryOperation, _ left: TypedExpression, _ right: TypedExpression
  ) -> Double? {
    guard let a = number(left), let b = number(right) else { return nil }
    switch operation {
    case .add(.int), .add(.float): return a + b
    case .subtract(.int), .subtract(.float): return a - b
    case .multiply(.int), .multiply(.float): return a * b
    default: return nil
    }
  }

  /// A canonical text of a non-number literal (string, bool, date, enum case), if it is one.
  static func literalKey(_ expression: TypedExpression) -> String? {
    switch expression.kind {
    case .string, .bool, .date, .enumCase: ExpressionKey.of(expression)
    default: nil
    }
  }

  private static func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<max(0, exponent) { result *= 10 }
    return result
  }

  /// The value of a bool expression built only from literals, if it has one.
  ///
  /// Lets and rules are followed through `resolve`, so a rule that is itself constant makes its
  /// uses constant.
  static func bool(
    _ expression: TypedExpression, resolve: (DeclarationReference) -> TypedExpression? = { _ in nil },
    depth: Int = 0
  ) -> Bool? {
    guard depth < 64 else { return nil }
    func fold(_ inner: TypedExpression) -> Bool? { bool(inner, resolve: resolve, depth: depth + 1) }
    switch expression.kind {
    case .bool(let value): return value
    case .narrowed(let inner): return fold(inner)
    case .not(let inner): return fold(inner).map { !$0 }
    case .binary(.and, let left, let right):
      let (a, b) = (fold(left), fold(right))
      if a == false || b == false { return false }
      if a == true, b == true { return true }
      return nil
    case .binary(.or, let left, let right):
      let (a, b) = (fold(left), fold(right))
      if a == true || b == true { return true }
      if a == false, b == false { return false }
      return nil
    case .binary(.compare(let comparison, _), let left, let right):
      if let a = number(left), let b = number(right) { return comparison.holds(a, b) }
      if let a = literalKey(left), let b = literalKey(right) {
        // Strings are equal when their scalars are, as the machine compares them.
        let same = a.utf8.elementsEqual(b.utf8)
        switch comparison {
        case .equal: return same
        case .notEqual: return !same
        default: return nil
        }
      }
      return nil
    case .conditional(let condition, let then, let otherwise):
      guard let chosen = fold(condition) else { return nil }
      return fold(chosen ? then : otherwise)
    case .ruleRef, .letRef:
      guard let reference = expression.declarationReference, let value = resolve(reference) else {
        return nil
      }
      return fold(value)
    default:
      return nil
    }
  }

  /// Whether an expression reads nothing from the record: only literals and operators on them.
  static func isLiteralOnly(_ expression: TypedExpression) -> Bool {
    switch expression.kind {
    case .field, .letRef, .ruleRef, .modelRef, .rewarded, .rewards, .rewardGranted, .reason, .error: false
    case .call(let builtin, _) where builtin == .today: false
    default: expression.children.allSatisfy(isLiteralOnly)
    }
  }
}
