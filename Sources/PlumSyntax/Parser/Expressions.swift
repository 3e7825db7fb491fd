import PlumDiagnostics

/// An expression with its nesting depth and tree height, so both can be bounded as the tree is built.
struct Parsed {
  var expression: Expression
  var depth: Depth

  static func error(_ range: SourceRange) -> Parsed {
    Parsed(expression: Expression(.error, range), depth: .leaf)
  }
}

/// How deep an expression is: its nesting as written, where the links of a flat operator chain
/// do not count, and the height of its tree, where they do.
struct Depth {
  /// Levels of nesting: brackets, calls, conditionals, and operands of operands.
  var nesting: Int
  /// The height of the tree; a left-deep chain of `n` operands is `n` high.
  var height: Int

  static let zero = Depth(nesting: 0, height: 0)
  static let leaf = Depth(nesting: 1, height: 1)

  /// The deeper of two, component by component.
  func union(_ other: Depth) -> Depth {
    Depth(nesting: max(nesting, other.nesting), height: max(height, other.height))
  }

  /// One level deeper in both components.
  static func + (depth: Depth, levels: Int) -> Depth {
    Depth(nesting: depth.nesting + levels, height: depth.height + levels)
  }

  /// A binary node over `lhs` and `rhs`: the operand that continues the chain (the left one, or
  /// the right one of a right-associative `??`) keeps its nesting, the other goes one level down.
  static func chain(_ lhs: Depth, _ rhs: Depth, rightAssociative: Bool) -> Depth {
    let nesting =
      rightAssociative ? max(lhs.nesting + 1, rhs.nesting) : max(lhs.nesting, rhs.nesting + 1)
    return Depth(nesting: nesting, height: max(lhs.height, rhs.height) + 1)
  }
}

/// Binding strength of the binary operators, loosest first; `not` sits between `and` and the
/// comparisons.
enum Precedence {
  static let or = 1
  static let and = 2
  static let not = 3
  static let comparison = 4
  static let coalesce = 5
  static let additive = 6
  static let multiplicative = 7
}

extension Parser {
  /// Parses the expression of a declaration, clause or statement: the nesting diagnostic may be
  /// reported once for it.
  mutating func parseTopExpression() -> Expression {
    abandoning = false
    reportedDepth = false
    let parsed = parseExpression()
    abandoning = false
    reportedDepth = false
    return parsed.expression
  }

  /// grammar: expression
  mutating func parseExpression() -> Parsed {
    if level >= Parser.maxDepth { return skipTooDeep() }
    level += 1
    let parsed = current.kind == .keyword(.if) ? parseConditional() : parseBinary(Precedence.or)
    level -= 1
    return parsed
  }

  /// grammar: conditional
  mutating func parseConditional() -> Parsed {
    let start = advance().range.start
    let condition = parseExpression()
    guard expectKeyword(.then, "after the `if` condition") else { return .error(range(from: start)) }
    let whenTrue = parseExpression()
    guard expectKeyword(.else, "after the `then` branch") else { return .error(range(from: start)) }
    let whenFalse = parseExpression()
    let depth = condition.depth.union(whenTrue.depth).union(whenFalse.depth)
    return node(
      .conditional(condition.expression, whenTrue.expression, whenFalse.expression), range(from: start),
      depth: depth + 1)
  }

  mutating func expectKeyword(_ keyword: Keyword, _ context: String) -> Bool {
    if atKeyword(keyword) {
      advance()
      return true
    }
    report(
      ParserDiagnostics.expectedToken,
      "expected `\(keyword.rawValue)` \(context), found \(describe(current))",
      at: missingRange)
    return false
  }

