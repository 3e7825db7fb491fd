import PlumChecker
import PlumData
import PlumDiagnostics
import PlumRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The float limits the guarded dialects test against, derived from the machine's own `exp`.
enum FloatLimits {
  /// The largest double.
  static let maximum = Double.greatestFiniteMagnitude
  /// The largest x whose `exp(x)` is finite.
  static let expOverflow: Double = {
    var x = log(Double.greatestFiniteMagnitude)
    while exp(x.nextUp).isFinite { x = x.nextUp }
    while !exp(x).isFinite { x = x.nextDown }
    return x
  }()
  /// The smallest x whose `exp(x)` is not 0.
  static let expUnderflow: Double = {
    var x = -745.1332191019411
    while exp(x.nextDown) > 0 { x = x.nextDown }
    while exp(x) == 0 { x = x.nextUp }
    return x
  }()
}

extension SQLCompiler {
  /// An arithmetic operation, with the machine's overflow, division and finiteness errors.
  func arithmetic(
    _ operation: BinaryOperation, _ left: TypedExpression, _ right: TypedExpression,
    _ expression: TypedExpression
  ) -> SQLTerm {
    var a = compile(left)
    var b = compile(right)
    let operands = [a.stop, b.stop]
    let range = expression.range
    switch operation {
    case .add(.float), .subtract(.float), .multiply(.float), .divide(.float), .remainder(.float):
      let x = asFloat(a.value, left.type)
      let y = asFloat(b.value, right.type)
      switch operation {
      case .add, .subtract:
        let symbol = if case .add = operation { "+" } else { "-" }
        let result = float(
          sql(x, y) { "(\($0[0]) \(symbol) \($0[1]))" }, overflows: sumOverflows(x, y, symbol))
        return SQLTerm(
          value: result.value, stop: first(operands + [stop(when: result.notFinite, .notFinite, at: range)]))
      case .multiply:
        let result = product(x, y, divide: false)
        return SQLTerm(
          value: result.value, stop: first(operands + [stop(when: result.notFinite, .notFinite, at: range)]))
      case .divide:
        let zero = stop(when: sql(y) { "\($0[0]) = 0" }, .divisionByZero, at: range)
        let result = product(x, y, divide: true)
        return SQLTerm(
          value: result.value,
          stop: first(operands + [zero, stop(when: result.notFinite, .notFinite, at: range)]))
      default:
        if !spelling.hasIEEEFloats {
          report(
            SQLDiagnostics.floatRemainder,
            "float remainder `\(sourceText(range, limit: 40))` cannot be compiled to "
              + "\(options.dialect.displayName), which has no exact float `%`", at: range)
        }
        let zero = stop(when: sql(y) { "\($0[0]) = 0" }, .divisionByZero, at: range)
        let value = builder.bind(
          // `%` is C's fmod in DuckDB and Spark (DuckDB's fmod() floors instead).
          sql(x, y) { "CASE WHEN \($0[1]) <> 0 THEN \($0[0]) % \($0[1]) END" })
        return SQLTerm(value: value, stop: first(operands + [zero]))
      }
    case .multiply(.moneyByFloat), .divide(.moneyByFloat):
      if case .float = left.type.unwrapped { swap(&a, &b) }
      let amount = sql(a.value) { "CAST(\($0[0]) AS \(spelling.double))" }
      let factor = asFloat(b.value, .float)
      let isDivision = if case .divide = operation { true } else { false }
      let zero = isDivision ? stop(when: sql(factor) { "\($0[0]) = 0" }, .divisionByZero, at: range) : nil
      let raw = product(builder.bind(amount), factor, divide: isDivision)
      let rounded = roundedToInt64(raw.value, mode: .halfEven)
      let overflow = stop(
        when: sql(raw.notFinite, rounded) { "(\($0[0]) OR \($0[1]) IS NULL)" }, .overflow, at: range)
      let checked = isDivision ? only(overflow, when: sql(factor) { "\($0[0]) <> 0" }) : overflow
      return SQLTerm(value: rounded, stop: first(operands + [zero, checked]))
    case .divide(.moneyByInt):
      let zero = stop(when: sql(b.value) { "\($0[0]) = 0" }, .divisionByZero, at: range)
      let overflow = stop(
        when: sql(a.value, b.value) { "(\($0[0]) = \(bigint(.min)) AND \($0[1]) = -1)" }, .overflow, at: range
      )
      return SQLTerm(value: moneyQuotient(a.value, b.value), stop: first(operands + [zero, overflow]))
    case .divide(.moneyRatio):
      let zero = stop(when: sql(b.value) { "\($0[0]) = 0" }, .divisionByZero, at: range)
      let value = builder.bind(
        sql(a.value, b.value) {
          "CASE WHEN \($0[1]) <> 0 THEN CAST(\($0[0]) AS \(spelling.double)) / CAST(\($0[1]) AS \(spelling.double)) END"
        })
      return SQLTerm(value: value, stop: first(operands + [zero]))
    case .add, .subtract, .multiply:
      let symbol =
        switch operation {
        case .add: "+"
        case .subtract: "-"
        default: "*"
        }
      let wide = builder.bind(
        sql(a.value, b.value) {
          "(CAST(\($0[0]) AS \(spelling.wide)) \(symbol) CAST(\($0[1]) AS \(spelling.wide)))"
        })
      let term = narrowed(wide, operands: operands, range: range)
      switch operation {
      case .add(.dateDuration), .subtract(.dateDuration): break
      default: return term
      }
      // A date moved by a duration must stay within 0001-01-01…9999-12-31 (P0506), as in the machine.
      let outside = builder.bind(
        sql(term.value) { "(\($0[0]) NOT BETWEEN \(bigint(CivilDate.first)) AND \(bigint(CivilDate.last)))" })
      let value = builder.bind(sql(outside, term.value) { "CASE WHEN NOT \($0[0]) THEN \($0[1]) END" })
      return SQLTerm(value: value, stop: first([term.stop, stop(when: outside, .dateRange, at: range)]))
    case .divide:
      let zero = stop(when: sql(b.value) { "\($0[0]) = 0" }, .divisionByZero, at: range)
      let overflow = stop(
        when: sql(a.value, b.value) { "(\($0[0]) = \(bigint(.min)) AND \($0[1]) = -1)" }, .overflow, at: range
      )
      let value = builder.bind(
        sql(a.value, b.value) {
          "CASE WHEN \($0[1]) = 0 OR (\($0[0]) = \(bigint(.min)) AND \($0[1]) = -1) THEN NULL ELSE "
            + "\(spelling.divide($0[0], $0[1])) END"
        })
      return SQLTerm(value: value, stop: first(operands + [zero, overflow]))
    case .remainder:
      let zero = stop(when: sql(b.value) { "\($0[0]) = 0" }, .divisionByZero, at: range)
      let value = builder.bind(
        sql(a.value, b.value) {
          "CASE WHEN \($0[1]) = 0 THEN NULL WHEN \($0[1]) = -1 THEN \(bigint(0)) ELSE \($0[0]) % \($0[1]) END"
        })
      return SQLTerm(value: value, stop: first(operands + [zero]))
    default:
      unsupported("`\(sourceText(range, limit: 40))`", range)
      return SQLTerm(value: .null, stop: nil)
    }
  }

