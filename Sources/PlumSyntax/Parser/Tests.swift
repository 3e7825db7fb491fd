import PlumDiagnostics

extension Parser {
  /// grammar: test_decl
  mutating func parseTest(doc: String?) -> TestDecl? {
    let start = advance().range.start
    guard let name = expectPlainString("a test name string after `test`", named: "a test name") else {
      skipToDeclaration()
      return nil
    }
    guard at(.leftBrace) else {
      expect(.leftBrace, "after the test name")
      skipToDeclaration()
      return nil
    }
    let openIndex = index
    advance()
    let owner = "the test \"\(name.text)\""
    let enclosingWords = itemWords
    itemWords = BlockKind.test.itemWords ?? []
    defer { itemWords = enclosingWords }
    var statements: [TestStatement] = []
    while !atBlockEnd(openIndex: openIndex, owner) {
      abandoning = false
      if rejectDeclarationInBlock(in: owner) { continue }
      guard atItemStart(of: .test) else {
        report(
          ParserDiagnostics.expectedClause,
          "expected a test statement (`given` or `expect`), found \(describe(current))", at: current.range)
        skipItem()
        continue
      }
      let errorsBefore = errorCount
      if let statement = parseTestStatement() { statements.append(statement) }
      if !atBlockBoundary(.test) {
        if errorCount == errorsBefore {
          report(
            ParserDiagnostics.expectedClause, "unexpected \(describe(current)) after the statement",
            at: current.range, notes: ["each statement of a test starts on its own line"])
        }
        skipItem()
      }
    }
    return TestDecl(
      name: name.text, nameRange: name.range, statements: statements, doc: doc, range: range(from: start))
  }

  /// grammar: test_statement
  mutating func parseTestStatement() -> TestStatement? {
    let keyword = advance()
    let start = keyword.range.start
    if keyword.kind == .identifier("given") {
      guard let input = expectName("an input name after `given`") else { return nil }
      if at(.leftBrace) {
        guard let record = parseRecordLiteral() else { return nil }
        return TestStatement(kind: .given(input: input, record: record), range: range(from: start))
      }
      guard atWord("from") else {
        report(
          ParserDiagnostics.expectedToken,
          "expected `{` or `from` after `given \(input.name)`, found \(describe(current))", at: missingRange)
        return nil
      }
      advance()
      guard let path = expectPlainString("a file path after `from`", named: "a file path"),
        expectWord("row", "after the file path") != nil
      else { return nil }
      guard case .int(let row) = current.kind else {
        report(
          ParserDiagnostics.expectedToken, "expected a row number after `row`, found \(describe(current))",
          at: missingRange)
        return nil
      }
      advance()
      return TestStatement(
        kind: .givenFrom(input: input, path: path.text, row: row), range: range(from: start))
    }
    if atWord("error"), case .identifier(let code) = peekToken(1).kind, !peekToken(1).startsLine {
      advance()
      let codeToken = advance()
      return TestStatement(kind: .expectError(Identifier(code, codeToken.range)), range: range(from: start))
    }
    if atWord("withheld_by_budget"), case .identifier(let reward) = peekToken(1).kind,
      !peekToken(1).startsLine
    {
      advance()
      let rewardToken = advance()
      guard atWord("at"), !current.startsLine else {
        report(
          ParserDiagnostics.expectedToken,
          "expected `at` and the budget's price λ after `withheld_by_budget \(reward)`, found \(describe(current))",
          at: missingRange, notes: ["write the price the budget is tested at, e.g. `at 1.25`"])
        return nil
      }
      advance()
      let multiplier = parseTopExpression()
      return TestStatement(
        kind: .expectWithheld(Identifier(reward, rewardToken.range), multiplier: multiplier),
        range: range(from: start))
    }
    let value = parseTopExpression()
    if atWord("contains"), !current.startsLine {
      advance()
      let element = parseTopExpression()
      return TestStatement(kind: .expectContains(value, element), range: range(from: start))
    }
    var tolerance: Expression?
    if atWord("within"), !current.startsLine {
      advance()
      tolerance = parseTopExpression()
    }
    return TestStatement(kind: .expect(value, tolerance: tolerance), range: range(from: start))
  }

  /// grammar: record_literal
  mutating func parseRecordLiteral() -> RecordLiteral? {
    let openIndex = index
    let open = advance()
    guard level < Parser.maxDepth else {
      report(
        ParserDiagnostics.nestingTooDeep, "record nested too deeply", at: open.range,
        notes: ["records may nest at most \(Parser.maxDepth) levels"])
      if !skipPastClosingBrace(of: openIndex) { skipToDeclaration() }
      return nil
    }
    level += 1
    defer { level -= 1 }
    var fields: [RecordField] = []
    var failed = false
    while !at(.rightBrace), !atEnd {
      if closingBrace[openIndex] == nil, current.startsLine,
        atLineStartDeclaration || currentWord.map(itemWords.contains) == true
      {
        // The record was never closed and the next statement or declaration begins here.
        expectClosing(.rightBrace, opener: open, "the record")
        return RecordLiteral(fields: fields, range: range(from: open.range.start))
      }
      guard let field = parseRecordField() else {
        failed = true
        break
      }
      fields.append(field)
      if at(.comma) { advance() }
    }
    if failed || !at(.rightBrace) {
      if !failed {
        expectClosing(.rightBrace, opener: open, "the record")
      }
      if !skipPastClosingBrace(of: openIndex) { return nil }
      return RecordLiteral(fields: fields, range: range(from: open.range.start))
    }
    advance()
    return RecordLiteral(fields: fields, range: range(from: open.range.start))
  }

  /// grammar: record_field
  mutating func parseRecordField() -> RecordField? {
    guard let name = expectName("a field name in the record") else { return nil }
    if at(.leftBrace) {
      guard let record = parseRecordLiteral() else { return nil }
      return RecordField(name: name, value: .record(record))
    }
    guard expect(.colon, "after the field name `\(name.name)`", fixIt: true) != nil else { return nil }
    let value = parseExpression()
    return RecordField(name: name, value: .expression(value.expression))
  }
}
