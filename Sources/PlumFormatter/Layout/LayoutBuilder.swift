/// Collects layout commands, placing each token's comments where they belong.
///
/// A token's trailing comments are held back until the next command that prints something, so
/// that they land after any groups that close at the token, at the end of its line; a comment
/// that ends its line forces the line break that follows it.
struct LayoutBuilder {
  private(set) var commands: [LayoutCommand] = []
  private var pendingTrailing: [Comment] = []

  /// Appends a command, first placing comments left by the previous token.
  mutating func append(_ command: LayoutCommand) {
    if !command.isStructural { flushTrailing() }
    commands.append(command)
  }

  /// Prints a token with its comments.
  ///
  /// - Parameters:
  ///   - token: The token with its leading and trailing comments.
  ///   - keepsBlankLines: Whether empty lines written before its leading comments (other than the
  ///     first) and before the token are kept, as they are between the items of a block.
  mutating func token(_ token: TriviaToken, keepsBlankLines: Bool) {
    leadingComments(of: token, keepsBlankLines: keepsBlankLines)
    append(.text(token.text))
    pendingTrailing = token.trailing
  }

  /// Prints the comments on their own lines before a token, at the current indentation.
  mutating func leadingComments(of token: TriviaToken, keepsBlankLines: Bool) {
    guard !token.leading.isEmpty else { return }
    for (position, comment) in token.leading.enumerated() {
      append(.newline)
      if keepsBlankLines, position > 0, comment.blankLineBefore { append(.blankLine) }
      append(.ownLineComment(comment.text))
    }
    append(.newline)
    if keepsBlankLines, token.blankLineBefore { append(.blankLine) }
  }

  /// Places any comments still held back.
  mutating func flushTrailing() {
    guard !pendingTrailing.isEmpty else { return }
    let comments = pendingTrailing
    pendingTrailing.removeAll()
    for comment in comments {
      if comment.needsLineBreak {
        commands.append(.trailingComment(comment.text))
        commands.append(.newline)
      } else {
        commands.append(.inlineComment(comment.text))
      }
    }
  }

  /// The finished commands, with every comment placed.
  mutating func finish() -> [LayoutCommand] {
    flushTrailing()
    return commands
  }
}
