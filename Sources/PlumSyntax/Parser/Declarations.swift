import PlumDiagnostics

extension Parser {
  /// grammar: policy_file
  mutating func parsePolicyFile() -> PolicyFile {
    var declarations: [Declaration] = []
    while !atEnd {
      let before = index
      if let declaration = parseDeclaration() { declarations.append(declaration) }
      if index == before {
        advance()
        skipToDeclaration()
      }
    }
    return PolicyFile(declarations: declarations)
  }

  /// grammar: declaration
  mutating func parseDeclaration() -> Declaration? {
    let doc = docs[index]
    guard let word = currentWord, Parser.declarationWords.contains(word) else {
      reportExpectedDeclaration()
      advance()
      skipToDeclaration()
      return nil
    }
    switch word {
    case "policy": return parsePolicy(doc: doc).map { .policy($0) }
    case "currency": return parseCurrency(doc: doc).map { .currency($0) }
    case "input": return parseInput(doc: doc).map { .input($0) }
    case "let": return parseLet(doc: doc).map { .let($0) }
    case "rule": return parseRule(doc: doc).map { .rule($0) }
    case "model": return parseModel(doc: doc).map { .model($0) }
    case "reward": return parseReward(doc: doc).map { .reward($0) }
    case "select": return parseSelect(doc: doc).map { .select($0) }
    case "budget": return parseBudget(doc: doc).map { .budget($0) }
    case "points": return parsePointValue(doc: doc).map { .pointValue($0) }
    case "constraint": return parseConstraint(doc: doc).map { .constraint($0) }
    default: return parseTest(doc: doc).map { .test($0) }
    }
  }

  mutating func reportExpectedDeclaration() {
    var notes: [String] = []
    let word = currentWord ?? ""
    if BlockKind.reward.itemWords?.contains(word) == true {
      notes = ["`\(word)` is a reward clause; it belongs inside `reward NAME { … }`"]
    } else if BlockKind.test.itemWords?.contains(word) == true {
      notes = ["`\(word)` is a test statement; it belongs inside `test \"…\" { … }`"]
    } else if current.startsLine || index == 0 {
      notes = [
        "a declaration starts with policy, currency, input, let, rule, model, reward, select, budget, "
          + "constraint or test"
      ]
    }
    let message =
      current.startsLine || index == 0
      ? "expected a declaration, found \(describe(current))"
      : "unexpected \(describe(current)) after the end of the declaration"
    report(ParserDiagnostics.expectedDeclaration, message, at: current.range, notes: notes)
  }

  /// Parses `= EXPR` after a name, reporting a missing `=` with a fix-it and carrying on when an
  /// expression follows on the same line.
  mutating func parseAssignedExpression(after what: String) -> Expression? {
    if at(.equal) {
      advance()
    } else {
      let recoverable = !current.startsLine && !atEnd && Parser.canStartExpression(current)
      report(
        ParserDiagnostics.expectedToken, "expected `=` after \(what), found \(describe(current))",
        at: missingRange,
        fixIts: [Diagnostic.FixIt(range: .at(previousEnd), replacement: " =", message: "insert `=`")])
      guard recoverable else {
        skipToDeclaration()
        return nil
      }
    }
    return parseTopExpression()
  }

  /// grammar: policy_decl
  mutating func parsePolicy(doc: String?) -> PolicyDecl? {
    let start = advance().range.start
    guard let name = expectName("a policy name after `policy`") else {
      skipToDeclaration()
      return nil
    }
    var version: String?
    if atWord("version") {
      advance()
      version = expectPlainString("a version string after `version`", named: "a policy version")?.text
    }
    return PolicyDecl(name: name, version: version, doc: doc, range: range(from: start))
  }