  /// A wide integer result brought back to 64 bits, with P0501 when it does not fit.
  func narrowed(_ wide: SQLFragment, operands: [SQLFragment?], range: SourceRange) -> SQLTerm {
    let fits = builder.bind(sql(wide) { "(\($0[0]) BETWEEN \(int64Min) AND \(Int64.max))" })
    let value = builder.bind(
      sql(wide, fits) { "CASE WHEN \($0[1]) THEN CAST(\($0[0]) AS \(spelling.bigint)) END" })
    return SQLTerm(
      value: value, stop: first(operands + [stop(when: sql(fits) { "NOT \($0[0])" }, .overflow, at: range)]))
  }

  /// A value as a float: ints are converted.
  func asFloat(_ value: SQLFragment, _ type: PlumType) -> SQLFragment {
    if case .float = type.unwrapped { return value }
    return builder.bind(sql(value) { "CAST(\($0[0]) AS \(spelling.double))" })
  }

  /// A float result and the condition that it is not finite.
  func float(_ value: SQLFragment, overflows: SQLFragment?) -> (value: SQLFragment, notFinite: SQLFragment) {
    if spelling.hasIEEEFloats {
      let result = builder.bind(value)
      return (result, sql(result) { "NOT \(spelling.isFinite($0[0]))" })
    }
    let overflow = builder.bind(overflows ?? .no)
    let result = builder.bind(sql(overflow, value) { "CASE WHEN \($0[0]) THEN NULL ELSE \($0[1]) END" })
    return (result, overflow)
  }

