import PlumSyntax

extension SourceLayout {
  /// An input schema's `{ … }`: one field per line, the types of a run of fields (up to an empty
  /// line) starting in one column.
  mutating func fieldBlock(_ fields: [FieldDecl]) throws(LayoutMismatch) {
    let padding = fieldPadding(fields)
    var remaining = fields.indices[...]
    try block { (layout: inout SourceLayout) throws(LayoutMismatch) -> Bool in
      guard let index = remaining.popFirst() else { return false }
      try layout.field(fields[index], padding: padding[index])
      return true
    }
  }

  /// For each field, the spaces after its `name:` that line its type up with the others of its run.
  func fieldPadding(_ fields: [FieldDecl]) -> [Int] {
    var padding = Array(repeating: 1, count: fields.count)
    var runStart = 0
    func close(_ end: Int) {
      let widths = (runStart..<end).map { index -> Int? in
        if case .value = fields[index].kind { return fields[index].name.name.count }
        return nil
      }
      let widest = widths.compactMap { $0 }.max() ?? 0
      for (offset, width) in widths.enumerated() {
        if let width { padding[runStart + offset] = widest - width + 1 }
      }
    }
    for (index, field) in fields.enumerated() where index > 0 {
      if startsAfterBlankLine(field.name.range.start) {
        close(index)
        runStart = index
      }
    }
    close(fields.count)
    return padding
  }

  /// Whether an empty line comes before the token at `offset` or its comments.
  func startsAfterBlankLine(_ offset: Int) -> Bool {
    tokens.first { $0.token.range.start == offset }?.blankLineBeforeTrivia ?? false
  }

  /// One field: `name: type attributes` or a group `name { … }`, with its `,` if written.
  mutating func field(_ field: FieldDecl, padding: Int) throws(LayoutMismatch) {
    try take(word: field.name.name, keepsBlankLines: true)
    switch field.kind {
    case .value(let type, let attributes):
      try take(.colon)
      emit(.pad(padding))
      try self.type(type)
      for attribute in attributes {
        space()
        switch attribute {
        case .key: try take(word: "key")
        case .protected: try take(word: "protected")
        case .pii: try take(word: "pii")
        case .purpose(let purpose):
          try take(word: "purpose")
          try name(purpose)
        }
      }
    case .group(let children):
      space()
      try fieldBlock(children)
    }
    try takeComma()
  }

  /// A model's `inputs { … }`: on one line when it fits, otherwise one input per line with the
  /// values lined up.
  mutating func modelInputs(_ inputs: inout ArraySlice<ModelInput>) throws(LayoutMismatch) {
    var clause: [ModelInput] = []
    var position = cursor + 1
    var depth = 0
    // The inputs of this clause are those whose names come before its `}`.
    while position < tokens.count - 1 {
      let kind = tokens[position].token.kind
      if kind == .symbol(.leftBrace) || kind == .symbol(.leftParen) || kind == .symbol(.leftBracket) {
        depth += 1
      } else if kind == .symbol(.rightBrace) || kind == .symbol(.rightParen) || kind == .symbol(.rightBracket)
      {
        if depth == 0 { break }
        depth -= 1
      }
      position += 1
    }
    let close = tokens[min(position, tokens.count - 1)].token.range.start
    while let input = inputs.first, input.name.range.start < close {
      clause.append(input)
      inputs.removeFirst()
    }
    let widest = clause.map(\.name.name.count).max() ?? 0
    try bracedList(clause, fills: false) { (layout: inout SourceLayout, input) throws(LayoutMismatch) in
      try layout.take(word: input.name.name)
      try layout.take(.colon)
      layout.emit(.pad(widest - input.name.name.count + 1))
      try layout.value(input.value)
    }
  }

  /// A `{ … }` list of items: `{ a, b }` on one line when it fits and every item but the last is
  /// followed by a `,`; otherwise one item per line, or (`fills`) as many items per line as fit,
  /// each with its `,` if it has one.
  mutating func bracedList<Item>(
    _ items: [Item], fills: Bool, _ item: (inout SourceLayout, Item) throws(LayoutMismatch) -> Void
  ) throws(LayoutMismatch) {
    try take(.leftBrace)
    if items.isEmpty, nextIs(.symbol(.rightBrace)), next.leading.isEmpty {
      try take(.rightBrace)
      return
    }
    emit(.open)
    emit(.indent)
    var previousHasComma = false
    for (position, element) in items.enumerated() {
      emit(position == 0 ? .line : previousHasComma && fills ? .fillLine : .line)
      try item(&self, element)
      previousHasComma = try takeComma()
      // A missing `,` between items, or one after the last, keeps the list on several lines.
      if previousHasComma == (position == items.count - 1) { emit(.breakGroup) }
    }
    closingComments()
    emit(.dedent)
    emit(.line)
    try take(.rightBrace)
    emit(.close)
  }

  /// Prints the comments on their own lines before a closing bracket inside the list it closes.
  mutating func closingComments() {
    guard !next.leading.isEmpty else { return }
    emit(.breakGroup)
    emit(.newline)
    var closing = next
    closing.blankLineBefore = false
    builder.leadingComments(of: closing, keepsBlankLines: false)
    tokens[cursor].leading = []
  }

  /// A record literal of a test: `{ id: "t1", consent { marketing: true } }`.
  mutating func record(_ record: RecordLiteral) throws(LayoutMismatch) {
    try bracedList(record.fields, fills: true) { (layout: inout SourceLayout, field) throws(LayoutMismatch) in
      try layout.take(word: field.name.name)
      switch field.value {
      case .expression(let value):
        try layout.take(.colon)
        layout.space()
        try layout.value(value)
      case .record(let nested):
        layout.space()
        try layout.record(nested)
      }
    }
  }
}
