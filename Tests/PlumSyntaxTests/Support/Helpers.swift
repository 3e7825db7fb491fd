import PlumDiagnostics

@testable import PlumSyntax

/// Small helpers shared by the syntax tests.
enum Syntax {
  static func file(_ text: String) -> SourceFile { SourceFile(name: "test.plum", text: text) }

  static func lex(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    Lexer.tokenize(file(text))
  }

  /// The kinds of the tokens of `text`, without the end of file.
  static func kinds(_ text: String) -> [Token.Kind] {
    lex(text).tokens.map(\.kind).filter { $0 != .endOfFile }
  }

  static func parse(_ text: String) -> (PolicyFile, [Diagnostic]) { Parser.parse(file(text)) }

  /// The value of `let x = …` in `text`, which must parse without diagnostics.
  static func expression(_ source: String) -> Expression? {
    let (policy, diagnostics) = parse("let x = " + source)
    guard diagnostics.isEmpty, policy.declarations.count == 1,
      case .let(let declaration) = policy.declarations[0]
    else { return nil }
    return declaration.value
  }

  /// A fully parenthesized rendering of an expression's structure, to check precedence.
  static func shape(_ expression: Expression) -> String {
    switch expression.kind {
    case .name(let name): return name
    case .int(let value): return String(value)
    case .binary(let op, let lhs, let rhs): return "(\(shape(lhs)) \(op.rawValue) \(shape(rhs)))"
    case .unary(let op, let operand): return "(\(op.rawValue) \(shape(operand)))"
    case .member(let base, let field): return "\(shape(base)).\(field.name)"
    case .parenthesized(let inner): return "[\(shape(inner))]"
    case .conditional(let c, let t, let e): return "(if \(shape(c)) then \(shape(t)) else \(shape(e)))"
    case .call(let callee, let arguments):
      return "\(callee.name)(\(arguments.map { shape($0.value) }.joined(separator: ", ")))"
    case .list(let elements): return "{\(elements.map(shape).joined(separator: ", "))}"
    default: return ASTPrinter.print(expression)
    }
  }

  /// The height of an expression tree.
  static func depth(_ expression: Expression) -> Int {
    switch expression.kind {
    case .member(let base, _): return 1 + depth(base)
    case .call(_, let arguments): return 1 + (arguments.map { depth($0.value) }.max() ?? 0)
    case .list(let elements): return 1 + (elements.map(depth).max() ?? 0)
    case .unary(_, let operand): return 1 + depth(operand)
    case .binary(_, let lhs, let rhs): return 1 + max(depth(lhs), depth(rhs))
    case .conditional(let c, let t, let e): return 1 + max(depth(c), depth(t), depth(e))
    case .parenthesized(let inner): return 1 + depth(inner)
    case .string(let segments):
      return 1
        + (segments.map { segment -> Int in
          if case .interpolation(let value, _) = segment { return depth(value) }
          return 0
        }.max() ?? 0)
    default: return 1
    }
  }

  /// The codes of a list of diagnostics, in order.
  static func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.code.id) }
}
