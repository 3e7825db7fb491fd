import PlumSyntax

extension SourceLayout {
  /// Lays out a whole file: its declarations one after another with one empty line between them
  /// (none between one-line `let` and `rule` declarations written together), then the comments
  /// after the last one.
  mutating func file(_ policy: PolicyFile, width: Int) throws(LayoutMismatch) -> [OutputLine] {
    var lines: [OutputLine] = []
    var previousCompact = false
    for declaration in policy.declarations {
      let first = next
      let comments = leadingCommentLines(of: first, width: width)
      tokens[cursor].leading = []
      builder = LayoutBuilder()
      try self.declaration(declaration)
      let body = LayoutRenderer.render(builder.finish(), width: width)
      let compact = declaration.isLetOrRule && body.count == 1
      let together = previousCompact && compact && !first.blankLineBeforeTrivia
      if !lines.isEmpty, !together { lines.append(OutputLine(indent: 0, text: "")) }
      lines += comments + body
      previousCompact = compact
    }
    guard cursor == tokens.count - 1 else {
      throw LayoutMismatch(expected: "the end of the file", offset: next.token.range.start)
    }
    var end = next
    end.blankLineBefore = false
    if !end.leading.isEmpty {
      if !lines.isEmpty, end.blankLineBeforeTrivia { lines.append(OutputLine(indent: 0, text: "")) }
      lines += leadingCommentLines(of: end, width: width)
    }
    return lines
  }

  /// The comments on their own lines before a top-level token, keeping single empty lines.
  func leadingCommentLines(of token: TriviaToken, width: Int) -> [OutputLine] {
    guard !token.leading.isEmpty else { return [] }
    var comments = LayoutBuilder()
    comments.leadingComments(of: token, keepsBlankLines: true)
    // An empty line between the comments and the token is kept too.
    return LayoutRenderer.render(comments.finish(), width: width)
  }
}

extension Declaration {
  /// Whether this is a `let` or a `rule`, which may sit on consecutive lines.
  var isLetOrRule: Bool {
    switch self {
    case .let, .rule: true
    default: false
    }
  }
}
