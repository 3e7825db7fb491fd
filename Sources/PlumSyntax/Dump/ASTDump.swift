import PlumDiagnostics

/// Renders a parsed file as an indented S-expression tree, every node with `@line:col-line:col`,
/// for `plum compile --emit ast`.
///
/// Names are shown as `name@line:col-line:col`; strings and docs are JSON-quoted. The format is
/// stable: tests compare it against golden files.
public enum ASTDump {
  /// Renders the whole file, one node per line, ending with a line break.
  public static func render(_ policy: PolicyFile, in file: SourceFile) -> String {
    var writer = DumpWriter(file: file)
    writer.open("policy_file")
    for declaration in policy.declarations { writer.declaration(declaration) }
    writer.close()
    return writer.lines.joined(separator: "\n") + "\n"
  }

  /// Renders one expression tree, ending with a line break.
  public static func render(_ expression: Expression, in file: SourceFile) -> String {
    var writer = DumpWriter(file: file)
    writer.expression(expression)
    return writer.lines.joined(separator: "\n") + "\n"
  }
}

/// Accumulates the dump's lines; `open` starts a node whose children are indented below it.
struct DumpWriter {
  let file: SourceFile
  var lines: [String] = []
  var depth = 0

  init(file: SourceFile) { self.file = file }

  func span(_ range: SourceRange) -> String { SpanText.render(range, in: file) }

  func name(_ identifier: Identifier) -> String { "\(identifier.name)\(span(identifier.range))" }

  mutating func open(_ header: String) {
    lines.append(String(repeating: "  ", count: depth) + "(" + header)
    depth += 1
  }

  mutating func close() {
    depth -= 1
    if !lines.isEmpty { lines[lines.count - 1] += ")" }
  }

  mutating func leaf(_ text: String) {
    open(text)
    close()
  }

  mutating func doc(_ doc: String?) {
    if let doc { leaf("doc \(jsonString(doc))") }
  }

  // MARK: Declarations

  mutating func declaration(_ declaration: Declaration) {
    switch declaration {
    case .policy(let d):
      open("policy \(name(d.name)) \(span(d.range))" + (d.version.map { " version \(jsonString($0))" } ?? ""))
      doc(d.doc)
    case .currency(let d):
      open("currency \(name(d.code)) \(span(d.range))")
      doc(d.doc)
    case .input(let d):
      open("input \(name(d.name)) \(span(d.range))")
      doc(d.doc)
      for field in d.fields { self.field(field) }
    case .let(let d):
      open("let \(name(d.name)) \(span(d.range))")
      doc(d.doc)
      if let type = d.type { self.type(type) }
      expression(d.value)
    case .rule(let d):
      open("rule \(name(d.name)) \(span(d.range))")
      doc(d.doc)
      expression(d.condition)
    case .model(let d):
      open("model \(name(d.name)) \(span(d.range)) kind \(name(d.kind))")
      doc(d.doc)
      leaf("source \(jsonString(d.source)) \(span(d.sourceRange))")
      for input in d.inputs {
        open("input \(name(input.name))")
        expression(input.value)
        close()
      }
      if let purpose = d.purpose { leaf("purpose \(name(purpose))") }
      if let segments = d.segments { leaf("segments " + segments.map(name).joined(separator: " ")) }
    case .reward(let d):
      open("reward \(name(d.name)) \(span(d.range))")
      doc(d.doc)
      for clause in d.clauses { self.clause(clause) }
    case .select(let d):
      switch d.mode {
      case .all: open("select all \(span(d.range))")
      case .best(let key, let maximum):
        open("select best \(span(d.range)) by \(name(key))" + (maximum.map { " max \($0)" } ?? ""))
      }
      doc(d.doc)
    case .budget(let d):
      open("budget \(span(d.range)) per \(name(d.period))")
      doc(d.doc)
      expression(d.amount)
    case .pointValue(let d):
      open("points worth \(span(d.range))")
      doc(d.doc)
      expression(d.amount)
    case .constraint(let d):
      open("constraint \(name(d.name)) \(span(d.range))")
      doc(d.doc)
      expression(d.condition)
    case .test(let d):
      open("test \(jsonString(d.name))\(span(d.nameRange)) \(span(d.range))")
      doc(d.doc)
      for statement in d.statements { self.statement(statement) }
    }
    close()
  }

  mutating func field(_ field: FieldDecl) {
    switch field.kind {
    case .value(let type, let attributes):
      open("field \(name(field.name)) \(span(field.range))")
      doc(field.doc)
      self.type(type)
      for attribute in attributes {
        switch attribute {
        case .key(let range): leaf("key \(span(range))")
        case .protected(let range): leaf("protected \(span(range))")
        case .pii(let range): leaf("pii \(span(range))")
        case .purpose(let purpose): leaf("purpose \(name(purpose))")
        }
      }
    case .group(let fields):
      open("group \(name(field.name)) \(span(field.range))")
      doc(field.doc)
      for child in fields { self.field(child) }
    }
    close()
  }

