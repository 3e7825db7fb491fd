import PlumChecker

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ExplainEvaluator {
  /// A binary operation, with `and`, `or` and `??` evaluating their right side only when needed.
  func binary(
    _ operation: BinaryOperation, _ left: TypedExpression, _ right: TypedExpression,
    _ expression: TypedExpression
  ) throws(ExplainStop) -> ExplainValue {
    switch operation {
    case .and:
      guard try condition(left) else { return .bool(false) }
      return .bool(try condition(right))
    case .or:
      if try condition(left) { return .bool(true) }
      return .bool(try condition(right))
    case .coalesce:
      let primary = try value(left)
      return primary.isMissing ? try value(right) : primary
    case .compare(let comparison, let comparand):
      let a = try value(left)
      let b = try value(right)
      return .bool(compare(comparison, comparand, a, b))
    case .membership(let negated, let comparand):
      let element = try value(left)
      guard case .list(let elements) = try value(right) else { return .bool(negated) }
      let found = elements.contains { compare(.equal, comparand, element, $0) }
      return .bool(found != negated)
    case .add(let arithmetic), .subtract(let arithmetic), .multiply(let arithmetic), .divide(let arithmetic),
      .remainder(let arithmetic):
      return try arithmeticResult(operation, arithmetic, try value(left), try value(right), expression)
    }
  }

  /// Whether `a ∘ b` holds for values of the comparand's type.
  func compare(_ comparison: Comparison, _ comparand: Comparand, _ a: ExplainValue, _ b: ExplainValue) -> Bool
  {
    switch comparand {
    case .float:
      guard let x = a.numericValue, let y = b.numericValue else { return false }
      return comparison.explainHolds(x, y)
    case .string:
      guard case .string(let x) = a, case .string(let y) = b else { return false }
      // By scalars, as the machine compares strings.
      return comparison == .notEqual ? !Text.same(x, y) : Text.same(x, y)
    case .rewardSet:
      guard case .list(let x) = a, case .list(let y) = b else { return false }
      let equal = Set(x.compactMap(\.integer)) == Set(y.compactMap(\.integer))
      return comparison == .notEqual ? !equal : equal
    case .bool, .int, .money, .date, .duration, .enumeration:
      guard let x = a.integer, let y = b.integer else { return false }
      return comparison.explainHolds(x, y)
    }
  }

  func negate(_ arithmetic: Arithmetic, _ operand: ExplainValue, _ expression: TypedExpression)
    throws(ExplainStop)
    -> ExplainValue
  {
    if case .float(let x) = operand { return .float(-x) }
    guard let x = operand.integer else { return operand }
    let (result, overflow) = Int64(0).subtractingReportingOverflow(x)
    if overflow { throw fault(.overflow, expression) }
    return make(result, expression.type)
  }

  /// An int-register value of `type`: money, dates, durations and enumeration cases keep their kind.
  func make(_ number: Int64, _ type: PlumType) -> ExplainValue {
    switch type.unwrapped {
    case .bool: .bool(number != 0)
    case .money(let currency): .money(number, currency: currency)
    case .date: .date(number)
    case .duration: .duration(number)
    case .enumeration(let enumType): .enumeration(enumType, Int(number))
    case .float: .float(Double(number))
    default: .int(number)
    }
  }

  private func arithmeticResult(
    _ operation: BinaryOperation, _ arithmetic: Arithmetic, _ a: ExplainValue, _ b: ExplainValue,
    _ expression: TypedExpression
  ) throws(ExplainStop) -> ExplainValue {
    switch arithmetic {
    case .float:
      guard let x = a.numericValue, let y = b.numericValue else { return .float(0) }
      return .float(try floatOperation(operation, x, y, expression))
    case .moneyByFloat:
      // The money operand may be on either side of `*`.
      let (money, factor) = a.numericValue != nil && a.integer == nil ? (b, a) : (a, b)
      guard let units = money.integer, let f = factor.numericValue else { return make(0, expression.type) }
      if case .divide = operation {
        if f == 0 { throw fault(.divisionByZero, expression) }
        guard let result = Money.divide(units, by: f) else { throw fault(.overflow, expression) }
        return make(result, expression.type)
      }
      guard let result = Money.multiply(units, by: f) else { throw fault(.overflow, expression) }
      return make(result, expression.type)
    case .moneyRatio:
      guard let x = a.integer, let y = b.integer else { return .float(0) }
      if y == 0 { throw fault(.divisionByZero, expression) }
      return .float(Double(x) / Double(y))
    case .moneyByInt:
      guard let x = a.integer, let y = b.integer else { return make(0, expression.type) }
      if case .divide = operation {
        if y == 0 { throw fault(.divisionByZero, expression) }
        guard let result = Money.divide(x, by: y) else { throw fault(.overflow, expression) }
        return make(result, expression.type)
      }
      return make(try intOperation(operation, x, y, expression), expression.type)
    case .int, .money, .duration, .durationByInt, .dateDuration, .dateDifference:
      guard let x = a.integer, let y = b.integer else { return make(0, expression.type) }
      return make(try intOperation(operation, x, y, expression), expression.type)
    }
  }

  private func intOperation(
    _ operation: BinaryOperation, _ x: Int64, _ y: Int64, _ expression: TypedExpression
  )
    throws(ExplainStop) -> Int64
  {
    let result: (partialValue: Int64, overflow: Bool)
    switch operation {
    case .add: result = x.addingReportingOverflow(y)
    case .subtract: result = x.subtractingReportingOverflow(y)
    case .multiply: result = x.multipliedReportingOverflow(by: y)
    case .divide:
      if y == 0 { throw fault(.divisionByZero, expression) }
      result = x.dividedReportingOverflow(by: y)
    case .remainder:
      if y == 0 { throw fault(.divisionByZero, expression) }
      return y == -1 ? 0 : x % y
    default: return 0
    }
    if result.overflow { throw fault(.overflow, expression) }
    return result.partialValue
  }

  private func floatOperation(
    _ operation: BinaryOperation, _ x: Double, _ y: Double, _ expression: TypedExpression
  )
    throws(ExplainStop) -> Double
  {
    let result: Double
    switch operation {
    case .add: result = x + y
    case .subtract: result = x - y
    case .multiply: result = x * y
    case .divide:
      if y == 0 { throw fault(.divisionByZero, expression) }
      result = x / y
    case .remainder:
      if y == 0 { throw fault(.divisionByZero, expression) }
      return fmod(x, y)
    default: return 0
    }
    if !result.isFinite { throw fault(.notFinite, expression) }
    return result
  }
}

extension Comparison {
  /// Whether `a ∘ b` holds.
  func explainHolds<T: Comparable>(_ a: T, _ b: T) -> Bool {
    switch self {
    case .equal: a == b
    case .notEqual: a != b
    case .less: a < b
    case .lessEqual: a <= b
    case .greater: a > b
    case .greaterEqual: a >= b
    }
  }
}
