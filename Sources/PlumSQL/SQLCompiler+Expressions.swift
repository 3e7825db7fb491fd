import PlumChecker
import PlumDiagnostics
import PlumRuntime

extension SQLCompiler {
  /// Compiles an expression, visiting its parts in the order the machine runs them.
  ///
  /// An expression lowering folds to a constant becomes a literal, and nothing inside it counts
  /// as evaluated (its code never runs in the machine either).
  func compile(_ expression: TypedExpression) -> SQLTerm {
    if let constant = facts.fold(expression) {
      return SQLTerm(value: literal(constant, expression.type), stop: nil)
    }
    switch expression.kind {
    case .field(let index): return SQLTerm(value: fields[index], stop: nil)
    case .letRef(let index): return reference(.let(index))
    case .ruleRef(let index): return reference(.rule(index))
    case .modelRef(let index): return reference(.model(index))
    case .narrowed(let inner): return compile(inner)
    case .intToFloat(let inner):
      let term = compile(inner)
      return SQLTerm(value: sql(term.value) { "CAST(\($0[0]) AS \(spelling.double))" }, stop: term.stop)
    case .negate(let arithmetic, let inner):
      let term = compile(inner)
      let value = term.value
      if arithmetic == .float {
        return SQLTerm(value: builder.bind(sql(value) { "(-\($0[0]))" }), stop: term.stop)
      }
      let overflow = stop(when: sql(value) { "\($0[0]) = \(bigint(.min))" }, .overflow, at: expression.range)
      return SQLTerm(
        value: builder.bind(sql(value) { "CASE WHEN \($0[0]) <> \(bigint(.min)) THEN -\($0[0]) END" }),
        stop: first([term.stop, overflow]))
    case .not(let inner):
      let term = compile(inner)
      return SQLTerm(value: builder.bind(sql(term.value) { "(NOT \($0[0]))" }), stop: term.stop)
    case .binary(.and, let left, let right): return logical(left, right, isAnd: true)
    case .binary(.or, let left, let right): return logical(left, right, isAnd: false)
    case .binary(.coalesce, let left, let right):
      let primary = compile(left)
      let fallback = under([sql(primary.value) { "\($0[0]) IS NULL" }]) { compile(right) }
      return SQLTerm(
        value: builder.bind(sql(primary.value, fallback.value) { "COALESCE(\($0[0]), \($0[1]))" }),
        stop: first([primary.stop, only(fallback.stop, when: sql(primary.value) { "\($0[0]) IS NULL" })]))
    case .binary(.compare(let comparison, let comparand), let left, let right):
      return compare(comparison, comparand, left, right, expression)
    case .binary(.membership(let negated, _), let left, let right):
      let element = compile(left)
      let list = listTerms(right)
      let stops = [element.stop] + list.map(\.stop)
      let values = list.map(\.value)
      guard !values.isEmpty else { return SQLTerm(value: negated ? .yes : .no, stop: first(stops)) }
      let test = sql([element.value] + values) { parts in
        "(\(parts[0]) \(negated ? "NOT IN" : "IN") (\(parts.dropFirst().joined(separator: ", "))))"
      }
      return SQLTerm(value: builder.bind(test), stop: first(stops))
    case .binary(let operation, let left, let right):
      return arithmetic(operation, left, right, expression)
    case .conditional(let condition, let then, let otherwise):
      let test = compile(condition)
      let holds = sql(test.value) { "COALESCE(\($0[0]), FALSE)" }
      let fails = sql(test.value) { "NOT COALESCE(\($0[0]), FALSE)" }
      let clear = isClear(test.stop)
      let a = under([clear, holds]) { compile(then) }
      let b = under([clear, fails]) { compile(otherwise) }
      let value = sql(test.value, a.value, b.value) { "CASE WHEN \($0[0]) THEN \($0[1]) ELSE \($0[2]) END" }
      let branchStop: SQLFragment?
      switch (a.stop, b.stop) {
      case (nil, nil): branchStop = nil
      case (let x, let y):
        branchStop = builder.bind(
          sql(test.value, x ?? .null, y ?? .null) { "CASE WHEN \($0[0]) THEN \($0[1]) ELSE \($0[2]) END" })
      }
      return SQLTerm(value: builder.bind(value), stop: first([test.stop, branchStop]))
    case .call(let builtin, let arguments): return call(builtin, arguments, expression)
    case .list:
      unsupported("a list value", expression.range)
      return SQLTerm(value: .null, stop: nil)
    case .interpolation(let segments): return interpolation(segments)
    case .bool, .int, .float, .money, .duration, .date, .string, .enumCase:
      return SQLTerm(value: .null, stop: nil)
    case .rewarded, .rewards, .rewardGranted, .reason, .error:
      unsupported("`\(sourceText(expression.range, limit: 40))`", expression.range)
      return SQLTerm(value: .null, stop: nil)
    }
  }