  mutating func type(_ type: TypeSyntax) {
    switch type.kind {
    case .name(let identifier):
      leaf("type \(identifier.name) \(span(type.range))")
    case .enumeration(let cases):
      leaf("type enum \(span(type.range))" + cases.map { " " + name($0) }.joined())
    case .list(let element):
      open("type list \(span(type.range))")
      self.type(element)
      close()
    case .optional(let wrapped):
      open("type optional \(span(type.range))")
      self.type(wrapped)
      close()
    }
  }

  mutating func clause(_ clause: RewardClause) {
    let word: String
    var expressions: [Expression]
    switch clause.kind {
    case .when(let e): (word, expressions) = ("when", [e])
    case .requires(let list): (word, expressions) = ("requires", list)
    case .give(let e): (word, expressions) = ("give", [e])
    case .value(let e): (word, expressions) = ("value", [e])
    case .cost(let e): (word, expressions) = ("cost", [e])
    case .priority(let e): (word, expressions) = ("priority", [e])
    case .because(let e): (word, expressions) = ("because", [e])
    }
    open("\(word) \(span(clause.keywordRange))")
    for expression in expressions { self.expression(expression) }
    close()
  }

  mutating func statement(_ statement: TestStatement) {
    let at = span(statement.range)
    switch statement.kind {
    case .given(let input, let record):
      open("given \(name(input)) \(at)")
      self.record(record)
    case .givenFrom(let input, let path, let row):
      open("given \(name(input)) \(at) from \(jsonString(path)) row \(row)")
    case .expect(let value, let tolerance):
      open("expect \(at)")
      expression(value)
      if let tolerance {
        open("within")
        expression(tolerance)
        close()
      }
    case .expectContains(let value, let element):
      open("expect \(at)")
      expression(value)
      open("contains")
      expression(element)
      close()
    case .expectError(let code):
      open("expect error \(name(code)) \(at)")
    case .expectWithheld(let reward, let multiplier):
      open("expect withheld_by_budget \(name(reward)) \(at)")
      expression(multiplier)
    }
    close()
  }

  mutating func record(_ record: RecordLiteral) {
    open("record \(span(record.range))")
    for field in record.fields {
      open("field \(name(field.name))")
      switch field.value {
      case .expression(let value): expression(value)
      case .record(let nested): self.record(nested)
      }
      close()
    }
    close()
  }

  // MARK: Expressions

  mutating func expression(_ expression: Expression) {
    let at = span(expression.range)
    switch expression.kind {
    case .bool(let value): leaf("bool \(value) \(at)")
    case .int(let value): leaf("int \(value) \(at)")
    case .float(let value): leaf("float \(value) \(at)")
    case .percent(let value): leaf("percent \(value) \(at)")
    case .money(let value): leaf("money \(LiteralText.amount(value)) \(value.currency) \(at)")
    case .duration(let days): leaf("duration \(days) days \(at)")
    case .date(let value): leaf("date \(LiteralText.date(value)) \(at)")
    case .name(let value): leaf("name \(value) \(at)")
    case .error: leaf("error \(at)")
    case .string(let segments):
      open("string \(at)")
      for segment in segments {
        switch segment {
        case .text(let text):
          leaf("text \(jsonString(text))")
        case .interpolation(let value, let format):
          open("interpolation" + (format.map { " format \(jsonString($0))" } ?? ""))
          self.expression(value)
          close()
        }
      }
      close()
    case .member(let base, let field):
      open("member \(name(field)) \(at)")
      self.expression(base)
      close()
    case .call(let callee, let arguments):
      open("call \(name(callee)) \(at)")
      for argument in arguments {
        if let label = argument.label {
          open("argument \(name(label))")
          self.expression(argument.value)
          close()
        } else {
          self.expression(argument.value)
        }
      }
      close()
    case .list(let elements):
      open("list \(at)")
      for element in elements { self.expression(element) }
      close()
    case .unary(let op, let operand):
      open("unary \(op.rawValue) \(at)")
      self.expression(operand)
      close()
    case .binary(let op, let lhs, let rhs):
      open("binary \(op.rawValue) \(at)")
      self.expression(lhs)
      self.expression(rhs)
      close()
    case .conditional(let condition, let whenTrue, let whenFalse):
      open("if \(at)")
      self.expression(condition)
      self.expression(whenTrue)
      self.expression(whenFalse)
      close()
    case .parenthesized(let inner):
      open("parenthesized \(at)")
      self.expression(inner)
      close()
    }
  }
}
