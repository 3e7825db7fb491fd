import PlumDiagnostics
import PlumSyntax

/// Checks that two texts of a policy say the same thing: same tokens, same comments and the same
/// syntax tree, apart from positions and the blanks at the ends of comment lines.
enum SyntaxEquivalence {
  /// What differs between a parsed original and a reformatted text, or nil when nothing does.
  static func difference(between original: SourceFile, _ ast: PolicyFile, and formatted: SourceFile)
    -> String?
  {
    let (formattedAST, diagnostics) = Parser.parse(formatted)
    if let error = diagnostics.first(where: { $0.severity == .error }) {
      return "it would no longer parse (\(error.message))"
    }
    let before = Lexer.tokenize(original, keepingComments: true).tokens
    let after = Lexer.tokenize(formatted, keepingComments: true).tokens
    if tokenKinds(before) != tokenKinds(after) { return "its tokens would change" }
    if commentTexts(before) != commentTexts(after) { return "its comments would change" }
    if RangeErasure.erase(ast) != RangeErasure.erase(formattedAST) { return "its syntax tree would change" }
    return nil
  }

  /// The kinds and values of the tokens that are not comments, positions removed.
  static func tokenKinds(_ tokens: [Token]) -> [Token.Kind] {
    tokens.compactMap { token in
      switch token.kind {
      case .comment, .docComment: nil
      case .string(let parts): .string(parts.map(RangeErasure.erase))
      default: token.kind
      }
    }
  }

  /// The text of every comment, in order, without blanks at the ends of its lines.
  static func commentTexts(_ tokens: [Token]) -> [String] {
    tokens.compactMap { token in
      switch token.kind {
      case .comment(let text): RangeErasure.trimmingLineEnds(text)
      case .docComment(let text): "///" + RangeErasure.trimmingLineEnds(text)
      default: nil
      }
    }
  }
}
