/// A canonical text of a typed expression that ignores spans, so two uses of the same condition
/// compare equal wherever they are written.
enum ExpressionKey {
  /// The canonical text of an expression.
  static func of(_ expression: TypedExpression) -> String {
    switch expression.kind {
    case .bool(let value): return "\(value)"
    case .int(let value): return "\(value)"
    case .float(let value): return "\(value)f"
    case .money(let money): return "\(money.units)e-\(money.scale)\(money.currency)"
    case .duration(let days): return "\(days)d"
    case .date(let date): return "\(date.year)-\(date.month)-\(date.day)"
    case .string(let text): return "\"\(text)\""
    case .interpolation(let segments):
      let parts = segments.map { segment -> String in
        switch segment {
        case .text(let text): text
        case .value(let value, let format): "{\(of(value)):\(String(describing: format))}"
        }
      }
      return "\"" + parts.joined() + "\""
    case .list(let elements): return "[" + elements.map(of).joined(separator: ",") + "]"
    case .field(let index): return "field\(index)"
    case .letRef(let index): return "let\(index)"
    case .ruleRef(let index): return "rule\(index)"
    case .modelRef(let index): return "model\(index)"
    case .enumCase(let type, let index): return "\(type.name).\(index)"
    case .narrowed(let inner): return of(inner)
    case .intToFloat(let inner): return "float(\(of(inner)))"
    case .call(let builtin, let arguments):
      return builtin.name + "(" + arguments.map(of).joined(separator: ",") + ")"
    case .negate(_, let inner): return "-(\(of(inner)))"
    case .not(let inner): return "not(\(of(inner)))"
    case .binary(let operation, let left, let right):
      return "(\(of(left)) \(String(describing: operation)) \(of(right)))"
    case .conditional(let condition, let then, let otherwise):
      return "if(\(of(condition)),\(of(then)),\(of(otherwise)))"
    case .rewarded: return "rewarded"
    case .rewards: return "rewards"
    case .rewardGranted(let index): return "granted\(index)"
    case .reason: return "reason"
    case .error: return "error"
    }
  }
}
