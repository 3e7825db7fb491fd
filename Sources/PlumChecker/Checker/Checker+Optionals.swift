import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  /// Returns `value` if it cannot be missing; otherwise reports that it may be and returns an error node.
  ///
  /// - Parameter parenthesize: Whether the `?? default` fix-it needs parentheses (arithmetic operands).
  mutating func requireValue(
    _ value: TypedExpression, _ context: ExpressionContext, parenthesize: Bool = false
  ) -> TypedExpression {
    guard value.type.isOptional, !value.type.containsError else { return value }
    let text = source.text(in: value.range)
    let shown = text.count <= 48 && !text.contains("\n") ? "`\(text)`" : "this value"
    var fixIts: [Diagnostic.FixIt] = []
    if let fallback = defaultLiteral(for: value.type.unwrapped) {
      let replacement = parenthesize ? "(\(text) ?? \(fallback))" : "\(text) ?? \(fallback)"
      fixIts.append(
        .init(range: value.range, replacement: replacement, message: "use a default: `\(replacement)`"))
    }
    if value.narrowKey != nil, let start = context.conditionStart {
      fixIts.append(
        .init(
          range: .at(start), replacement: "present(\(text)) and ",
          message: "check it first: insert `present(\(text)) and` before the condition"))
    }
    report(
      CheckerDiagnostics.optionalNotHandled, "\(shown) may be missing", at: value.range,
      notes: [
        "its type is `\(value.type)`; give a default with `??`, or test `present(…)` before using it"
      ], fixIts: fixIts)
    return .error(value.range)
  }

  /// A literal that is a natural default for a type, used in fix-its.
  func defaultLiteral(for type: PlumType) -> String? {
    switch type {
    case .bool: "false"
    case .int: "0"
    case .float: "0.0"
    case .money(let code): code.isEmpty ? nil : "0 \(code)"
    case .string: "\"\""
    case .duration: "0 days"
    case .enumeration(let enumeration): enumeration.cases.first
    case .list: "[]"
    default: nil
    }
  }
}