  /// The binary operator at the current token: its operator, precedence and token count.
  func binaryOperator() -> (BinaryOperator, Int, Int)? {
    switch current.kind {
    case .keyword(.or): return (.or, Precedence.or, 1)
    case .keyword(.and): return (.and, Precedence.and, 1)
    case .keyword(.in): return (.in, Precedence.comparison, 1)
    case .keyword(.not) where peekToken(1).kind == .keyword(.in): return (.notIn, Precedence.comparison, 2)
    case .symbol(let symbol):
      switch symbol {
      case .equalEqual: return (.equal, Precedence.comparison, 1)
      // `=` never follows an expression; it is read as the `==` that was meant, and reported.
      case .equal: return (.equal, Precedence.comparison, 1)
      case .bangEqual: return (.notEqual, Precedence.comparison, 1)
      case .less: return (.less, Precedence.comparison, 1)
      case .lessEqual: return (.lessEqual, Precedence.comparison, 1)
      case .greater: return (.greater, Precedence.comparison, 1)
      case .greaterEqual: return (.greaterEqual, Precedence.comparison, 1)
      case .questionQuestion: return (.coalesce, Precedence.coalesce, 1)
      case .plus: return (.add, Precedence.additive, 1)
      case .minus: return (.subtract, Precedence.additive, 1)
      case .star: return (.multiply, Precedence.multiplicative, 1)
      case .slash: return (.divide, Precedence.multiplicative, 1)
      case .percent: return (.remainder, Precedence.multiplicative, 1)
      default: return nil
      }
    default: return nil
    }
  }

  /// Precedence climbing over the binary operators at `minimum` binding strength or tighter.
  ///
  /// Left-associative chains are built in a loop and `??` chains are collected then folded, so
  /// recursion depth is bounded by the number of precedence levels, not by the input.
  ///
  /// grammar: or_expr
  /// grammar: and_expr
  /// grammar: comparison
  /// grammar: comparison_op
  /// grammar: coalesce
  /// grammar: additive
  /// grammar: multiplicative
  mutating func parseBinary(_ minimum: Int) -> Parsed {
    let first = minimum <= Precedence.not && atKeyword(.not) ? parseNot() : parseUnary()
    return binaryOperator() == nil ? first : parseOperators(after: first, minimum)
  }

  /// The operators after a first operand, at `minimum` binding strength or tighter.
  @inline(never)
  mutating func parseOperators(after first: Parsed, _ minimum: Int) -> Parsed {
    var lhs = first
    var firstComparison: SourceRange?
    while let (op, precedence, count) = binaryOperator(), precedence >= minimum {
      let opRange = current.range
      if precedence == Precedence.comparison {
        if current.kind == .symbol(.equal) { reportAssignmentAsComparison(at: opRange) }
        if let firstComparison { reportChainedComparison(at: opRange, after: firstComparison) }
        firstComparison = opRange
        for _ in 0..<count { advance() }
        let rhs = parseBinary(Precedence.coalesce)
        lhs = combine(op, lhs, rhs, at: opRange)
      } else if op == .coalesce {
        lhs = parseCoalesceChain(lhs)
      } else {
        advance()
        let rhs = parseBinary(precedence + 1)
        lhs = combine(op, lhs, rhs, at: opRange)
      }
    }
    return lhs
  }

  /// `a ?? b ?? c`, collected in a loop and folded to the right.
  @inline(never)
  mutating func parseCoalesceChain(_ first: Parsed) -> Parsed {
    var operands = [first]
    var operators: [SourceRange] = []
    while at(.questionQuestion) {
      operators.append(advance().range)
      operands.append(parseBinary(Precedence.additive))
    }
    var result = operands.removeLast()
    while let left = operands.popLast(), let opRange = operators.popLast() {
      result = combine(.coalesce, left, result, at: opRange)
    }
    return result
  }

  // Diagnostics live in their own functions so the frames of the recursive functions stay small.
  @inline(never)
  mutating func reportChainedComparison(at range: SourceRange, after first: SourceRange) {
    report(
      ParserDiagnostics.chainedComparison, "comparisons cannot be chained", at: range,
      labels: [Diagnostic.Label(first, "after the comparison `\(file.text(in: first))`")],
      notes: ["join two comparisons with `and`, as in `a < b and b < c`"])
  }

  @inline(never)
  mutating func reportAssignmentAsComparison(at range: SourceRange) {
    report(
      ParserDiagnostics.assignmentAsComparison, "`=` does not compare; did you mean `==`?", at: range,
      notes: ["`=` only gives a declaration its value, as in `let x = …`"],
      fixIts: [Diagnostic.FixIt(range: range, replacement: "==", message: "replace with `==`")])
  }

