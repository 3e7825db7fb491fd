import PlumSyntax

extension SourceLayout {
  /// A written type: `int`, `date?`, `list<string>`, `enum { a, b }`.
  mutating func type(_ type: TypeSyntax) throws(LayoutMismatch) {
    switch type.kind {
    case .name(let name):
      try take(word: name.name)
    case .optional(let wrapped):
      try self.type(wrapped)
      try take(.question)
    case .list(let element):
      try take(word: "list")
      try take(.less)
      try self.type(element)
      try take(.greater)
    case .enumeration(let cases):
      try take(word: "enum")
      space()
      try bracedList(cases, fills: true) { (layout: inout SourceLayout, name) throws(LayoutMismatch) in
        try layout.take(word: name.name)
      }
    }
  }

  /// An expression. Operator chains and `if … then … else` are groups that, when they do not fit,
  /// break before each operator (or `then` and `else`) and indent the lines after the first.
  mutating func expression(_ expression: Expression) throws(LayoutMismatch) {
    switch expression.kind {
    case .int(.min):
      // `-9223372036854775808` is one literal written as two tokens, printed without a space.
      try take(.minus)
      try takeLiteral()
    case .bool, .int, .float, .percent, .money, .duration, .date, .string:
      try takeLiteral()
    case .name(let name):
      try take(word: name)
    case .member(let base, let field):
      try self.expression(base)
      try take(.dot)
      try take(word: field.name)
    case .call(let callee, let arguments):
      try take(word: callee.name)
      try delimitedList(arguments, .leftParen, .rightParen) {
        (layout: inout SourceLayout, argument) throws(LayoutMismatch) in
        if let label = argument.label {
          try layout.take(word: label.name)
          try layout.take(.colon)
          layout.space()
        }
        try layout.expression(argument.value)
      }
    case .list(let elements):
      try delimitedList(elements, .leftBracket, .rightBracket) {
        (layout: inout SourceLayout, element) throws(LayoutMismatch) in
        try layout.expression(element)
      }
    case .unary(.negate, let operand):
      try take(.minus)
      try self.expression(operand)
    case .unary(.not, let operand):
      try take(.not)
      space()
      try self.expression(operand)
    case .binary:
      try chain(expression)
    case .conditional(let condition, let whenTrue, let whenFalse):
      emit(.open)
      emit(.indent)
      try take(.if)
      space()
      try self.expression(condition)
      emit(.line)
      try take(.then)
      space()
      try self.expression(whenTrue)
      emit(.line)
      try take(.else)
      space()
      try self.expression(whenFalse)
      emit(.dedent)
      emit(.close)
    case .parenthesized(let inner):
      try take(.leftParen)
      try self.expression(inner)
      try take(.rightParen)
    case .error:
      throw LayoutMismatch(expected: "an expression without syntax errors", offset: expression.range.start)
    }
  }

  /// A call's arguments or a list's elements between `open` and `close`: on one line when they
  /// fit, otherwise from the next line on, as many per line as fit, and `close` on a line of its own.
  ///
  /// The line never breaks before an item that starts with a clause or statement word of the
  /// enclosing block (such as a `let` named `value` in a reward) or a declaration word, where a
  /// line break could end the clause or declaration.
  mutating func delimitedList<Item>(
    _ items: [Item], _ open: Symbol, _ close: Symbol,
    _ item: (inout SourceLayout, Item) throws(LayoutMismatch) -> Void
  ) throws(LayoutMismatch) {
    try take(open)
    guard !items.isEmpty else {
      closingComments()
      try take(close)
      return
    }
    emit(.open)
    emit(.indent)
    for (position, element) in items.enumerated() {
      let breakable = !startsWithItemWord
      if position == 0 {
        if breakable { emit(.softLine) }
      } else {
        emit(breakable ? .fillLine : .space)
      }
      try item(&self, element)
      if try takeComma(), position == items.count - 1 { emit(.breakGroup) }
    }
    closingComments()
    emit(.dedent)
    emit(.softLine)
    try take(close)
    emit(.close)
  }

  /// Whether the next token is a name that could start a clause or statement of the enclosing
  /// block, or a declaration, if it began a line.
  var startsWithItemWord: Bool {
    guard case .identifier(let word) = next.token.kind else { return false }
    return itemWords.contains(word) || SourceLayout.declarationWords.contains(word)
  }

  /// A binary operation and the operations of the same precedence chained with it, such as
  /// `a and b and c` or `x + y - z`: on one line when it fits, otherwise broken before operators,
  /// the lines after the first indented: `and`, `or`, `??` and comparisons one operand per line,
  /// `+ -` and `* / %` as many operands per line as fit.
  mutating func chain(_ expression: Expression) throws(LayoutMismatch) {
    guard case .binary(let first, _, _) = expression.kind else { return }
    let level = BinaryLevel(first)
    var operands: [Expression] = []
    var operators: [BinaryOperator] = []
    var current = expression
    if level == .coalesce {
      // `??` groups to the right: a ?? (b ?? c).
      while case .binary(let op, let lhs, let rhs) = current.kind, BinaryLevel(op) == level {
        operands.append(lhs)
        operators.append(op)
        current = rhs
      }
      operands.append(current)
    } else {
      while case .binary(let op, let lhs, let rhs) = current.kind, BinaryLevel(op) == level {
        operands.append(rhs)
        operators.append(op)
        current = lhs
        // Comparisons do not chain: `(a < b) < c` keeps its parentheses in the tree.
        if level == .comparison { break }
      }
      operands.append(current)
      operands.reverse()
      operators.reverse()
    }
    // Conditions read best one operand per line; arithmetic fills its lines.
    let separator: LayoutCommand = level == .additive || level == .multiplicative ? .fillLine : .line
    emit(.open)
    emit(.indent)
    for (position, operand) in operands.enumerated() {
      if position > 0 {
        emit(separator)
        try binaryOperator(operators[position - 1])
        space()
      }
      try self.expression(operand)
    }
    emit(.dedent)
    emit(.close)
  }

  /// The token or tokens of a binary operator.
  mutating func binaryOperator(_ op: BinaryOperator) throws(LayoutMismatch) {
    switch op {
    case .or: try take(.or)
    case .and: try take(.and)
    case .in: try take(.in)
    case .notIn:
      try take(.not)
      space()
      try take(.in)
    case .equal: try take(.equalEqual)
    case .notEqual: try take(.bangEqual)
    case .less: try take(.less)
    case .lessEqual: try take(.lessEqual)
    case .greater: try take(.greater)
    case .greaterEqual: try take(.greaterEqual)
    case .coalesce: try take(.questionQuestion)
    case .add: try take(.plus)
    case .subtract: try take(.minus)
    case .multiply: try take(.star)
    case .divide: try take(.slash)
    case .remainder: try take(.percent)
    }
  }
}

/// The precedence levels of the binary operators, whose operations chain into one group.
enum BinaryLevel: Equatable {
  case or, and, comparison, coalesce, additive, multiplicative

  init(_ op: BinaryOperator) {
    switch op {
    case .or: self = .or
    case .and: self = .and
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .notIn: self = .comparison
    case .coalesce: self = .coalesce
    case .add, .subtract: self = .additive
    case .multiply, .divide, .remainder: self = .multiplicative
    }
  }
}
