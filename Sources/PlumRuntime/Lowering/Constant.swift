import Foundation
import PlumChecker

/// A value known while lowering: what constant folding computes.
///
/// Values that live in int registers (bools as 0/1, ints, money in minor units, dates, durations,
/// enumeration case indexes) are all `.int`, as in the machine.
package enum Constant: Hashable {
  case int(Int64)
  case float(Double)
  case string(String)
  case list([Constant])
  /// A missing optional value.
  case missing
  /// A reward value as `give` constructs it.
  case reward(RewardKind, amount: Int64, rate: Double, label: String)

  package static let yes = Constant.int(1)
  package static let no = Constant.int(0)

  /// The value as an int, if it is one.
  package var intValue: Int64? { if case .int(let value) = self { value } else { nil } }
  /// The value as a float (ints converted), if it is a number.
  package var floatValue: Double? {
    switch self {
    case .float(let value): value
    case .int(let value): Double(value)
    default: nil
    }
  }
  /// The value as a string, if it is one.
  package var stringValue: String? { if case .string(let value) = self { value } else { nil } }
}

extension Lowerer {
  /// The value of `expression` if it is the same for every record and computing it cannot fail.
  func fold(_ expression: TypedExpression) -> Constant? {
    switch expression.kind {
    case .bool(let value): return .int(value ? 1 : 0)
    case .int(let value): return .int(value)
    case .float(let value): return .float(value)
    case .money(let literal):
      let digits = moneyDigits(expression.type)
      guard let units = Money.minorUnits(units: literal.units, scale: literal.scale, digits: digits) else {
        reportOnce(
          RuntimeDiagnostics.inexactMoney,
          "money literal `\(source.text(in: expression.range))` is finer than the minor unit of "
            + "\(literal.currency) (\(digits) decimals)", at: expression.range)
        return .int(0)
      }
      return .int(units)
    case .duration(let days): return .int(days)
    case .date(let literal):
      return .int(
        CivilDate.days(year: Int64(literal.year), month: Int64(literal.month), day: Int64(literal.day)))
    case .string(let text): return .string(text)
    case .enumCase(_, let index): return .int(Int64(index))
    case .list(let elements):
      var values: [Constant] = []
      for element in elements {
        guard let value = fold(element) else { return nil }
        values.append(value)
      }
      return .list(values)
    case .letRef(let index): return foldDeclaration(.let(index))
    case .ruleRef(let index): return foldDeclaration(.rule(index))
    case .narrowed(let inner): return fold(inner)
    case .intToFloat(let inner):
      guard case .int(let value) = fold(inner) else { return nil }
      return .float(Double(value))
    case .negate(let arithmetic, let inner):
      switch (arithmetic, fold(inner)) {
      case (.float, .float(let value)): return .float(-value)
      case (_, .int(let value)):
        let (result, overflow) = Int64(0).subtractingReportingOverflow(value)
        return overflow ? nil : .int(result)
      default: return nil
      }
    case .not(let inner):
      guard case .int(let value) = fold(inner) else { return nil }
      return .int(value == 0 ? 1 : 0)
    case .binary(let operation, let left, let right):
      return foldBinary(operation, left, right)
    case .conditional(let condition, let then, let otherwise):
      guard case .int(let value) = fold(condition) else { return nil }
      return fold(value != 0 ? then : otherwise)
    case .call(let builtin, let arguments):
      return foldCall(builtin, arguments, resultType: expression.type)
    case .field, .modelRef, .interpolation, .rewarded, .rewards, .rewardGranted, .reason, .error:
      return nil
    }
  }

  private func foldDeclaration(_ reference: DeclarationReference) -> Constant? {
    if let cached = foldCache[reference] { return cached }
    guard !folding.contains(reference) else { return nil }
    folding.insert(reference)
    defer { folding.remove(reference) }
    let value: Constant?
    switch reference {
    case .let(let index): value = fold(policy.lets[index].value)
    case .rule(let index): value = fold(policy.rules[index].condition)
    case .model: value = nil
    }
    foldCache[reference] = .some(value)
    return value
  }

