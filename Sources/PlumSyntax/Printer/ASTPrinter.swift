/// Prints a syntax tree back as Plum source with canonical spacing.
///
/// Parentheses appear exactly where the tree has `.parenthesized` nodes, so a parsed tree prints
/// back to source that parses to the same tree (ranges aside). Comments other than `///` docs are
/// not in the tree and are not printed.
public enum ASTPrinter {
  /// A string as a Plum string literal, with quotes and escapes (`"a \{b\}"`).
  public static func quoted(_ text: String) -> String { SourcePrinter.quoted(text) }

  /// Prints a whole file: declarations separated by blank lines, ending with a line break.
  public static func print(_ policy: PolicyFile) -> String {
    var printer = SourcePrinter()
    for (position, declaration) in policy.declarations.enumerated() {
      if position > 0 { printer.out += "\n" }
      printer.declaration(declaration)
    }
    return printer.out
  }

  /// Prints one expression on one line.
  public static func print(_ expression: Expression) -> String {
    SourcePrinter.expression(expression)
  }

  /// Prints one type.
  public static func print(_ type: TypeSyntax) -> String {
    SourcePrinter.type(type)
  }
}

/// Builds the printed source line by line.
struct SourcePrinter {
  var out = ""

  mutating func line(_ text: String, indent: Int = 0) {
    out += String(repeating: "  ", count: indent) + text + "\n"
  }

  mutating func doc(_ doc: String?, indent: Int = 0) {
    guard let doc else { return }
    for text in doc.split(separator: "\n", omittingEmptySubsequences: false) {
      line(text.isEmpty ? "///" : "/// " + text, indent: indent)
    }
  }

  mutating func declaration(_ declaration: Declaration) {
    switch declaration {
    case .policy(let d):
      doc(d.doc)
      line("policy \(d.name.name)" + (d.version.map { " version \(SourcePrinter.quoted($0))" } ?? ""))
    case .currency(let d):
      doc(d.doc)
      line("currency \(d.code.name)")
    case .input(let d):
      doc(d.doc)
      line("input \(d.name.name) {")
      for field in d.fields { self.field(field, indent: 1) }
      line("}")
    case .let(let d):
      doc(d.doc)
      let type = d.type.map { ": " + SourcePrinter.type($0) } ?? ""
      line("let \(d.name.name)\(type) = \(SourcePrinter.expression(d.value))")
    case .rule(let d):
      doc(d.doc)
      line("rule \(d.name.name) = \(SourcePrinter.expression(d.condition))")
    case .model(let d):
      doc(d.doc)
      line("model \(d.name.name) = \(d.kind.name)(\(SourcePrinter.quoted(d.source))) {")
      if !d.inputs.isEmpty {
        line("inputs {", indent: 1)
        for input in d.inputs {
          line("\(input.name.name): \(SourcePrinter.expression(input.value)),", indent: 2)
        }
        line("}", indent: 1)
      }
      if let purpose = d.purpose { line("purpose \(purpose.name)", indent: 1) }
      if let segments = d.segments {
        line("segments [\(segments.map(\.name).joined(separator: ", "))]", indent: 1)
      }
      line("}")
    case .reward(let d):
      doc(d.doc)
      line("reward \(d.name.name) {")
      for clause in d.clauses { line(SourcePrinter.clause(clause), indent: 1) }
      line("}")
    case .select(let d):
      doc(d.doc)
      switch d.mode {
      case .all: line("select all")
      case .best(let key, let maximum):
        line("select best by \(key.name)" + (maximum.map { ", max \($0)" } ?? ""))
      }
    case .budget(let d):
      doc(d.doc)
      line("budget \(SourcePrinter.expression(d.amount)) per \(d.period.name)")
    case .pointValue(let d):
      doc(d.doc)
      line("points worth \(SourcePrinter.expression(d.amount))")
    case .constraint(let d):
      doc(d.doc)
      line("constraint \(d.name.name): \(SourcePrinter.expression(d.condition))")
    case .test(let d):
      doc(d.doc)
      line("test \(SourcePrinter.quoted(d.name)) {")
      for statement in d.statements { line(SourcePrinter.statement(statement), indent: 1) }
      line("}")
    }
  }

  mutating func field(_ field: FieldDecl, indent: Int) {
    doc(field.doc, indent: indent)
    switch field.kind {
    case .value(let type, let attributes):
      let words = attributes.map { attribute -> String in
        switch attribute {
        case .key: "key"
        case .protected: "protected"
        case .pii: "pii"
        case .purpose(let purpose): "purpose \(purpose.name)"
        }
      }
      line(
        ([field.name.name + ": " + SourcePrinter.type(type)] + words).joined(separator: " "), indent: indent)
    case .group(let fields):
      line("\(field.name.name) {", indent: indent)
      for child in fields { self.field(child, indent: indent + 1) }
      line("}", indent: indent)
    }
  }

