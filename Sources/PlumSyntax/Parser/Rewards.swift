import PlumDiagnostics

extension Parser {
  /// grammar: reward_decl
  mutating func parseReward(doc: String?) -> RewardDecl? {
    let start = advance().range.start
    guard let name = expectName("a reward name after `reward`") else {
      skipToDeclaration()
      return nil
    }
    guard at(.leftBrace) else {
      expect(.leftBrace, "after the reward name `\(name.name)`")
      skipToDeclaration()
      return nil
    }
    let openIndex = index
    advance()
    let owner = "the reward `\(name.name)`"
    let enclosingWords = itemWords
    itemWords = BlockKind.reward.itemWords ?? []
    defer { itemWords = enclosingWords }
    let errorsBefore = errorCount
    var clauses: [RewardClause] = []
    var firstClause: [String: SourceRange] = [:]
    while !atBlockEnd(openIndex: openIndex, owner) {
      if rejectDeclarationInBlock(in: owner) { continue }
      guard let word = currentWord, BlockKind.reward.itemWords?.contains(word) == true else {
        report(
          ParserDiagnostics.expectedClause,
          "expected a reward clause (`when`, `requires`, `give`, `value`, `priority` or `because`), found "
            + describe(current), at: current.range)
        skipItem()
        continue
      }
      let clause = parseRewardClause()
      if let first = firstClause[word], word != "requires" {
        reportAlways(
          ParserDiagnostics.duplicateClause, "duplicate `\(word)` clause in \(owner)",
          at: clause.keywordRange,
          labels: [Diagnostic.Label(first, "first `\(word)` clause")])
      } else {
        firstClause[word] = clause.keywordRange
      }
      clauses.append(clause)
      if !atBlockBoundary(.reward) {
        report(
          ParserDiagnostics.expectedClause,
          "unexpected \(describe(current)) after the `\(word)` clause", at: current.range,
          notes: ["each clause of a reward starts on its own line"])
        skipItem()
      }
    }
    if errorCount == errorsBefore {
      for word in ["when", "give"] where firstClause[word] == nil {
        reportAlways(
          ParserDiagnostics.missingClause, "reward `\(name.name)` has no `\(word)` clause", at: name.range,
          notes: ["a reward needs `when CONDITION` and `give REWARD`"])
      }
    }
    return RewardDecl(name: name, clauses: clauses, doc: doc, range: range(from: start))
  }

  /// Whether the current token may follow an item of a block: a `}`, the end of the file, or a
  /// token on a later line.
  func atBlockBoundary(_ kind: BlockKind) -> Bool {
    at(.rightBrace) || atEnd || current.startsLine || atItemStart(of: kind)
  }

  /// grammar: reward_clause
  mutating func parseRewardClause() -> RewardClause {
    let keyword = advance()
    let word = file.text(in: keyword.range)
    let kind: RewardClause.Kind
    switch word {
    case "when": kind = .when(parseTopExpression())
    case "give": kind = .give(parseTopExpression())
    case "value": kind = .value(parseTopExpression())
    case "cost": kind = .cost(parseTopExpression())
    case "priority": kind = .priority(parseTopExpression())
    case "requires":
      var conditions = [parseTopExpression()]
      while at(.comma) {
        advance()
        conditions.append(parseTopExpression())
      }
      kind = .requires(conditions)
    default:
      let text = parseTopExpression()
      switch text.kind {
      case .string, .error: break
      default:
        reportAlways(
          ParserDiagnostics.expectedToken, "expected a string literal after `because`", at: text.range,
          notes: ["interpolate values into the text, as in `because \"churn risk {churn:%}\"`"])
      }
      kind = .because(text)
    }
    return RewardClause(kind: kind, keywordRange: keyword.range)
  }