  private func foldBinary(_ operation: BinaryOperation, _ left: TypedExpression, _ right: TypedExpression)
    -> Constant?
  {
    switch operation {
    case .and:
      switch fold(left) {
      case .int(0): return .no
      case .int: return fold(right)
      default: return nil
      }
    case .or:
      switch fold(left) {
      case .int(0): return fold(right)
      case .int: return .yes
      default: return nil
      }
    case .coalesce:
      switch fold(left) {
      case .missing: return fold(right)
      case .some(let value): return value
      case .none: return nil
      }
    default: break
    }
    guard let a = fold(left), let b = fold(right) else { return nil }
    switch (operation, a, b) {
    case (.add(.float), .float(let x), .float(let y)): return finite(x + y)
    case (.subtract(.float), .float(let x), .float(let y)): return finite(x - y)
    case (.multiply(.float), .float(let x), .float(let y)): return finite(x * y)
    case (.divide(.float), .float(let x), .float(let y)): return y == 0 ? nil : finite(x / y)
    case (.add, .int(let x), .int(let y)): return checked(x.addingReportingOverflow(y))
    case (.subtract, .int(let x), .int(let y)): return checked(x.subtractingReportingOverflow(y))
    case (.multiply(.moneyByFloat), .int(let x), .float(let y)):
      return Money.multiply(x, by: y).map(Constant.int)
    case (.divide(.moneyByFloat), .int(let x), .float(let y)):
      return y == 0 ? nil : Money.divide(x, by: y).map(Constant.int)
    case (.divide(.moneyByInt), .int(let x), .int(let y)):
      return y == 0 ? nil : Money.divide(x, by: y).map(Constant.int)
    case (.divide(.moneyRatio), .int(let x), .int(let y)): return y == 0 ? nil : finite(Double(x) / Double(y))
    case (.multiply, .int(let x), .int(let y)): return checked(x.multipliedReportingOverflow(by: y))
    case (.divide, .int(let x), .int(let y)): return y == 0 ? nil : checked(x.dividedReportingOverflow(by: y))
    case (.remainder, .int(let x), .int(let y)): return y == 0 ? nil : .int(y == -1 ? 0 : x % y)
    case (.compare(let comparison, _), .int(let x), .int(let y)):
      return .int(comparator(comparison).holds(x, y) ? 1 : 0)
    case (.compare(let comparison, _), .float(let x), .float(let y)):
      return .int(comparator(comparison).holds(x, y) ? 1 : 0)
    case (.compare(let comparison, _), .string(let x), .string(let y)):
      let same = Text.same(x, y)
      return .int((comparison == .equal ? same : !same) ? 1 : 0)
    case (.membership(let negated, _), .string(let x), .list(let elements)):
      let found = elements.contains { if case .string(let y) = $0 { Text.same(x, y) } else { false } }
      return .int(found != negated ? 1 : 0)
    case (.membership(let negated, _), _, .list(let elements)):
      return .int(elements.contains(a) != negated ? 1 : 0)
    default: return nil
    }
  }

