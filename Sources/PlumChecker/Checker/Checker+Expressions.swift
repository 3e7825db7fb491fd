import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  /// Checks an expression.
  ///
  /// - Parameter expected: The type the surrounding construct wants, used to resolve bare enum case
  ///   names and empty lists; conversion to it is the caller's job (`coerce`).
  mutating func check(_ expr: Expression, expected: PlumType? = nil, _ context: ExpressionContext)
    -> TypedExpression
  {
    let range = expr.range
    switch expr.kind {
    case .bool(let value): return TypedExpression(.bool(value), .bool, range)
    case .int(let value): return TypedExpression(.int(value), .int, range)
    case .float(let value): return TypedExpression(.float(value), .float, range)
    case .percent(let value): return TypedExpression(.float(value / 100), .float, range)
    case .money(let literal): return checkMoneyLiteral(literal, range)
    case .duration(let days): return TypedExpression(.duration(days: days), .duration, range)
    case .date(let date): return TypedExpression(.date(date), .date, range)
    case .string(let segments): return checkString(segments, range, context)
    case .name(let name): return resolveName(name, range, expected: expected, context)
    case .member: return resolveMember(expr, context)
    case .call(let name, let arguments): return checkCall(name, arguments, range, context)
    case .list(let items):
      let hint: PlumType?
      if case .list(let element)? = expected?.unwrapped { hint = element } else { hint = nil }
      return checkList(items, range, elementHint: hint, context)
    case .unary(let op, let operand): return checkUnary(op, operand, range, context)
    case .binary(let op, let lhs, let rhs):
      return checkBinary(op, lhs, rhs, range, expected: expected, context)
    case .conditional(let condition, let then, let otherwise):
      return checkConditional(condition, then, otherwise, range, expected: expected, context)
    case .parenthesized(let inner): return check(inner, expected: expected, context)
    case .error: return .error(range)
    }
  }

  /// Checks a condition: it must be a present bool.
  mutating func checkCondition(_ expr: Expression, what: String, _ context: ExpressionContext)
    -> TypedExpression
  {
    var context = context
    context.conditionStart = expr.range.start
    let value = requireValue(check(expr, expected: .bool, context), context)
    if value.type == .error || value.type == .bool { return value }
    report(
      CheckerDiagnostics.nonBoolCondition, "\(what) must be `bool`, found `\(value.type)`", at: value.range,
      notes: conditionNotes(for: value.type))
    return .error(value.range)
  }

  private func conditionNotes(for type: PlumType) -> [String] {
    switch type {
    case .int, .float, .money, .duration: ["compare the value, e.g. `… > 0`"]
    case .string: ["compare the text, e.g. `… == \"FR\"`"]
    default: []
    }
  }

  /// Converts `value` to `target` where the language allows it (int to float, a value where an
  /// optional is wanted) and otherwise reports `code` with `message(found)`.
  mutating func coerce(
    _ value: TypedExpression, to target: PlumType, _ context: ExpressionContext,
    code: DiagnosticCode = CheckerDiagnostics.typeMismatch, message: (PlumType) -> String
  ) -> TypedExpression {
    if value.type.containsError || target.containsError || value.type == target { return value }
    if target.isOptional, !value.type.isOptional {
      return coerce(value, to: target.unwrapped, context, code: code, message: message)
    }
    if value.type == .int, target == .float {
      return TypedExpression(.intToFloat(value), .float, value.range)
    }
    if value.type.isOptional, !target.isOptional,
      value.type.unwrapped == target
        || (value.type.unwrapped == .int && target == .float)
    {
      return requireValue(value, context)
    }
    if case .money(let found) = value.type, case .money(let wanted) = target {
      // Without a policy currency, `money` accepts any currency (literals keep theirs).
      if wanted.isEmpty || found.isEmpty { return value }
      report(
        CheckerDiagnostics.currencyMismatch, "expected money in `\(wanted)`, found money in `\(found)`",
        at: value.range)
      return .error(value.range)
    }
    var notes: [String] = []
    if case .money(let wanted) = target, value.type == .int || value.type == .float {
      let example = wanted.isEmpty ? "EUR" : wanted
      notes.append("write money with its currency, e.g. `\(source.text(in: value.range)) \(example)`")
    }
    report(code, message(value.type), at: value.range, notes: notes)
    return .error(value.range)
  }

  private mutating func checkMoneyLiteral(_ literal: MoneyLiteral, _ range: SourceRange) -> TypedExpression {
    guard let currencyDecl else {
      return TypedExpression(.money(literal), .money(currency: literal.currency), range)
    }
    let policyCurrency = currencyDecl.code.name
    if literal.currency != policyCurrency {
      let text = source.text(in: range)
      let fixed =
        text.hasSuffix(literal.currency)
        ? String(text.dropLast(literal.currency.count)) + policyCurrency : nil
      let (labels, notes) = policyLabel(currencyDecl.code.range, "the policy's currency is declared here")
      report(
        CheckerDiagnostics.moneyLiteralCurrency,
        "money literal in `\(literal.currency)` in a policy whose currency is `\(policyCurrency)`", at: range,
        labels: labels, notes: notes,
        fixIts: fixed.map { [.init(range: range, replacement: $0, message: "write `\($0)`")] } ?? [])
      return .error(range)
    }
    return TypedExpression(.money(literal), .money(currency: policyCurrency), range)
  }

  private mutating func checkString(
    _ segments: [StringSegment], _ range: SourceRange, _ context: ExpressionContext
  )
    -> TypedExpression
  {
    var typed: [TypedSegment] = []
    var hasInterpolation = false
    var failed = false
    for segment in segments {
      switch segment {
      case .text(let text):
        typed.append(.text(text))
      case .interpolation(let expr, let format):
        hasInterpolation = true
        let value = requireValue(check(expr, context), context)
        if value.type.containsError {
          failed = true
          continue
        }
        if !value.type.isPrintable {
          report(
            CheckerDiagnostics.notPrintable, "a value of type `\(value.type)` cannot be shown in text",
            at: value.range)
          failed = true
          continue
        }
        guard let format else {
          typed.append(.value(value, format: nil))
          continue
        }
        if let specifier = checkFormat(format, for: value) {
          typed.append(.value(value, format: specifier))
        } else {
          failed = true
        }
      }
    }
    if failed { return .error(range) }
    if !hasInterpolation {
      let text = typed.map { segment -> String in
        if case .text(let text) = segment { return text }
        return ""
      }.joined()
      return TypedExpression(.string(text), .string, range)
    }
    return TypedExpression(.interpolation(typed), .string, range)
  }

  /// Parses and checks a format specifier: `%` and `.N%` for int and float, `.N` also for money.
  private mutating func checkFormat(_ format: String, for value: TypedExpression) -> FormatSpecifier? {
    var specifier: FormatSpecifier?
    if format == "%" {
      specifier = .percent(decimals: 0)
    } else if format.hasPrefix("."), format.count >= 2 {
      let body = format.dropFirst()
      let isPercent = body.hasSuffix("%")
      let digits = isPercent ? body.dropLast() : body
      if !digits.isEmpty, digits.count <= 2, digits.allSatisfy(\.isASCII), let count = Int(digits) {
        specifier = isPercent ? .percent(decimals: count) : .decimals(count)
      }
    }
    guard let specifier else {
      report(
        CheckerDiagnostics.invalidFormat, "unknown format `\(format)`", at: value.range,
        notes: ["the formats are `%` (percent), `.N` (N decimals) and `.N%` (percent with N decimals)"])
      return nil
    }
    let allowed: Bool
    switch (specifier, value.type) {
    case (.percent, .int), (.percent, .float): allowed = true
    case (.decimals, .int), (.decimals, .float), (.decimals, .money): allowed = true
    default: allowed = false
    }
    if !allowed {
      let what = if case .percent = specifier { "numbers" } else { "numbers and money" }
      report(
        CheckerDiagnostics.invalidFormat, "format `\(format)` applies to \(what), not `\(value.type)`",
        at: value.range)
      return nil
    }
    return specifier
  }

  /// Checks a list literal; elements share one type (ints become floats beside floats).
  mutating func checkList(
    _ items: [Expression], _ range: SourceRange, elementHint: PlumType?, _ context: ExpressionContext
  ) -> TypedExpression {
    var elements = items.map { requireValue(check($0, expected: elementHint, context), context) }
    if elements.contains(where: { $0.type.containsError }) { return .error(range) }
    guard let first = elements.first else {
      if let elementHint { return TypedExpression(.list([]), .list(elementHint.unwrapped), range) }
      report(
        CheckerDiagnostics.emptyListType, "cannot tell the element type of an empty list", at: range,
        notes: ["declare the type, e.g. `let none: list<string> = []`"])
      return .error(range)
    }
    var elementType = first.type
    if elements.contains(where: { $0.type == .float }),
      elements.allSatisfy({ $0.type == .int || $0.type == .float })
    {
      elementType = .float
      elements = elements.map { $0.type == .int ? TypedExpression(.intToFloat($0), .float, $0.range) : $0 }
    }
    for element in elements where element.type != elementType {
      report(
        CheckerDiagnostics.typeMismatch,
        "list elements must have one type; found `\(element.type)` after `\(elementType)`", at: element.range,
        labels: [.init(first.range, "this element is `\(first.type)`")])
      return .error(range)
    }
    return TypedExpression(.list(elements), .list(elementType), range)
  }

  private mutating func checkConditional(
    _ condition: Expression, _ then: Expression, _ otherwise: Expression, _ range: SourceRange,
    expected: PlumType?, _ context: ExpressionContext
  ) -> TypedExpression {
    let test = checkCondition(condition, what: "the `if` condition", context)
    let thenContext = context.narrowing(test.presenceFacts)
    var first: TypedExpression
    var second: TypedExpression
    if expected == nil, resolvesAgainstOther(then, context), !resolvesAgainstOther(otherwise, context) {
      second = check(otherwise, context)
      first = check(then, expected: second.type.unwrapped, thenContext)
    } else {
      first = check(then, expected: expected, thenContext)
      second = check(otherwise, expected: expected ?? first.type.unwrapped, context)
    }
    if test.type.containsError || first.type.containsError || second.type.containsError {
      return .error(range)
    }
    if first.type.unwrapped == .int, second.type.unwrapped == .float {
      first = convertToFloat(first)
    } else if first.type.unwrapped == .float, second.type.unwrapped == .int {
      second = convertToFloat(second)
    }
    let type: PlumType
    if first.type == second.type {
      type = first.type
    } else if first.type.unwrapped == second.type.unwrapped {
      type = first.type.madeOptional
    } else if case .money(let a) = first.type.unwrapped, case .money(let b) = second.type.unwrapped {
      report(
        CheckerDiagnostics.currencyMismatch, "`if` branches are money in `\(a)` and in `\(b)`",
        at: second.range, labels: [.init(first.range, "this branch is in `\(a)`")])
      return .error(range)
    } else {
      report(
        CheckerDiagnostics.branchMismatch,
        "`if` branches have different types: `\(first.type)` and `\(second.type)`", at: second.range,
        labels: [.init(first.range, "this branch is `\(first.type)`")])
      return .error(range)
    }
    return TypedExpression(.conditional(test, first, second), type, range)
  }

  /// Wraps an int (or optional int) expression in a conversion to float.
  func convertToFloat(_ value: TypedExpression) -> TypedExpression {
    if case .list(let elements) = value.kind {
      return TypedExpression(.list(elements.map(convertToFloat)), .list(.float), value.range)
    }
    let type: PlumType = value.type.isOptional ? .optional(.float) : .float
    return TypedExpression(.intToFloat(value), type, value.range)
  }
}
