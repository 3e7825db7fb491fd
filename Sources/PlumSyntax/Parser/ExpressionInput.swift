import PlumDiagnostics

extension Parser {
  /// Parses a source that is one expression and nothing else: `plum eval`'s argument or a line
  /// typed at the REPL. Its spans and diagnostics are positions in that source, and messages name
  /// its end "end of input".
  ///
  /// - Returns: The expression (nil when the source holds none) and the diagnostics, the lexer's
  ///   included, ordered by position. Text after a complete expression is one error.
  public static func parseExpression(_ file: SourceFile) -> (Expression?, [Diagnostic]) {
    let (tokens, lexerDiagnostics) = Lexer.tokenize(file)
    var parser = Parser(file: file, tokens: tokens, level: 0, stringDepth: 0)
    parser.endDescription = "end of input"
    var expression: Expression?
    if parser.atEnd {
      parser.report(
        ParserDiagnostics.expectedExpression, "expected an expression, found end of input",
        at: .at(file.bytes.count))
    } else {
      expression = parser.parseTopExpression()
      if !parser.atEnd {
        if parser.current.startsLine && parser.isDeclarationStart(at: parser.index) {
          parser.report(
            ParserDiagnostics.expectedDeclaration, "expected the end of the expression, found a declaration",
            at: .at(parser.current.range.start))
        } else {
          parser.report(
            ParserDiagnostics.expectedDeclaration,
            "unexpected \(parser.describe(parser.current)) after the end of the expression",
            at: parser.current.range)
        }
      }
    }
    return (expression, (lexerDiagnostics + parser.diagnostics).sortedByPosition())
  }
}
