import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  mutating func checkUnary(
    _ op: UnaryOperator, _ operand: Expression, _ range: SourceRange, _ context: ExpressionContext
  ) -> TypedExpression {
    switch op {
    case .not:
      let value = requireValue(check(operand, expected: .bool, context), context)
      if value.type.containsError { return .error(range) }
      guard value.type == .bool else {
        report(
          CheckerDiagnostics.operatorMismatch, "`not` needs a `bool`, found `\(value.type)`", at: value.range)
        return .error(range)
      }
      return TypedExpression(.not(value), .bool, range)
    case .negate:
      let value = requireValue(check(operand, context), context, parenthesize: true)
      let arithmetic: Arithmetic
      switch value.type {
      case .error: return .error(range)
      case .int: arithmetic = .int
      case .float: arithmetic = .float
      case .money: arithmetic = .money
      case .duration: arithmetic = .duration
      default:
        report(
          CheckerDiagnostics.operatorMismatch, "cannot negate a `\(value.type)`", at: value.range,
          notes: ["`-` applies to int, float, money and duration"])
        return .error(range)
      }
      return TypedExpression(.negate(arithmetic, value), value.type, range)
    }
  }

  mutating func checkBinary(
    _ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression, _ range: SourceRange, expected: PlumType?,
    _ context: ExpressionContext
  ) -> TypedExpression {
    switch op {
    case .and, .or:
      var context = context
      if context.conditionStart == nil { context.conditionStart = range.start }
      let left = checkLogicalOperand(lhs, op, context)
      let rightContext = op == .and ? context.narrowing(left.presenceFacts) : context
      let right = checkLogicalOperand(rhs, op, rightContext)
      if left.type.containsError || right.type.containsError { return .error(range) }
      return TypedExpression(.binary(op == .and ? .and : .or, left, right), .bool, range)
    case .coalesce:
      return checkCoalesce(lhs, rhs, range, expected: expected, context)
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .notIn:
      return checkComparison(op, lhs, rhs, range, context)
    case .add, .subtract, .multiply, .divide, .remainder:
      let left = requireValue(check(lhs, context), context, parenthesize: true)
      let right = requireValue(check(rhs, context), context, parenthesize: true)
      if left.type.containsError || right.type.containsError { return .error(range) }
      return arithmetic(op, left, right, range)
    }
  }

  private mutating func checkLogicalOperand(
    _ expr: Expression, _ op: BinaryOperator, _ context: ExpressionContext
  )
    -> TypedExpression
  {
    let value = requireValue(check(expr, expected: .bool, context), context)
    if value.type.containsError || value.type == .bool { return value }
    report(
      CheckerDiagnostics.operatorMismatch, "`\(op.rawValue)` needs `bool` operands, found `\(value.type)`",
      at: value.range)
    return .error(value.range)
  }

  private mutating func checkCoalesce(
    _ lhs: Expression, _ rhs: Expression, _ range: SourceRange, expected: PlumType?,
    _ context: ExpressionContext
  ) -> TypedExpression {
    let left = check(lhs, expected: expected, context)
    let wrapped = left.type.unwrapped
    let right = check(rhs, expected: wrapped, context)
    if left.type.containsError || right.type.containsError { return .error(range) }
    let target: PlumType = right.type.isOptional ? wrapped.madeOptional : wrapped
    var converted = right
    var lhsValue = left
    if wrapped == .int, right.type.unwrapped == .float {
      lhsValue = convertToFloat(left)
      return TypedExpression(.binary(.coalesce, lhsValue, right), right.type, range)
    }
    converted = coerce(right, to: target, context) { found in
      "the default after `??` must be `\(wrapped)`, found `\(found)`"
    }
    if converted.type.containsError { return .error(range) }
    return TypedExpression(.binary(.coalesce, lhsValue, converted), target, range)
  }

  /// Whether a bare name should be resolved against the other operand's type (checked first).
  func resolvesAgainstOther(_ expr: Expression, _ context: ExpressionContext) -> Bool {
    guard case .name(let name) = expr.unparenthesized.kind else { return false }
    switch symbols[name] {
    case nil: return !contextualNames(context).contains(name)
    case .reward?: return context.place == .test
    default: return false
    }
  }

  private mutating func checkComparison(
    _ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression, _ range: SourceRange,
    _ context: ExpressionContext
  ) -> TypedExpression {
    let isMembership = op == .in || op == .notIn
    var left: TypedExpression
    var right: TypedExpression
    if resolvesAgainstOther(lhs, context), !resolvesAgainstOther(rhs, context) {
      right = check(rhs, context)
      var hint = right.type.unwrapped
      if isMembership, case .list(let element) = hint { hint = element }
      left = check(lhs, expected: hint, context)
    } else {
      left = check(lhs, context)
      let hint: PlumType = isMembership ? .list(left.type.unwrapped) : left.type.unwrapped
      right = check(rhs, expected: hint, context)
    }
    left = requireValue(left, context)
    right = requireValue(right, context)
    if left.type.containsError || right.type.containsError { return .error(range) }
    if isMembership { return membership(op == .notIn, left, right, range) }
    let comparison: Comparison
    switch op {
    case .equal: comparison = .equal
    case .notEqual: comparison = .notEqual
    case .less: comparison = .less
    case .lessEqual: comparison = .lessEqual
    case .greater: comparison = .greater
    default: comparison = .greaterEqual
    }
    let isOrdering = comparison != .equal && comparison != .notEqual
    guard let (comparand, l, r) = unifyForComparison(left, right, op: op.rawValue, range) else {
      return .error(range)
    }
    if isOrdering {
      switch comparand {
      case .int, .float, .money, .date, .duration: break
      default:
        report(
          CheckerDiagnostics.operatorMismatch, "`\(op.rawValue)` does not apply to `\(left.type)`", at: range,
          notes: ["only numbers, money, dates and durations are ordered; use `==` or `!=`"])
        return .error(range)
      }
    }
    return TypedExpression(.binary(.compare(comparison, comparand), l, r), .bool, range)
  }

  private mutating func membership(
    _ negated: Bool, _ left: TypedExpression, _ right: TypedExpression, _ range: SourceRange
  )
    -> TypedExpression
  {
    let word = negated ? "not in" : "in"
    guard case .list(let elementType) = right.type else {
      report(
        CheckerDiagnostics.operatorMismatch, "`\(word)` needs a list on the right, found `\(right.type)`",
        at: right.range,
        notes: right.type == .string ? ["to look for text in a string, use `contains(text, part)`"] : [])
      return .error(range)
    }
    var l = left
    var r = right
    if left.type == .int, elementType == .float {
      l = convertToFloat(left)
    } else if left.type == .float, elementType == .int, case .list = right.kind {
      r = convertToFloat(right)
    }
    guard case .list(let finalElement) = r.type, let comparand = comparand(of: l.type, finalElement) else {
      report(
        CheckerDiagnostics.typeMismatch, "cannot look for a `\(left.type)` in a `\(right.type)`", at: range,
        labels: [.init(left.range, "this is `\(left.type)`"), .init(right.range, "this is `\(right.type)`")])
      return .error(range)
    }
    if comparand == .rewardSet { return .error(range) }
    return TypedExpression(.binary(.membership(negated: negated, comparand), l, r), .bool, range)
  }

  /// The comparand of two types that can be compared for equality, if they can.
  private func comparand(of a: PlumType, _ b: PlumType) -> Comparand? {
    if a == b, let comparand = Comparand(equalityOf: a) { return comparand }
    if case .list(.enumeration(let x)) = a, case .list(.enumeration(let y)) = b, x == y, x == rewardNamesType
    {
      return .rewardSet
    }
    return nil
  }

  private mutating func unifyForComparison(
    _ left: TypedExpression, _ right: TypedExpression, op: String, _ range: SourceRange
  ) -> (Comparand, TypedExpression, TypedExpression)? {
    var l = left
    var r = right
    if l.type == .int, r.type == .float { l = convertToFloat(l) }
    if l.type == .float, r.type == .int { r = convertToFloat(r) }
    if let comparand = comparand(of: l.type, r.type) { return (comparand, l, r) }
    if case .money(let a) = l.type, case .money(let b) = r.type {
      report(
        CheckerDiagnostics.currencyMismatch, "cannot compare money in `\(a)` with money in `\(b)`", at: range,
        labels: [.init(left.range, "in `\(a)`"), .init(right.range, "in `\(b)`")])
      return nil
    }
    report(
      CheckerDiagnostics.operatorMismatch, "cannot compare `\(left.type)` with `\(right.type)` using `\(op)`",
      at: range,
      labels: [.init(left.range, "this is `\(left.type)`"), .init(right.range, "this is `\(right.type)`")])
    return nil
  }

  // The arithmetic table: which operand types each operator accepts and what it yields.
  private mutating func arithmetic(
    _ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression, _ range: SourceRange
  ) -> TypedExpression {
    var l = left
    var r = right
    var kind: Arithmetic?
    var result: PlumType = .error
    var swap = false
    let additive = op == .add || op == .subtract
    let scaling = op == .multiply || op == .divide
    switch (left.type, right.type) {
    case (.int, .int):
      (kind, result) = (.int, .int)
    case (.int, .float), (.float, .int), (.float, .float):
      l = left.type == .int ? convertToFloat(left) : left
      r = right.type == .int ? convertToFloat(right) : right
      (kind, result) = (.float, .float)
    case (.money(let a), .money(let b)):
      if (additive || op == .divide) && a != b {
        report(
          CheckerDiagnostics.currencyMismatch, "cannot mix money in `\(a)` and in `\(b)`", at: range,
          labels: [.init(left.range, "in `\(a)`"), .init(right.range, "in `\(b)`")])
        return .error(range)
      }
      if additive { (kind, result) = (.money, left.type) }
      if op == .divide { (kind, result) = (.moneyRatio, .float) }
    case (.money, .int) where scaling: (kind, result) = (.moneyByInt, left.type)
    case (.money, .float) where scaling: (kind, result) = (.moneyByFloat, left.type)
    case (.int, .money) where op == .multiply: (kind, result, swap) = (.moneyByInt, right.type, true)
    case (.float, .money) where op == .multiply: (kind, result, swap) = (.moneyByFloat, right.type, true)
    case (.duration, .duration) where additive: (kind, result) = (.duration, .duration)
    case (.duration, .int) where scaling: (kind, result) = (.durationByInt, .duration)
    case (.int, .duration) where op == .multiply: (kind, result, swap) = (.durationByInt, .duration, true)
    case (.date, .duration) where additive: (kind, result) = (.dateDuration, .date)
    case (.duration, .date) where op == .add: (kind, result, swap) = (.dateDuration, .date, true)
    case (.date, .date) where op == .subtract: (kind, result) = (.dateDifference, .duration)
    default: break
    }
    if op == .remainder, kind != .int, kind != .float { kind = nil }
    guard let kind else {
      report(
        CheckerDiagnostics.operatorMismatch,
        "cannot apply `\(op.rawValue)` to `\(left.type)` and `\(right.type)`", at: range,
        labels: [.init(left.range, "this is `\(left.type)`"), .init(right.range, "this is `\(right.type)`")],
        notes: arithmeticNotes(op, left.type, right.type))
      return .error(range)
    }
    if swap { (l, r) = (r, l) }
    let operation: BinaryOperation
    switch op {
    case .add: operation = .add(kind)
    case .subtract: operation = .subtract(kind)
    case .multiply: operation = .multiply(kind)
    case .divide: operation = .divide(kind)
    default: operation = .remainder(kind)
    }
    return TypedExpression(.binary(operation, l, r), result, range)
  }

  private func arithmeticNotes(_ op: BinaryOperator, _ a: PlumType, _ b: PlumType) -> [String] {
    if case .money = a, case .money = b, op == .multiply {
      return ["money can be multiplied by an int or a float, not by money"]
    }
    if a == .string || b == .string, op == .add {
      return ["to build text, use interpolation: `\"{a}{b}\"`"]
    }
    return []
  }
}