  /// Whether `x ± y` overflows, tested on halves (exact, and never overflowing itself).
  func sumOverflows(_ x: SQLFragment, _ y: SQLFragment, _ symbol: String) -> SQLFragment {
    sql(x, y) { "(abs(\($0[0]) * 0.5 \(symbol) \($0[1]) * 0.5) > \(floatText(FloatLimits.maximum * 0.5)))" }
  }

  /// `x × y` or `x ÷ y` (y is not 0 when it matters), with its non-finite condition; in dialects
  /// that raise on float overflow and underflow, the operation is guarded so it never raises.
  func product(_ x: SQLFragment, _ y: SQLFragment, divide: Bool) -> (
    value: SQLFragment, notFinite: SQLFragment
  ) {
    let symbol = divide ? "/" : "*"
    if spelling.hasIEEEFloats {
      let text =
        divide
        ? sql(x, y) { "CASE WHEN \($0[1]) <> 0 THEN \($0[0]) / \($0[1]) END" }
        : sql(x, y) { "(\($0[0]) * \($0[1]))" }
      let result = builder.bind(text)
      return (result, sql(result) { "NOT \(spelling.isFinite($0[0]))" })
    }
    // The magnitude's logarithm decides all but the narrow bands at the limits, where the
    // operation is redone on scaled operands, which is exact.
    let magnitude = builder.bind(
      sql(x, y) {
        "CASE WHEN \($0[0]) = 0 OR \($0[1]) = 0 THEN 0 ELSE ln(abs(\($0[0]))) \(divide ? "-" : "+") ln(abs(\($0[1]))) END"
      })
    let overflow = builder.bind(
      sql(magnitude, x, y) {
        "(\($0[0]) > 710 OR (\($0[0]) > 709 AND abs((\($0[1]) * 0.5) \(symbol) \($0[2])) > "
          + "\(floatText(FloatLimits.maximum * 0.5))))"
      })
    let underflow = builder.bind(
      sql(magnitude, x, y) {
        "(\($0[0]) < -746 OR (\($0[0]) < -743 AND abs((\($0[1]) * \(floatText(0x1p100))) \(symbol) \($0[2])) <= "
          + "\(floatText(0x1p-975))))"
      })
    let value = builder.bind(
      sql(x, y, overflow, underflow) {
        "CASE WHEN \($0[1]) = 0 AND \(divide ? "TRUE" : "FALSE") THEN NULL WHEN \($0[2]) THEN NULL "
          + "WHEN \($0[3]) THEN CAST(0 AS \(spelling.double)) ELSE \($0[0]) \(symbol) \($0[1]) END"
      })
    return (value, overflow)
  }

  /// A float literal's text.
  func floatText(_ value: Double) -> String { floatLiteral(value).text }

  /// How a float is rounded to an int.
  enum IntRounding { case halfEven, halfAway, floor, ceiling, truncate }