  mutating func combine(_ op: BinaryOperator, _ lhs: Parsed, _ rhs: Parsed, at opRange: SourceRange) -> Parsed
  {
    let range = lhs.expression.range.union(rhs.expression.range)
    let depth = Depth.chain(lhs.depth, rhs.depth, rightAssociative: op == .coalesce)
    return node(.binary(op, lhs.expression, rhs.expression), range, depth: depth, at: opRange)
  }

  /// grammar: not_expr
  mutating func parseNot() -> Parsed {
    var nots: [Token] = []
    while atKeyword(.not), peekToken(1).kind != .keyword(.in) { nots.append(advance()) }
    var operand = parseBinary(Precedence.comparison)
    for token in nots.reversed() {
      let range = SourceRange(start: token.range.start, end: operand.expression.range.end)
      operand = node(.unary(.not, operand.expression), range, depth: operand.depth + 1, at: token.range)
    }
    return operand
  }

  /// A prefix `-` chain, a primary and its `.field` suffixes.
  ///
  /// The recursive path through nested brackets runs through here, so the work that is not on it
  /// (prefix and suffix chains, names and calls) lives in separate functions to keep the frames on
  /// that path small.
  ///
  /// grammar: unary
  /// grammar: postfix
  mutating func parseUnary() -> Parsed {
    if at(.minus) { return parseNegation() }
    let base = parsePrimary()
    return at(.dot) ? parseMembers(of: base) : base
  }

  /// `- - x`: the minus signs are collected in a loop, then applied innermost first.
  @inline(never)
  mutating func parseNegation() -> Parsed {
    var starts: [SourceRange] = []
    while at(.minus) { starts.append(advance().range) }
    var operand: Parsed
    if current.kind == .int(.min), let sign = starts.popLast() {
      // `-9223372036854775808` is the literal Int64.min, not a negated 2^63 that overflows.
      let range = SourceRange(start: sign.start, end: advance().range.end)
      operand = Parsed(expression: Expression(.int(.min), range), depth: .leaf)
    } else {
      let base = parsePrimary()
      operand = at(.dot) ? parseMembers(of: base) : base
    }
    while let sign = starts.popLast() {
      let range = SourceRange(start: sign.start, end: operand.expression.range.end)
      operand = node(.unary(.negate, operand.expression), range, depth: operand.depth + 1, at: sign)
    }
    return operand
  }

  /// `.field` suffixes, applied in a loop.
  @inline(never)
  mutating func parseMembers(of primary: Parsed) -> Parsed {
    var base = primary
    while at(.dot) {
      advance()
      guard case .identifier(let name) = current.kind, !atLineStartDeclaration,
        !(current.startsLine && itemWords.contains(name))
      else {
        reportMissingFieldName()
        break
      }
      let nameToken = advance()
      let range = base.expression.range.union(nameToken.range)
      base = node(
        .member(base.expression, Identifier(name, nameToken.range)), range, depth: base.depth + 1,
        at: nameToken.range)
    }
    return base
  }

  @inline(never)
  mutating func reportMissingFieldName() {
    report(
      ParserDiagnostics.expectedName, "expected a field name after `.`, found \(describe(current))",
      at: missingRange)
  }

  /// grammar: primary
  mutating func parsePrimary() -> Parsed {
    if let literal = parseLiteral() { return literal }
    let token = current
    switch token.kind {
    case .identifier(let name):
      if token.startsLine, index > 0, isDeclarationStart(at: index) || itemWords.contains(name) { break }
      return parseNameOrCall()
    case .symbol(.leftParen):
      return parseParenthesized()
    case .symbol(.leftBracket):
      return parseList()
    case .invalid:
      return parseAfterInvalidToken()
    default:
      break
    }
    return reportExpectedExpression()
  }

  /// A name, or a call when `(` follows it.
  @inline(never)
  mutating func parseNameOrCall() -> Parsed {
    let token = advance()
    guard case .identifier(let name) = token.kind else { return .error(token.range) }
    if at(.leftParen) { return parseCall(Identifier(name, token.range)) }
    return Parsed(expression: Expression(.name(name), token.range), depth: .leaf)
  }

