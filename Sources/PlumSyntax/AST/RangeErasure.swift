import PlumDiagnostics

/// Rebuilds syntax trees with every source range set to zero and documentation lines without
/// blanks at their ends, so trees parsed from differently laid out text compare equal when only
/// their layout differs.
public enum RangeErasure {
  static let zero = SourceRange.at(0)

  /// The file with every range zeroed, for comparing trees parsed from differently laid out text.
  public static func erase(_ file: PolicyFile) -> PolicyFile {
    PolicyFile(declarations: file.declarations.map(erase))
  }

  static func erase(_ identifier: Identifier) -> Identifier { Identifier(identifier.name, zero) }

  static func erase(_ doc: String?) -> String? { doc.map(trimmingLineEnds) }

  /// A string part with its interpolation range zeroed.
  public static func erase(_ part: StringPart) -> StringPart {
    switch part {
    case .text: part
    case .interpolation(let source, _, let format):
      .interpolation(source: source, range: zero, format: format)
    }
  }

  static func erase(_ declaration: Declaration) -> Declaration {
    switch declaration {
    case .policy(let d):
      .policy(PolicyDecl(name: erase(d.name), version: d.version, doc: erase(d.doc), range: zero))
    case .currency(let d):
      .currency(CurrencyDecl(code: erase(d.code), doc: erase(d.doc), range: zero))
    case .input(let d):
      .input(InputDecl(name: erase(d.name), fields: d.fields.map(erase), doc: erase(d.doc), range: zero))
    case .let(let d):
      .let(
        LetDecl(
          name: erase(d.name), type: d.type.map(erase), value: erase(d.value), doc: erase(d.doc), range: zero)
      )
    case .rule(let d):
      .rule(RuleDecl(name: erase(d.name), condition: erase(d.condition), doc: erase(d.doc), range: zero))
    case .model(let d):
      .model(
        ModelDecl(
          name: erase(d.name), kind: erase(d.kind), source: d.source, sourceRange: zero,
          inputs: d.inputs.map { ModelInput(name: erase($0.name), value: erase($0.value)) },
          purpose: d.purpose.map(erase), doc: erase(d.doc), range: zero))
    case .reward(let d):
      .reward(
        RewardDecl(
          name: erase(d.name),
          clauses: d.clauses.map { RewardClause(kind: erase($0.kind), keywordRange: zero) },
          doc: erase(d.doc), range: zero))
    case .select(let d):
      switch d.mode {
      case .all: .select(SelectDecl(mode: .all, doc: erase(d.doc), range: zero))
      case .best(let key, let maximum):
        .select(SelectDecl(mode: .best(by: erase(key), max: maximum), doc: erase(d.doc), range: zero))
      }
    case .budget(let d):
      .budget(BudgetDecl(amount: erase(d.amount), period: erase(d.period), doc: erase(d.doc), range: zero))
    case .pointValue(let d):
      .pointValue(PointValueDecl(amount: erase(d.amount), doc: erase(d.doc), range: zero))
    case .constraint(let d):
      .constraint(
        ConstraintDecl(name: erase(d.name), condition: erase(d.condition), doc: erase(d.doc), range: zero))
    case .test(let d):
      .test(
        TestDecl(
          name: d.name, nameRange: zero, statements: d.statements.map(erase), doc: erase(d.doc), range: zero))
    }
  }

  static func erase(_ field: FieldDecl) -> FieldDecl {
    switch field.kind {
    case .value(let type, let attributes):
      let erased = attributes.map { attribute -> FieldAttribute in
        switch attribute {
        case .key: .key(zero)
        case .protected: .protected(zero)
        case .pii: .pii(zero)
        case .purpose(let purpose): .purpose(erase(purpose))
        }
      }
      return FieldDecl(
        name: erase(field.name), kind: .value(erase(type), erased), doc: erase(field.doc), range: zero)
    case .group(let fields):
      return FieldDecl(
        name: erase(field.name), kind: .group(fields.map(erase)), doc: erase(field.doc), range: zero)
    }
  }

  static func erase(_ type: TypeSyntax) -> TypeSyntax {
    switch type.kind {
    case .name(let name): TypeSyntax(.name(erase(name)), zero)
    case .enumeration(let cases): TypeSyntax(.enumeration(cases.map(erase)), zero)
    case .list(let element): TypeSyntax(.list(erase(element)), zero)
    case .optional(let wrapped): TypeSyntax(.optional(erase(wrapped)), zero)
    }
  }

  static func erase(_ kind: RewardClause.Kind) -> RewardClause.Kind {
    switch kind {
    case .when(let e): .when(erase(e))
    case .requires(let list): .requires(list.map(erase))
    case .give(let e): .give(erase(e))
    case .value(let e): .value(erase(e))
    case .cost(let e): .cost(erase(e))
    case .priority(let e): .priority(erase(e))
    case .because(let e): .because(erase(e))
    }
  }

  static func erase(_ statement: TestStatement) -> TestStatement {
    let kind: TestStatement.Kind
    switch statement.kind {
    case .given(let input, let record): kind = .given(input: erase(input), record: erase(record))
    case .givenFrom(let input, let path, let row):
      kind = .givenFrom(input: erase(input), path: path, row: row)
    case .expect(let value, let tolerance): kind = .expect(erase(value), tolerance: tolerance.map(erase))
    case .expectContains(let value, let element): kind = .expectContains(erase(value), erase(element))
    case .expectError(let code): kind = .expectError(erase(code))
    case .expectWithheld(let reward, let multiplier):
      kind = .expectWithheld(erase(reward), multiplier: erase(multiplier))
    }
    return TestStatement(kind: kind, range: zero)
  }

  static func erase(_ record: RecordLiteral) -> RecordLiteral {
    RecordLiteral(
      fields: record.fields.map { field in
        switch field.value {
        case .expression(let value): RecordField(name: erase(field.name), value: .expression(erase(value)))
        case .record(let nested): RecordField(name: erase(field.name), value: .record(erase(nested)))
        }
      }, range: zero)
  }

  /// The expression with every range zeroed.
  public static func erase(_ expression: Expression) -> Expression {
    let kind: Expression.Kind
    switch expression.kind {
    case .bool, .int, .float, .percent, .money, .duration, .date, .name, .error:
      kind = expression.kind
    case .string(let segments):
      kind = .string(
        segments.map { segment in
          switch segment {
          case .text: segment
          case .interpolation(let value, let format): .interpolation(erase(value), format: format)
          }
        })
    case .member(let base, let field): kind = .member(erase(base), erase(field))
    case .call(let callee, let arguments):
      kind = .call(
        erase(callee), arguments.map { Argument(label: $0.label.map(erase), value: erase($0.value)) })
    case .list(let elements): kind = .list(elements.map(erase))
    case .unary(let op, let operand): kind = .unary(op, erase(operand))
    case .binary(let op, let lhs, let rhs): kind = .binary(op, erase(lhs), erase(rhs))
    case .conditional(let c, let t, let e): kind = .conditional(erase(c), erase(t), erase(e))
    case .parenthesized(let inner): kind = .parenthesized(erase(inner))
    }
    return Expression(kind, zero)
  }

  /// The text with blanks and carriage returns removed from the end of each of its lines.
  public static func trimmingLineEnds(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\n") { trimBlanks(&out) }
      out.append(byte)
    }
    trimBlanks(&out)
    return String(decoding: out, as: UTF8.self)
  }

  private static func trimBlanks(_ bytes: inout [UInt8]) {
    while let last = bytes.last,
      last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r")
    {
      bytes.removeLast()
    }
  }
}
