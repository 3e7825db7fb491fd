import PlumDiagnostics
import PlumSyntax

/// A token that was not where the syntax tree said it would be: a formatter bug, reported rather
/// than risking the policy's meaning.
struct LayoutMismatch: Error, Equatable, Sendable {
  /// What the layout expected.
  var expected: String
  /// The offset of the token found instead.
  var offset: Int
}

/// Lays out a parsed policy: walks the syntax tree and takes the file's tokens in order, so every
/// token and comment is printed exactly once and only the space between them changes.
///
/// Each `take…` call checks that the next token is the one the tree calls for, so a layout can
/// never drop, add or reorder a token.
struct SourceLayout {
  var tokens: [TriviaToken]
  /// Index of the next token to print.
  var cursor = 0
  var builder = LayoutBuilder()
  /// The words that start a clause or statement of the block being laid out, before which no line
  /// break may be added.
  var itemWords: Set<String> = []

  /// The words that start a declaration at the start of a line.
  static let declarationWords: Set<String> = [
    "policy", "currency", "input", "let", "rule", "model", "reward", "select", "budget", "constraint", "test",
  ]

  init(tokens: [TriviaToken]) {
    self.tokens = tokens
  }

  /// The next token to print.
  var next: TriviaToken { tokens[min(cursor, tokens.count - 1)] }

  /// Whether the next token has the given kind.
  func nextIs(_ kind: Token.Kind) -> Bool { next.token.kind == kind }

  // MARK: Taking tokens

  /// Prints the next token after checking it with `matches`.
  mutating func take(
    _ expected: @autoclosure () -> String, keepsBlankLines: Bool = false, _ matches: (Token.Kind) -> Bool
  ) throws(LayoutMismatch) {
    guard cursor < tokens.count - 1, matches(next.token.kind) else {
      throw LayoutMismatch(expected: expected(), offset: next.token.range.start)
    }
    builder.token(next, keepsBlankLines: keepsBlankLines)
    cursor += 1
  }

  /// Prints the symbol `symbol`.
  mutating func take(_ symbol: Symbol) throws(LayoutMismatch) {
    try take("`\(symbol.rawValue)`") { $0 == .symbol(symbol) }
  }

  /// Prints the reserved word `keyword`.
  mutating func take(_ keyword: Keyword) throws(LayoutMismatch) {
    try take("`\(keyword.rawValue)`") { $0 == .keyword(keyword) }
  }

  /// Prints the name `word`; `keepsBlankLines` when it starts an item of a block.
  mutating func take(word: String, keepsBlankLines: Bool = false) throws(LayoutMismatch) {
    try take("`\(word)`", keepsBlankLines: keepsBlankLines) { $0 == .identifier(word) }
  }

  /// Prints a literal token (number, money, duration, date, string, `true` or `false`).
  mutating func takeLiteral() throws(LayoutMismatch) {
    try take("a literal") { kind in
      switch kind {
      case .int, .float, .percent, .money, .duration, .date, .string, .keyword(.true), .keyword(.false): true
      default: false
      }
    }
  }

  /// Prints a string literal token.
  mutating func takeString(keepsBlankLines: Bool = false) throws(LayoutMismatch) {
    try take("a string", keepsBlankLines: keepsBlankLines) { kind in
      if case .string = kind { return true }
      return false
    }
  }

  /// Prints a `,` if one comes next; returns whether it did.
  @discardableResult
  mutating func takeComma() throws(LayoutMismatch) -> Bool {
    guard nextIs(.symbol(.comma)) else { return false }
    try take(.comma)
    return true
  }

  // MARK: Commands

  mutating func space() { builder.append(.space) }

  mutating func emit(_ command: LayoutCommand) { builder.append(command) }
}