  /// grammar: literal
  @inline(never)
  mutating func parseLiteral() -> Parsed? {
    let token = current
    let kind: Expression.Kind
    switch token.kind {
    case .int(.min): kind = reportUnnegatedMinimum(at: token.range)
    case .int(let value): kind = .int(value)
    case .float(let value): kind = .float(value)
    case .percent(let value): kind = .percent(value)
    case .money(let value): kind = .money(value)
    case .duration(let days): kind = .duration(days: days)
    case .date(let value): kind = .date(value)
    case .keyword(.true): kind = .bool(true)
    case .keyword(.false): kind = .bool(false)
    case .string(let parts):
      advance()
      return parseString(parts, range: token.range)
    default: return nil
    }
    advance()
    return Parsed(expression: Expression(kind, token.range), depth: .leaf)
  }

  /// 2^63 after a binary minus (`a - 9223372036854775808`): the literal does not fit.
  @inline(never)
  mutating func reportUnnegatedMinimum(at range: SourceRange) -> Expression.Kind {
    report(
      LexerDiagnostics.integerOverflow, "integer literal `\(file.text(in: range))` does not fit in 64 bits",
      at: range, notes: ["the largest integer is 9223372036854775807"])
    return .error
  }

  /// Skips a token the lexer reported. What follows on the line is most likely its operand (`@x`,
  /// `'a'`), so it is read too rather than reported again.
  @inline(never)
  mutating func parseAfterInvalidToken() -> Parsed {
    let start = advance().range.start
    // The rest of a broken operand is skipped with it, but not a word that continues the
    // enclosing construct (`budget 1e3 EUR per run`).
    if !current.startsLine, current.kind != .invalid, Parser.canStartExpression(current) {
      if case .identifier(let word) = current.kind, Parser.continuationWords.contains(word) {
        return .error(range(from: start))
      }
      _ = parseUnary()
    }
    return .error(range(from: start))
  }

  @inline(never)
  mutating func reportExpectedExpression() -> Parsed {
    var notes: [String] = []
    if current.kind == .keyword(.not) {
      notes = ["`not` applies to a whole comparison; put `not …` in parentheses here"]
    }
    report(
      ParserDiagnostics.expectedExpression, "expected an expression, found \(describe(current))",
      at: missingRange, notes: notes)
    return .error(SourceRange.at(missingRange.start))
  }

  mutating func parseParenthesized() -> Parsed {
    let open = advance()
    let inner = parseExpression()
    expectClosing(.rightParen, opener: open, "the parenthesized expression")
    return node(.parenthesized(inner.expression), range(from: open.range.start), depth: inner.depth + 1)
  }

  /// grammar: list_literal
  mutating func parseList() -> Parsed {
    let open = advance()
    var elements: [Expression] = []
    var depth = Depth.zero
    while !at(.rightBracket), !atEnd {
      let element = parseExpression()
      elements.append(element.expression)
      depth = depth.union(element.depth)
      guard at(.comma) else { break }
      advance()
    }
    expectClosing(.rightBracket, opener: open, "the list")
    return node(.list(elements), range(from: open.range.start), depth: depth + 1)
  }

  /// grammar: call_arguments
  /// grammar: argument
  mutating func parseCall(_ callee: Identifier) -> Parsed {
    let open = advance()
    var arguments: [Argument] = []
    var depth = Depth.zero
    while !at(.rightParen), !atEnd {
      let label = parseArgumentLabel()
      let value = parseExpression()
      arguments.append(Argument(label: label, value: value.expression))
      depth = depth.union(value.depth)
      guard at(.comma) else { break }
      advance()
    }
    closeCall(of: callee, opener: open)
    return node(.call(callee, arguments), range(from: callee.range.start), depth: depth + 1)
  }

  /// `by:` before an argument, if written.
  @inline(never)
  mutating func parseArgumentLabel() -> Identifier? {
    guard case .identifier(let name) = current.kind, peekToken(1).kind == .symbol(.colon) else { return nil }
    let label = Identifier(name, advance().range)
    advance()
    return label
  }

