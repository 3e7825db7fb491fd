import PlumSyntax

extension SourceLayout {
  /// Lays out one declaration.
  mutating func declaration(_ declaration: Declaration) throws(LayoutMismatch) {
    switch declaration {
    case .policy(let d):
      try take(word: "policy")
      try name(d.name)
      if d.version != nil {
        space()
        try take(word: "version")
        space()
        try takeString()
      }
    case .currency(let d):
      try take(word: "currency")
      try name(d.code)
    case .input(let d):
      try take(word: "input")
      try name(d.name)
      space()
      try fieldBlock(d.fields)
    case .let(let d):
      try take(word: "let")
      try name(d.name)
      if let type = d.type {
        try take(.colon)
        space()
        try self.type(type)
      }
      space()
      try take(.equal)
      space()
      try value(d.value)
    case .rule(let d):
      try take(word: "rule")
      try name(d.name)
      space()
      try take(.equal)
      space()
      try value(d.condition)
    case .model(let d):
      try model(d)
    case .reward(let d):
      try reward(d)
    case .select(let d):
      try select(d)
    case .budget(let d):
      try take(word: "budget")
      space()
      try value(d.amount)
      space()
      try take(word: "per")
      try name(d.period)
    case .pointValue(let d):
      try take(word: "points")
      space()
      try take(word: "worth")
      space()
      try value(d.amount)
    case .constraint(let d):
      try take(word: "constraint")
      try name(d.name)
      try take(.colon)
      space()
      try value(d.condition)
    case .test(let d):
      try test(d)
    }
  }

  /// A space, then a name.
  mutating func name(_ identifier: Identifier) throws(LayoutMismatch) {
    space()
    try take(word: identifier.name)
  }

  /// The expression of a declaration, clause, statement or field.
  mutating func value(_ expression: Expression) throws(LayoutMismatch) {
    try self.expression(expression)
  }

  /// `select all` or `select best by KEY[, max N]`.
  mutating func select(_ d: SelectDecl) throws(LayoutMismatch) {
    try take(word: "select")
    space()
    switch d.mode {
    case .all:
      try take(word: "all")
    case .best(let key, let maximum):
      try take(word: "best")
      space()
      try take(word: "by")
      try name(key)
      if maximum != nil {
        try take(.comma)
        space()
        try take(word: "max")
        space()
        try takeLiteral()
      }
    }
  }

  // MARK: Blocks

  /// A `{ … }` block whose items go one per line, indented; `item` lays out one item and returns
  /// false when the block has no more. Empty lines between items are kept (one at most).
  mutating func block(_ item: (inout SourceLayout) throws(LayoutMismatch) -> Bool) throws(LayoutMismatch) {
    try take(.leftBrace)
    if nextIs(.symbol(.rightBrace)), next.leading.isEmpty {
      try take(.rightBrace)
      return
    }
    emit(.indent)
    var first = true
    while !nextIs(.symbol(.rightBrace)) {
      emit(.newline)
      if !first, next.blankLineBeforeTrivia { emit(.blankLine) }
      guard try item(&self) else { break }
      first = false
    }
    try closeBlock(afterItems: !first)
  }

  /// Prints the comments before a block's `}` inside the block, then the `}` on its own line.
  mutating func closeBlock(afterItems: Bool) throws(LayoutMismatch) {
    if !next.leading.isEmpty {
      emit(.newline)
      if afterItems, next.blankLineBeforeTrivia { emit(.blankLine) }
      var closing = next
      closing.blankLineBefore = false
      builder.leadingComments(of: closing, keepsBlankLines: true)
      tokens[cursor].leading = []
    }
    emit(.dedent)
    emit(.newline)
    try take(.rightBrace)
  }