  /// Reports a construct the dialect cannot express.
  func unsupported(_ what: String, _ range: SourceRange) {
    report(
      SQLDiagnostics.unsupportedConstruct,
      "\(what) cannot be compiled to \(options.dialect.displayName)", at: range)
  }

  /// The elements of a list operand, each compiled (a folded list gives literals).
  func listTerms(_ list: TypedExpression) -> [SQLTerm] {
    let elementType: PlumType = if case .list(let element) = list.type.unwrapped { element } else { .int }
    if case .list(let constants) = facts.fold(list) {
      return constants.map { SQLTerm(value: literal($0, elementType), stop: nil) }
    }
    if case .list(let elements) = list.kind { return elements.map(compile) }
    if case .letRef(let index) = list.kind, case .list(let elements) = policy.lets[index].value.kind {
      return elements.map(compile)
    }
    unsupported("a list that is not written out", list.range)
    return []
  }

  /// `and` / `or`, evaluating the right operand only when the left does not decide.
  func logical(_ left: TypedExpression, _ right: TypedExpression, isAnd: Bool) -> SQLTerm {
    let a = compile(left)
    let decides = sql(a.value) { isAnd ? "COALESCE(\($0[0]), FALSE)" : "NOT COALESCE(\($0[0]), TRUE)" }
    let b = under([isClear(a.stop), decides]) { compile(right) }
    let value = sql(a.value, b.value) { "(\($0[0]) \(isAnd ? "AND" : "OR") \($0[1]))" }
    let guardText = sql(a.value) { isAnd ? "\($0[0])" : "NOT \($0[0])" }
    return SQLTerm(value: builder.bind(value), stop: first([a.stop, only(b.stop, when: guardText)]))
  }

  /// A comparison of two values of one type.
  func compare(
    _ comparison: Comparison, _ comparand: Comparand, _ left: TypedExpression, _ right: TypedExpression,
    _ expression: TypedExpression
  ) -> SQLTerm {
    if comparand == .rewardSet {
      unsupported("`\(sourceText(expression.range, limit: 40))`", expression.range)
      return SQLTerm(value: .null, stop: nil)
    }
    let a = compile(left)
    let b = compile(right)
    let symbol =
      switch comparison {
      case .equal: "="
      case .notEqual: "<>"
      case .less: "<"
      case .lessEqual: "<="
      case .greater: ">"
      case .greaterEqual: ">="
      }
    return SQLTerm(
      value: builder.bind(sql(a.value, b.value) { "(\($0[0]) \(symbol) \($0[1]))" }),
      stop: first([a.stop, b.stop]))
  }

  // MARK: Literals

  /// The SQL literal of a folded value.
  func literal(_ constant: Constant, _ type: PlumType) -> SQLFragment {
    switch (constant, type.unwrapped) {
    case (.missing, _): return .null
    case (.int(let value), .bool): return value != 0 ? .yes : .no
    case (.int(let value), .float): return floatLiteral(Double(value))
    case (.int(let value), _): return .literal(bigint(value))
    case (.float(let value), _): return floatLiteral(value)
    case (.string(let text), _): return .literal(spelling.string(text))
    case (.reward(let kind, let amount, let rate, let label), _):
      return .literal(spelling.string(rewardJSON(kind: kind, amount: amount, rate: rate, label: label)))
    case (.list, _): return .null
    }
  }

  /// A float literal that every engine reads as exactly this double.
  func floatLiteral(_ value: Double) -> SQLFragment {
    .literal("CAST(\(spelling.string(value.description)) AS \(spelling.double))")
  }

  /// The JSON of a constant reward after `"kind":"` (as `plum run` writes it).
  func rewardJSON(kind: RewardKind, amount: Int64, rate: Double, label: String) -> String {
    switch kind {
    case .points: "points\",\"amount\":\(amount)"
    case .voucher:
      "voucher\",\"amount\":\"\(Money.format(amount, digits: currencyDigits))\",\"currency\":"
        + jsonQuoted(policy.currency ?? "")
    case .cashback: "cashback\",\"rate\":\(rate.isFinite ? rate.description : "null")"
    case .badge: "badge\",\"badge\":" + jsonQuoted(label)
    }
  }

  /// The minor-unit digits of the policy currency.
  var currencyDigits: Int { Money.minorDigits(of: policy.currency ?? "") }

  /// A JSON string literal, escaped as `plum run` escapes it.
  func jsonQuoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