  @inline(never)
  mutating func closeCall(of callee: Identifier, opener: Token) {
    expectClosing(.rightParen, opener: opener, "the arguments of `\(callee.name)`")
  }

  /// A string literal whose interpolations are parsed from their own tokens, with ranges that
  /// stay absolute in the file.
  @inline(never)
  mutating func parseString(_ parts: [StringPart], range: SourceRange) -> Parsed {
    var segments: [StringSegment] = []
    var depth = Depth.zero
    for part in parts {
      switch part {
      case .text(let text):
        segments.append(.text(text))
      case .interpolation(_, let partRange, let format):
        let inner = parseInterpolation(partRange)
        depth = depth.union(inner.depth)
        segments.append(.interpolation(inner.expression, format: format))
      }
    }
    return node(.string(segments), range, depth: depth + 1)
  }

  @inline(never)
  mutating func parseInterpolation(_ range: SourceRange) -> Parsed {
    guard stringDepth < Lexer.maxStringDepth, level < Parser.maxDepth else { return skipTooDeep() }
    // The lexer has already reported problems inside the interpolation.
    let (tokens, _) = Lexer.tokenize(file, in: range, stringDepth: stringDepth + 1)
    var inner = Parser(file: file, tokens: tokens, level: level, stringDepth: stringDepth + 1)
    inner.abandoning = abandoning
    inner.reportedDepth = reportedDepth
    let parsed = inner.parseExpression()
    if !inner.atEnd {
      inner.report(
        ParserDiagnostics.expectedToken,
        "expected `}` to end the interpolation, found \(inner.describe(inner.current))",
        at: inner.current.range)
    }
    diagnostics.append(contentsOf: inner.diagnostics)
    errorCount += inner.errorCount
    reportedDepth = reportedDepth || inner.reportedDepth
    return parsed
  }

  /// Builds a node, or an error placeholder (reported once per top-level expression) when it
  /// would nest deeper than `maxDepth` or make a tree higher than `maxHeight`.
  mutating func node(
    _ kind: Expression.Kind, _ range: SourceRange, depth: Depth, at culprit: SourceRange? = nil
  ) -> Parsed {
    if depth.nesting > Parser.maxDepth {
      reportTooDeep(at: culprit ?? range)
    } else if depth.height > Parser.maxHeight {
      reportTooLong(at: culprit ?? range)
    } else {
      return Parsed(expression: Expression(kind, range), depth: depth)
    }
    return .error(range)
  }

  @inline(never)
  mutating func reportTooLong(at range: SourceRange) {
    guard !reportedDepth else { return }
    reportedDepth = true
    errorCount += 1
    reportAlways(
      ParserDiagnostics.nestingTooDeep, "expression too long", at: range,
      notes: [
        "an expression may be at most \(Parser.maxHeight) levels high, counting each operator of a chain; "
          + "split it with `let` declarations"
      ])
  }

  @inline(never)
  mutating func reportTooDeep(at range: SourceRange) {
    guard !reportedDepth else { return }
    reportedDepth = true
    errorCount += 1
    reportAlways(
      ParserDiagnostics.nestingTooDeep, "expression nested too deeply", at: range,
      notes: ["an expression may nest at most \(Parser.maxDepth) levels; split it with `let` declarations"])
  }

  /// Skips an expression too deep to parse, without recursing: up to the closing bracket, comma,
  /// `then` or `else` that belongs to an enclosing level, or a line that starts a declaration.
  @inline(never)
  mutating func skipTooDeep() -> Parsed {
    let start = current.range.start
    reportTooDeep(at: current.range)
    abandoning = true
    var open = 0
    scan: while !atEnd {
      switch current.kind {
      case .symbol(.leftParen), .symbol(.leftBracket), .symbol(.leftBrace):
        open += 1
      case .symbol(.rightParen), .symbol(.rightBracket), .symbol(.rightBrace):
        if open == 0 { break scan }
        open -= 1
      case .symbol(.comma), .keyword(.then), .keyword(.else):
        if open == 0 { break scan }
      default:
        if open == 0, current.startsLine, atLineStartDeclaration { break scan }
      }
      advance()
    }
    return .error(range(from: start))
  }
}