  /// `model NAME = KIND("file") { inputs { … } purpose P segments [a, b] }`, clauses in the order written.
  mutating func model(_ d: ModelDecl) throws(LayoutMismatch) {
    try take(word: "model")
    try name(d.name)
    space()
    try take(.equal)
    try name(d.kind)
    try take(.leftParen)
    try takeString()
    try take(.rightParen)
    space()
    var inputs = d.inputs[...]
    itemWords = ["inputs", "purpose", "segments"]
    defer { itemWords = [] }
    try block { (layout: inout SourceLayout) throws(LayoutMismatch) -> Bool in
      if layout.nextIs(.identifier("purpose")), let purpose = d.purpose {
        try layout.take(word: "purpose", keepsBlankLines: true)
        try layout.name(purpose)
        return true
      }
      if layout.nextIs(.identifier("segments")), let segments = d.segments {
        try layout.take(word: "segments", keepsBlankLines: true)
        layout.space()
        try layout.delimitedList(segments, .leftBracket, .rightBracket) {
          (layout: inout SourceLayout, segment) throws(LayoutMismatch) in
          try layout.take(word: segment.name)
        }
        return true
      }
      try layout.take(word: "inputs", keepsBlankLines: true)
      layout.space()
      try layout.modelInputs(&inputs)
      return true
    }
  }

  /// `reward NAME { … }`: one clause per line.
  mutating func reward(_ d: RewardDecl) throws(LayoutMismatch) {
    try take(word: "reward")
    try name(d.name)
    space()
    var clauses = d.clauses[...]
    itemWords = ["when", "requires", "give", "value", "cost", "priority", "because"]
    defer { itemWords = [] }
    try block { (layout: inout SourceLayout) throws(LayoutMismatch) -> Bool in
      guard let clause = clauses.popFirst() else { return false }
      try layout.clause(clause)
      return true
    }
  }

  /// One reward clause.
  mutating func clause(_ clause: RewardClause) throws(LayoutMismatch) {
    let expressions: [Expression]
    let word: String
    switch clause.kind {
    case .when(let e): (word, expressions) = ("when", [e])
    case .requires(let list): (word, expressions) = ("requires", list)
    case .give(let e): (word, expressions) = ("give", [e])
    case .value(let e): (word, expressions) = ("value", [e])
    case .cost(let e): (word, expressions) = ("cost", [e])
    case .priority(let e): (word, expressions) = ("priority", [e])
    case .because(let e): (word, expressions) = ("because", [e])
    }
    try take(word: word, keepsBlankLines: true)
    for (position, expression) in expressions.enumerated() {
      if position > 0 { try take(.comma) }
      space()
      try value(expression)
    }
  }

  /// `test "name" { … }`: one statement per line.
  mutating func test(_ d: TestDecl) throws(LayoutMismatch) {
    try take(word: "test")
    space()
    try takeString()
    space()
    var statements = d.statements[...]
    itemWords = ["given", "expect"]
    defer { itemWords = [] }
    try block { (layout: inout SourceLayout) throws(LayoutMismatch) -> Bool in
      guard let statement = statements.popFirst() else { return false }
      try layout.statement(statement)
      return true
    }
  }

  /// One test statement.
  mutating func statement(_ statement: TestStatement) throws(LayoutMismatch) {
    switch statement.kind {
    case .given(let input, let record):
      try take(word: "given", keepsBlankLines: true)
      try name(input)
      space()
      try self.record(record)
    case .givenFrom(let input, _, _):
      try take(word: "given", keepsBlankLines: true)
      try name(input)
      space()
      try take(word: "from")
      space()
      try takeString()
      space()
      try take(word: "row")
      space()
      try takeLiteral()
    case .expect(let value, let tolerance):
      try take(word: "expect", keepsBlankLines: true)
      space()
      try self.value(value)
      if let tolerance {
        space()
        try take(word: "within")
        space()
        try self.value(tolerance)
      }
    case .expectContains(let value, let element):
      try take(word: "expect", keepsBlankLines: true)
      space()
      try self.value(value)
      space()
      try take(word: "contains")
      space()
      try self.value(element)
    case .expectError(let code):
      try take(word: "expect", keepsBlankLines: true)
      space()
      try take(word: "error")
      try name(code)
    case .expectWithheld(let reward, let multiplier):
      try take(word: "expect", keepsBlankLines: true)
      space()
      try take(word: "withheld_by_budget")
      try name(reward)
      space()
      try take(word: "at")
      space()
      try value(multiplier)
    }
  }
}