  /// grammar: model_decl
  mutating func parseModel(doc: String?) -> ModelDecl? {
    let start = advance().range.start
    guard let name = expectName("a model name after `model`") else {
      skipToDeclaration()
      return nil
    }
    let hasEquals = at(.equal)
    if hasEquals {
      advance()
    } else {
      expect(.equal, "after the model name `\(name.name)`", fixIt: currentWord != nil)
      guard currentWord != nil, !current.startsLine else {
        skipToDeclaration()
        return nil
      }
    }
    guard let kind = expectName("a model kind such as `logistic`"),
      expect(.leftParen, "after the model kind `\(kind.name)`") != nil,
      let source = expectPlainString("a model file path", named: "a model file path"),
      expect(.rightParen, "after the model file path") != nil
    else {
      skipToDeclaration()
      return nil
    }
    guard at(.leftBrace) else {
      expect(.leftBrace, "to start the clauses of the model `\(name.name)`")
      skipToDeclaration()
      return nil
    }
    let openIndex = index
    advance()
    let owner = "the model `\(name.name)`"
    let enclosingWords = itemWords
    itemWords = BlockKind.model.itemWords ?? []
    defer { itemWords = enclosingWords }
    var inputs: [ModelInput] = []
    var purpose: Identifier?
    var segments: [Identifier]?
    var firstClause: [String: SourceRange] = [:]
    while !atBlockEnd(openIndex: openIndex, owner) {
      if rejectDeclarationInBlock(in: owner) { continue }
      guard let word = currentWord, atItemStart(of: .model) else {
        report(
          ParserDiagnostics.expectedClause,
          "expected a model clause (`inputs`, `purpose` or `segments`), found \(describe(current))",
          at: current.range)
        skipItem()
        continue
      }
      let keyword = current.range
      if let first = firstClause[word] {
        reportAlways(
          ParserDiagnostics.duplicateClause, "duplicate `\(word)` clause in \(owner)", at: keyword,
          labels: [Diagnostic.Label(first, "first `\(word)` clause")])
      } else {
        firstClause[word] = keyword
      }
      if word == "purpose" {
        advance()
        if let value = expectName("a consent purpose after `purpose`") {
          purpose = purpose ?? value
        }
      } else if word == "segments" {
        let names = parseModelSegments()
        segments = segments ?? names
      } else {
        inputs += parseModelInputs()
      }
      if !atBlockBoundary(.model) {
        report(
          ParserDiagnostics.expectedClause, "unexpected \(describe(current)) after the `\(word)` clause",
          at: current.range)
        skipItem()
      }
    }
    return ModelDecl(
      name: name, kind: kind, source: source.text, sourceRange: source.range, inputs: inputs,
      purpose: purpose,
      doc: doc, range: range(from: start), segments: segments)
  }

  /// grammar: model_segments
  mutating func parseModelSegments() -> [Identifier] {
    advance()
    guard at(.leftBracket) else {
      expect(.leftBracket, "after `segments`")
      return []
    }
    let open = advance()
    var names: [Identifier] = []
    while !at(.rightBracket), !atEnd {
      guard let name = expectName("a segment name") else { break }
      names.append(name)
      guard at(.comma) else { break }
      advance()
    }
    _ = expectClosing(.rightBracket, opener: open, "the segment names")
    return names
  }

  /// grammar: model_clause
  mutating func parseModelInputs() -> [ModelInput] {
    advance()
    guard at(.leftBrace) else {
      expect(.leftBrace, "after `inputs`")
      return []
    }
    let openIndex = index
    let open = advance()
    var inputs: [ModelInput] = []
    while !at(.rightBrace), !atEnd {
      guard let input = parseModelInput() else { break }
      inputs.append(input)
      if at(.comma) { advance() }
    }
    if expectClosing(.rightBrace, opener: open, "the model inputs") == nil {
      _ = skipPastClosingBrace(of: openIndex)
    }
    return inputs
  }

  /// grammar: model_input
  mutating func parseModelInput() -> ModelInput? {
    guard let name = expectName("a model input name") else { return nil }
    guard expect(.colon, "after the model input name `\(name.name)`", fixIt: true) != nil else { return nil }
    return ModelInput(name: name, value: parseTopExpression())
  }
}