  /// A finite float rounded and converted to an int; NULL when not finite or outside 64 bits.
  func roundedToInt64(_ x: SQLFragment, mode: IntRounding) -> SQLFragment {
    let low = floatText(-9_223_372_036_854_775_808.0)
    let high = floatText(9_223_372_036_854_775_808.0)
    // Only values in range are rounded: Spark's floor and ceil make a 64-bit integer and raise
    // outside it.
    let inRange = builder.bind(
      sql(x) {
        "CASE WHEN \(spelling.isFiniteOrNull($0[0])) AND \($0[0]) >= \(low) AND \($0[0]) < \(high) THEN \($0[0]) END"
      })
    let whole = builder.bind(sql(inRange) { "floor(\($0[0]))" })
    let rounded: SQLFragment
    switch mode {
    case .floor: rounded = whole
    case .ceiling: rounded = builder.bind(sql(inRange) { "ceil(\($0[0]))" })
    case .truncate:
      rounded = builder.bind(
        sql(inRange, whole) { "CASE WHEN \($0[0]) < 0 THEN ceil(\($0[0])) ELSE \($0[1]) END" })
    case .halfEven, .halfAway:
      // x − floor(x) is exact for every double, so halves are recognised exactly.
      let tie =
        mode == .halfEven
        ? "CASE WHEN floor(\("$W") * 0.5) * 2 = \("$W") THEN \("$W") ELSE \("$W") + 1 END"
        : "CASE WHEN \("$X") > 0 THEN \("$W") + 1 ELSE \("$W") END"
      rounded = builder.bind(
        sql(inRange, whole) {
          "CASE WHEN \($0[0]) - \($0[1]) > 0.5 THEN \($0[1]) + 1 WHEN \($0[0]) - \($0[1]) < 0.5 THEN \($0[1]) ELSE "
            + tie.replacingAll("$W", with: $0[1]).replacingAll("$X", with: $0[0]) + " END"
        })
    }
    return builder.bind(
      sql(inRange, rounded) {
        "CASE WHEN \($0[0]) IS NOT NULL THEN CAST(\($0[1]) AS \(spelling.bigint)) END"
      })
  }

  /// `amount ÷ divisor` of two ints, rounded half to even (the divisor is not 0).
  func moneyQuotient(_ a: SQLFragment, _ b: SQLFragment) -> SQLFragment {
    let valid = "\("$B") <> 0 AND NOT (\("$A") = \(bigint(.min)) AND \("$B") = -1)"
    let quotient = builder.bind(
      sql(a, b) {
        "CASE WHEN \(valid.replacingAll("$A", with: $0[0]).replacingAll("$B", with: $0[1])) THEN "
          + "\(spelling.divide($0[0], $0[1])) END"
      })
    let remainder = builder.bind(
      sql(a, b, quotient) {
        "(CAST(\($0[0]) AS \(spelling.wide)) - CAST(\($0[2]) AS \(spelling.wide)) * CAST(\($0[1]) AS \(spelling.wide)))"
      })
    return builder.bind(
      sql(a, b, quotient, remainder) {
        "CASE WHEN \($0[3]) = 0 THEN \($0[2]) WHEN 2 * abs(\($0[3])) > abs(CAST(\($0[1]) AS \(spelling.wide))) OR "
          + "(2 * abs(\($0[3])) = abs(CAST(\($0[1]) AS \(spelling.wide))) AND \($0[2]) % 2 <> 0) THEN "
          + "CASE WHEN (\($0[0]) < 0) <> (\($0[1]) < 0) THEN \($0[2]) - 1 ELSE \($0[2]) + 1 END ELSE \($0[2]) END"
      })
  }
}

extension SQLSpelling {
  /// Whether a float is finite; in dialects without infinities every float is.
  func isFiniteOrNull(_ x: String) -> String { hasIEEEFloats ? isFinite(x) : "TRUE" }
}
