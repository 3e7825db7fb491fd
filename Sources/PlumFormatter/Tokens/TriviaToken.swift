import PlumDiagnostics
import PlumSyntax

/// A comment as the formatter keeps it: its text and where it sat relative to the tokens.
struct Comment: Equatable, Sendable {
  /// The comment's full text (`// …`, `/* … */` or `/// …`), trailing blanks of each line removed.
  var text: String
  /// Whether the comment runs to the end of its line (`//` and `///`), so a line break must follow.
  var isLineComment: Bool
  /// Whether the comment's own text spans several lines (a `/* … */` over line breaks).
  var spansLines: Bool
  /// Whether an empty line separated it from what came before.
  var blankLineBefore: Bool
  /// For a comment after a token on the same line: whether the source line ended right after it.
  var endsLine: Bool

  /// Whether a line break must follow the comment.
  var needsLineBreak: Bool { isLineComment || spansLines || endsLine }
}

/// A token of the policy (never a comment) with the comments around it.
///
/// Comments on lines of their own before a token are its leading comments; comments after a token
/// on the same line are its trailing comments. Every comment of a file belongs to exactly one token
/// (the end-of-file token collects those after the last declaration), so printing every token with
/// its comments prints every comment.
struct TriviaToken: Sendable {
  /// The token as the lexer produced it.
  var token: Token
  /// The text to print for the token.
  var text: String
  /// Whether the token began a line in the source.
  var startsLine: Bool
  /// Whether an empty line came before the token (after its leading comments, if any).
  var blankLineBefore: Bool
  /// Whether an empty line came before the token's first leading comment, or before the token.
  var blankLineBeforeTrivia: Bool {
    leading.first?.blankLineBefore ?? blankLineBefore
  }
  /// Comments on their own lines before the token.
  var leading: [Comment] = []
  /// Comments after the token on its line.
  var trailing: [Comment] = []
}