  private func foldCall(_ builtin: Builtin, _ arguments: [TypedExpression], resultType: PlumType) -> Constant?
  {
    if builtin == .present {
      guard let argument = arguments.first else { return nil }
      if !argument.type.isOptional { return .yes }
      guard let value = fold(argument) else { return nil }
      return value == .missing ? .no : .yes
    }
    var values: [Constant] = []
    for argument in arguments {
      guard let value = fold(argument) else { return nil }
      if value == .missing { return .missing }
      values.append(value)
    }
    func int(_ index: Int) -> Int64? { values.indices.contains(index) ? values[index].intValue : nil }
    func float(_ index: Int) -> Double? {
      guard values.indices.contains(index), case .float(let value) = values[index] else { return nil }
      return value
    }
    func string(_ index: Int) -> String? { values.indices.contains(index) ? values[index].stringValue : nil }
    func bool(_ holds: Bool) -> Constant { holds ? .yes : .no }
    switch builtin {
    case .abs:
      if let x = int(0) { return x == .min ? nil : .int(Swift.abs(x)) }
      return float(0).map { .float(Swift.abs($0)) }
    case .min, .max, .clamp:
      let pick: (Double, Double) -> Double = builtin == .min ? { Swift.min($0, $1) } : { Swift.max($0, $1) }
      if builtin == .clamp {
        if let x = int(0), let low = int(1), let high = int(2) {
          return .int(Swift.min(Swift.max(x, low), high))
        }
        if let x = float(0), let low = float(1), let high = float(2) {
          return .float(Swift.min(Swift.max(x, low), high))
        }
        return nil
      }
      if let x = int(0), let y = int(1) { return .int(builtin == .min ? Swift.min(x, y) : Swift.max(x, y)) }
      if let x = float(0), let y = float(1) { return .float(pick(x, y)) }
      return nil
    case .round:
      guard let x = float(0) else { return nil }
      if values.count == 2 {
        guard let digits = int(1) else { return nil }
        return finite(Numerics.round(x, decimals: digits))
      }
      return Numerics.toInt(x, .nearest).map(Constant.int)
    case .floor: return float(0).flatMap { Numerics.toInt($0, .floor) }.map(Constant.int)
    case .ceil: return float(0).flatMap { Numerics.toInt($0, .ceiling) }.map(Constant.int)
    case .int: return float(0).flatMap { Numerics.toInt($0, .truncate) }.map(Constant.int)
    case .float: return int(0).map { .float(Double($0)) }
    case .sqrt, .exp, .ln, .log10, .sigmoid:
      guard let x = float(0) else { return nil }
      let function: FloatFunction =
        switch builtin {
        case .sqrt: .sqrt
        case .exp: .exp
        case .ln: .ln
        case .log10: .log10
        default: .sigmoid
        }
      return try? .float(Numerics.apply(function, x).get())
    case .pow:
      guard let x = float(0), let y = float(1) else { return nil }
      return finite(Foundation.pow(x, y))
    case .amount:
      return int(0).map { .float(Money.toDouble($0, digits: moneyDigits(arguments[0].type))) }
    case .len:
      if let text = string(0) { return .int(Int64(text.count)) }
      if case .list(let elements) = values.first { return .int(Int64(elements.count)) }
      return nil
    case .count:
      guard case .list(let elements) = values.first else { return nil }
      return .int(Int64(elements.filter { $0 != .no }.count))
    case .lower, .upper, .trim:
      guard let text = string(0) else { return nil }
      return .string(Text.apply(builtin == .lower ? .lower : builtin == .upper ? .upper : .trim, text))
    case .startsWith, .endsWith, .contains:
      guard let a = string(0), let b = string(1) else { return nil }
      return bool(
        Text.holds(builtin == .startsWith ? .startsWith : builtin == .endsWith ? .endsWith : .contains, a, b))
    case .daysBetween:
      guard let a = int(0), let b = int(1) else { return nil }
      return checked(b.subtractingReportingOverflow(a))
    case .year, .month, .day, .weekday:
      guard let days = int(0) else { return nil }
      let part: DatePart =
        builtin == .year ? .year : builtin == .month ? .month : builtin == .day ? .day : .weekday
      return .int(Numerics.datePart(part, of: days))
    case .points: return int(0).map { .reward(.points, amount: $0, rate: 0, label: "") }
    case .voucher: return int(0).map { .reward(.voucher, amount: $0, rate: 0, label: "") }
    case .cashback: return float(0).map { .reward(.cashback, amount: 0, rate: $0, label: "") }
    case .badge: return string(0).map { .reward(.badge, amount: 0, rate: 0, label: $0) }
    case .present, .today, .daysSince, .daysUntil, .disparateImpact, .distance: return nil
    }
  }

  private func finite(_ value: Double) -> Constant? { value.isFinite ? .float(value) : nil }

  private func checked(_ result: (partialValue: Int64, overflow: Bool)) -> Constant? {
    result.overflow ? nil : .int(result.partialValue)
  }
}

/// The machine comparator for a checked comparison.
func comparator(_ comparison: Comparison) -> Comparator {
  switch comparison {
  case .equal: .equal
  case .notEqual: .notEqual
  case .less: .less
  case .lessEqual: .lessEqual
  case .greater: .greater
  case .greaterEqual: .greaterEqual
  }
}