  /// grammar: currency_decl
  mutating func parseCurrency(doc: String?) -> CurrencyDecl? {
    let start = advance().range.start
    guard let code = expectName("a currency code after `currency`") else {
      skipToDeclaration()
      return nil
    }
    if code.name.utf8.count != 3 || !code.name.utf8.allSatisfy(\.isASCIIUppercase) {
      reportAlways(
        ParserDiagnostics.invalidCurrencyCode, "invalid currency code `\(code.name)`", at: code.range,
        notes: ["a currency is an ISO 4217 code of three upper-case letters, such as `EUR`"])
    }
    return CurrencyDecl(code: code, doc: doc, range: range(from: start))
  }

  /// grammar: let_decl
  mutating func parseLet(doc: String?) -> LetDecl? {
    let start = advance().range.start
    guard let name = expectName("a name after `let`") else {
      skipToDeclaration()
      return nil
    }
    var type: TypeSyntax?
    if at(.colon) {
      advance()
      type = parseType()
      abandoning = false
      if type == nil {
        skipToDeclaration()
        return nil
      }
    }
    guard let value = parseAssignedExpression(after: "`let \(name.name)`") else { return nil }
    return LetDecl(name: name, type: type, value: value, doc: doc, range: range(from: start))
  }

  /// grammar: rule_decl
  mutating func parseRule(doc: String?) -> RuleDecl? {
    let start = advance().range.start
    guard let name = expectName("a rule name after `rule`") else {
      skipToDeclaration()
      return nil
    }
    guard let condition = parseAssignedExpression(after: "the rule name `\(name.name)`") else { return nil }
    return RuleDecl(name: name, condition: condition, doc: doc, range: range(from: start))
  }

  /// grammar: select_decl
  mutating func parseSelect(doc: String?) -> SelectDecl? {
    let start = advance().range.start
    if atWord("all") {
      advance()
      return SelectDecl(mode: .all, doc: doc, range: range(from: start))
    }
    guard atWord("best") else {
      report(
        ParserDiagnostics.expectedToken,
        "expected `all` or `best` after `select`, found \(describe(current))",
        at: missingRange)
      skipToDeclaration()
      return nil
    }
    advance()
    guard expectWord("by", "after `select best`") != nil, let key = expectName("a ranking key after `by`")
    else {
      skipToDeclaration()
      return nil
    }
    var maximum: Int64?
    if at(.comma) {
      advance()
      guard expectWord("max", "after `,`") != nil else {
        skipToDeclaration()
        return nil
      }
      guard case .int(let value) = current.kind else {
        report(
          ParserDiagnostics.expectedToken, "expected a whole number after `max`, found \(describe(current))",
          at: missingRange)
        skipToDeclaration()
        return nil
      }
      advance()
      maximum = value
    }
    return SelectDecl(mode: .best(by: key, max: maximum), doc: doc, range: range(from: start))
  }

  /// grammar: budget_decl
  mutating func parseBudget(doc: String?) -> BudgetDecl? {
    let start = advance().range.start
    let amount = parseTopExpression()
    guard expectWord("per", "after the budget amount") != nil,
      let period = expectName("a budget period after `per`")
    else {
      skipToDeclaration()
      return nil
    }
    return BudgetDecl(amount: amount, period: period, doc: doc, range: range(from: start))
  }

  /// grammar: point_value_decl
  mutating func parsePointValue(doc: String?) -> PointValueDecl? {
    let start = advance().range.start
    guard expectWord("worth", "after `points`") != nil else {
      skipToDeclaration()
      return nil
    }
    let amount = parseTopExpression()
    return PointValueDecl(amount: amount, doc: doc, range: range(from: start))
  }

  /// grammar: constraint_decl
  mutating func parseConstraint(doc: String?) -> ConstraintDecl? {
    let start = advance().range.start
    guard let name = expectName("a constraint name after `constraint`") else {
      skipToDeclaration()
      return nil
    }
    if expect(.colon, "after the constraint name `\(name.name)`", fixIt: true) == nil {
      guard !current.startsLine, Parser.canStartExpression(current) else {
        skipToDeclaration()
        return nil
      }
    }
    let condition = parseTopExpression()
    return ConstraintDecl(name: name, condition: condition, doc: doc, range: range(from: start))
  }
}
