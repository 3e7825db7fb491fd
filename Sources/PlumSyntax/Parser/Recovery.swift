import PlumDiagnostics

/// The kinds of `{ … }` block whose items the parser can resynchronise on.
enum BlockKind {
  case fields, reward, model, test

  /// The words that start an item of this block, or nil when any name does (fields).
  var itemWords: Set<String>? {
    switch self {
    case .fields: nil
    case .reward: ["when", "requires", "give", "value", "cost", "priority", "because"]
    case .model: ["inputs", "purpose", "segments"]
    case .test: ["given", "expect"]
    }
  }
}

extension Parser {
  /// Skips a broken declaration: up to the next line that starts with a declaration, stopping just
  /// after a `}` that balances a `{` skipped here.
  mutating func skipToDeclaration() {
    var depth = 0
    while !atEnd, !atLineStartDeclarationWord {
      let token = advance()
      if token.kind == .symbol(.leftBrace) {
        depth += 1
      } else if token.kind == .symbol(.rightBrace), depth > 0 {
        depth -= 1
        if depth == 0 { return }
      }
    }
  }

  /// Whether a line starts here with a declaration word that is not a field or member name: looser
  /// than `isDeclarationStart`, to resume after an error at a declaration with its own mistake.
  var atLineStartDeclarationWord: Bool {
    guard current.startsLine, let word = currentWord, Parser.declarationWords.contains(word) else {
      return false
    }
    let next = peekToken(1).kind
    // `points(100)` starting a line is a reward, `points worth …` the declaration.
    if word == "points" { return next == .identifier("worth") }
    return next != .symbol(.colon) && next != .symbol(.dot)
  }

  /// Whether the token at the current position starts an item of a block of `kind`.
  func atItemStart(of kind: BlockKind) -> Bool {
    guard let word = currentWord else { return false }
    guard let words = kind.itemWords else { return !isDeclarationStart(at: index) }
    return words.contains(word)
  }

  /// Skips a broken item of a block: at least one token, then up to the block's `}` or the next
  /// line that starts with a name (an item, or a mistake of its own worth reporting).
  mutating func skipItem() {
    var depth = 0
    var first = true
    while !atEnd {
      if depth == 0 {
        if at(.rightBrace) { return }
        if !first, current.startsLine, currentWord != nil { return }
      }
      let token = advance()
      first = false
      if token.kind == .symbol(.leftBrace) {
        depth += 1
      } else if token.kind == .symbol(.rightBrace) {
        depth -= 1
      }
    }
  }

  /// Whether a block that opened at `openIndex` ends at the current token: its `}` (consumed), the
  /// end of the file, or a line-starting declaration when the `{` has no partner (both reported as
  /// an unclosed brace pointing at the `{`).
  mutating func atBlockEnd(openIndex: Int, _ owner: String) -> Bool {
    if at(.rightBrace) {
      advance()
      return true
    }
    if atEnd || (atLineStartDeclaration && closingBrace[openIndex] == nil) {
      report(
        ParserDiagnostics.unclosedDelimiter,
        "expected `}` to close \(owner), found \(describe(current))", at: missingRange,
        labels: [Diagnostic.Label(tokens[openIndex].range, "`{` opened here")])
      return true
    }
    return false
  }

  /// Handles a line-starting declaration inside a closed block: reports it and skips it. Returns
  /// whether it did.
  mutating func rejectDeclarationInBlock(in owner: String) -> Bool {
    guard atLineStartDeclaration, let word = currentWord else { return false }
    report(
      ParserDiagnostics.unexpectedDeclaration, "`\(word)` declaration inside \(owner)", at: current.range,
      notes: ["declarations are written at the top level of the file"])
    skipItem()
    return true
  }

  /// After an error inside a `{ … }` group opened at `openIndex`, resumes after its `}` when it
  /// has one; returns whether it did.
  mutating func skipPastClosingBrace(of openIndex: Int) -> Bool {
    guard let close = closingBrace[openIndex], close >= index else { return false }
    index = min(close + 1, tokens.count - 1)
    return true
  }
}
