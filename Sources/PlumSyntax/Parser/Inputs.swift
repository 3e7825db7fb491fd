import PlumDiagnostics

extension Parser {
  /// The words that may follow a field's type.
  static let attributeWords: Set<String> = ["key", "protected", "pii", "purpose"]

  /// grammar: input_decl
  mutating func parseInput(doc: String?) -> InputDecl? {
    let start = advance().range.start
    guard let name = expectName("an input name after `input`") else {
      skipToDeclaration()
      return nil
    }
    guard at(.leftBrace) else {
      expect(.leftBrace, "after the input name `\(name.name)`")
      skipToDeclaration()
      return nil
    }
    let fields = parseFields(owner: "the input `\(name.name)`")
    return InputDecl(name: name, fields: fields, doc: doc, range: range(from: start))
  }

  /// The fields of a `{ … }` block at the current `{`, up to and including its `}`.
  mutating func parseFields(owner: String) -> [FieldDecl] {
    let openIndex = index
    advance()
    var fields: [FieldDecl] = []
    while !atBlockEnd(openIndex: openIndex, owner) {
      abandoning = false
      if rejectDeclarationInBlock(in: owner) { continue }
      let errorsBefore = errorCount
      let before = index
      if let field = parseField() { fields.append(field) }
      if index == before {
        skipItem()
      } else if at(.comma) {
        advance()
      } else if !current.startsLine, !at(.rightBrace), !atEnd {
        // Something follows the field on its line.
        if errorCount == errorsBefore { reportFieldTrailer() }
        skipItem()
      }
    }
    return fields
  }

  /// Reports what follows a field on its line when it is neither `,` nor `}`.
  mutating func reportFieldTrailer() {
    if let word = currentWord {
      var fixIts: [Diagnostic.FixIt] = []
      if let suggestion = Parser.attributeWords.sorted().first(where: { editDistance($0, word) <= 2 }) {
        fixIts = [
          Diagnostic.FixIt(
            range: current.range, replacement: suggestion, message: "replace with `\(suggestion)`")
        ]
      }
      report(
        ParserDiagnostics.unknownAttribute, "unknown field attribute `\(word)`", at: current.range,
        notes: ["the attributes are `key`, `protected`, `pii` and `purpose NAME`"], fixIts: fixIts)
    } else {
      report(
        ParserDiagnostics.expectedToken,
        "expected `,` or a line break after the field, found \(describe(current))", at: current.range)
    }
  }

  /// grammar: field_decl
  mutating func parseField() -> FieldDecl? {
    let doc = docs[index]
    guard let name = expectName("a field name") else { return nil }
    if at(.leftBrace) {
      guard level < Parser.maxDepth else {
        report(
          ParserDiagnostics.nestingTooDeep, "field groups nested too deeply", at: current.range,
          notes: ["field groups may nest at most \(Parser.maxDepth) levels"])
        _ = skipPastClosingBrace(of: index)
        return nil
      }
      level += 1
      defer { level -= 1 }
      let fields = parseFields(owner: "the field group `\(name.name)`")
      return FieldDecl(name: name, kind: .group(fields), doc: doc, range: range(from: name.range.start))
    }
    if !at(.colon) {
      let recoverable = currentWord != nil && !current.startsLine
      expect(.colon, "after the field name `\(name.name)`", fixIt: recoverable)
      guard recoverable else { return nil }
    } else {
      advance()
    }
    guard let type = parseType() else { return nil }
    var attributes: [FieldAttribute] = []
    while let attribute = parseFieldAttribute() { attributes.append(attribute) }
    return FieldDecl(
      name: name, kind: .value(type, attributes), doc: doc, range: range(from: name.range.start))
  }

  /// grammar: field_attribute
  mutating func parseFieldAttribute() -> FieldAttribute? {
    guard let word = currentWord, Parser.attributeWords.contains(word) else { return nil }
    let next = peekToken(1).kind
    guard next != .symbol(.colon), next != .symbol(.leftBrace) else { return nil }
    let token = advance()
    switch word {
    case "key": return .key(token.range)
    case "protected": return .protected(token.range)
    case "pii": return .pii(token.range)
    default:
      guard let purpose = expectName("a consent purpose after `purpose`") else { return nil }
      return .purpose(purpose)
    }
  }
}