  static func type(_ type: TypeSyntax) -> String {
    switch type.kind {
    case .name(let name): name.name
    case .enumeration(let cases): "enum { " + cases.map(\.name).joined(separator: ", ") + " }"
    case .list(let element): "list<\(self.type(element))>"
    case .optional(let wrapped): self.type(wrapped) + "?"
    }
  }

  static func clause(_ clause: RewardClause) -> String {
    switch clause.kind {
    case .when(let e): "when \(expression(e))"
    case .requires(let list): "requires " + list.map(expression).joined(separator: ", ")
    case .give(let e): "give \(expression(e))"
    case .value(let e): "value \(expression(e))"
    case .cost(let e): "cost \(expression(e))"
    case .priority(let e): "priority \(expression(e))"
    case .because(let e): "because \(expression(e))"
    }
  }

  static func statement(_ statement: TestStatement) -> String {
    switch statement.kind {
    case .given(let input, let record): "given \(input.name) \(self.record(record))"
    case .givenFrom(let input, let path, let row): "given \(input.name) from \(quoted(path)) row \(row)"
    case .expect(let value, let tolerance):
      "expect \(expression(value))" + (tolerance.map { " within \(expression($0))" } ?? "")
    case .expectContains(let value, let element):
      "expect \(expression(value)) contains \(expression(element))"
    case .expectError(let code): "expect error \(code.name)"
    case .expectWithheld(let reward, let multiplier):
      "expect withheld_by_budget \(reward.name) at \(expression(multiplier))"
    }
  }

  static func record(_ record: RecordLiteral) -> String {
    guard !record.fields.isEmpty else { return "{}" }
    let fields = record.fields.map { field -> String in
      switch field.value {
      case .expression(let value): "\(field.name.name): \(expression(value))"
      case .record(let nested): "\(field.name.name) \(self.record(nested))"
      }
    }
    return "{ " + fields.joined(separator: ", ") + " }"
  }

  // MARK: Expressions

  static func expression(_ expression: Expression) -> String {
    switch expression.kind {
    case .bool(let value): String(value)
    case .int(let value): String(value)
    case .float(let value): floatText(value)
    case .percent(let value): percentText(value)
    case .money(let value): "\(LiteralText.amount(value)) \(value.currency)"
    case .duration(let days): days == 1 ? "1 day" : "\(days) days"
    case .date(let value): LiteralText.date(value)
    case .string(let segments): string(segments)
    case .name(let name): name
    case .member(let base, let field): "\(self.expression(base)).\(field.name)"
    case .call(let callee, let arguments):
      callee.name + "("
        + arguments.map { ($0.label.map { "\($0.name): " } ?? "") + self.expression($0.value) }
        .joined(separator: ", ") + ")"
    case .list(let elements): "[" + elements.map(self.expression).joined(separator: ", ") + "]"
    case .unary(.negate, let operand): "-" + self.expression(operand)
    case .unary(.not, let operand): "not " + self.expression(operand)
    case .binary(let op, let lhs, let rhs): "\(self.expression(lhs)) \(op.rawValue) \(self.expression(rhs))"
    case .conditional(let condition, let whenTrue, let whenFalse):
      "if \(self.expression(condition)) then \(self.expression(whenTrue)) else \(self.expression(whenFalse))"
    case .parenthesized(let inner): "(\(self.expression(inner)))"
    // A placeholder left by a syntax error has no source form; this keeps the output readable.
    case .error: "(?)"
    }
  }

  /// A float in a form the lexer reads back as the same `Double`.
  static func floatText(_ value: Double) -> String {
    let text = String(value)
    return text.contains(".") || text.contains("e") ? text : text + ".0"
  }

  static func percentText(_ value: Double) -> String {
    // `15.0` prints as `15%`; the lexer reads both forms back as the same number.
    var text = String(value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text + "%"
  }

  static func string(_ segments: [StringSegment]) -> String {
    var out = "\""
    for segment in segments {
      switch segment {
      case .text(let text):
        out += escaped(text)
      case .interpolation(let value, let format):
        out += "{" + expression(value) + (format.map { ":" + $0 } ?? "") + "}"
      }
    }
    return out + "\""
  }

  static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

  /// Escapes text for a string literal: quotes, backslashes, braces and control characters.
  static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "{": out += "\\{"
      case "}": out += "\\}"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
