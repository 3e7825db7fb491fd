import PlumDiagnostics

extension Parser {
  /// The names of Plum's built-in types.
  static let typeNames = ["bool", "int", "float", "money", "string", "date", "duration"]

  /// grammar: type
  mutating func parseType() -> TypeSyntax? {
    guard let base = parseBaseType() else { return nil }
    if at(.question) {
      let mark = advance()
      return TypeSyntax(.optional(base), base.range.union(mark.range))
    }
    if at(.questionQuestion) {
      report(
        ParserDiagnostics.expectedToken, "a type can be made optional only once", at: current.range,
        fixIts: [Diagnostic.FixIt(range: current.range, replacement: "?", message: "replace with `?`")])
      advance()
    }
    return base
  }

  /// grammar: base_type
  mutating func parseBaseType() -> TypeSyntax? {
    guard let word = currentWord else {
      report(ParserDiagnostics.expectedName, "expected a type, found \(describe(current))", at: missingRange)
      return nil
    }
    if word == "enum", peekToken(1).kind == .symbol(.leftBrace) { return parseEnumType() }
    if word == "list", peekToken(1).kind == .symbol(.less) { return parseListType() }
    let name = Identifier(word, advance().range)
    if !Parser.typeNames.contains(word) {
      var notes = ["the types are \(Parser.typeNames.joined(separator: ", ")), enum { … } and list<T>"]
      var fixIts: [Diagnostic.FixIt] = []
      if word == "enum" || word == "list" {
        notes = [word == "enum" ? "write `enum { a, b, c }`" : "write `list<T>`, such as `list<string>`"]
      } else if let suggestion = closestName(to: word, among: Parser.typeNames) {
        notes.insert("did you mean `\(suggestion)`?", at: 0)
        fixIts = [
          Diagnostic.FixIt(
            range: name.range, replacement: suggestion, message: "replace with `\(suggestion)`")
        ]
      }
      reportAlways(
        ParserDiagnostics.unknownType, "unknown type `\(word)`", at: name.range, notes: notes, fixIts: fixIts)
    }
    return TypeSyntax(.name(name), name.range)
  }

  /// grammar: enum_type
  mutating func parseEnumType() -> TypeSyntax? {
    let start = advance().range.start
    let openIndex = index
    let open = advance()
    var cases: [Identifier] = []
    while !at(.rightBrace), !atEnd {
      guard let name = expectName("an enum case name") else { break }
      cases.append(name)
      if currentWord != nil, !current.startsLine || peekToken(1).kind == .symbol(.comma) {
        report(
          ParserDiagnostics.expectedToken, "expected `,` between enum cases, found \(describe(current))",
          at: .at(previousEnd),
          fixIts: [Diagnostic.FixIt(range: .at(previousEnd), replacement: ",", message: "insert `,`")])
        continue
      }
      guard at(.comma) else { break }
      advance()
    }
    if expectClosing(.rightBrace, opener: open, "the enum cases") == nil {
      _ = skipPastClosingBrace(of: openIndex)
    }
    return TypeSyntax(.enumeration(cases), range(from: start))
  }

  /// grammar: list_type
  mutating func parseListType() -> TypeSyntax? {
    let start = advance().range.start
    let open = advance()
    guard level < Parser.maxDepth else {
      report(
        ParserDiagnostics.nestingTooDeep, "type nested too deeply", at: open.range,
        notes: ["a type may nest at most \(Parser.maxDepth) levels"])
      abandoning = true
      while !atEnd, !current.startsLine { advance() }
      return nil
    }
    level += 1
    defer { level -= 1 }
    guard let element = parseType() else { return nil }
    expectClosing(.greater, opener: open, "the list type")
    return TypeSyntax(.list(element), range(from: start))
  }
}
