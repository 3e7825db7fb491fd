import PlumChecker
import PlumDiagnostics
import PlumRuntime

extension SQLCompiler {
  /// A standard-library call: every argument is evaluated, in order; a missing optional argument
  /// makes the result missing and the function itself is not applied.
  func call(_ builtin: Builtin, _ arguments: [TypedExpression], _ expression: TypedExpression) -> SQLTerm {
    let range = expression.range
    if builtin == .present {
      guard let argument = arguments.first else { return SQLTerm(value: .yes, stop: nil) }
      let term = compile(argument)
      return SQLTerm(value: builder.bind(sql(term.value) { "(\($0[0]) IS NOT NULL)" }), stop: term.stop)
    }
    if builtin == .distance {
      guard let argument = arguments.first, case .modelRef(let index) = argument.kind else {
        return SQLTerm(value: .null, stop: nil)
      }
      let term = compile(argument)
      return SQLTerm(value: segmentDistances[index] ?? .null, stop: term.stop)
    }
    if builtin == .count || builtin == .len, let argument = arguments.first,
      case .list = argument.type.unwrapped
    {
      // The list's elements are evaluated in order; the count is known or a sum of tests.
      let elements = listTerms(argument)
      let stop = first(elements.map(\.stop))
      if builtin == .len || elements.isEmpty {
        return SQLTerm(value: .literal(bigint(builtin == .len ? Int64(elements.count) : 0)), stop: stop)
      }
      let sum = sql(elements.map(\.value)) { parts in
        "(" + parts.map { "CASE WHEN \($0) THEN \(bigint(1)) ELSE \(bigint(0)) END" }.joined(separator: " + ")
          + ")"
      }
      return SQLTerm(value: builder.bind(sum), stop: stop)
    }
    let terms = arguments.map(compile)
    let values = terms.map(\.value)
    let stops = terms.map(\.stop)
    func arg(_ index: Int) -> SQLFragment { values.indices.contains(index) ? values[index] : .null }
    func floatArg(_ index: Int) -> SQLFragment {
      asFloat(arg(index), arguments.indices.contains(index) ? arguments[index].type : .float)
    }
    let resultIsFloat = expression.type.unwrapped == .float
    func result(_ value: SQLFragment, _ own: [SQLFragment?] = []) -> SQLTerm {
      SQLTerm(value: builder.bind(value), stop: first(stops + own))
    }
    func floatFunction(_ value: SQLFragment, domain: SQLFragment?) -> SQLTerm {
      let guarded =
        domain.map { d in sql(d, value) { "CASE WHEN \($0[0]) THEN NULL ELSE \($0[1]) END" } } ?? value
      let computed = builder.bind(guarded)
      let domainStop = domain.map { stop(when: $0, .domain, at: range) }
      let finite =
        spelling.hasIEEEFloats
        ? stop(when: sql(computed) { "NOT \(spelling.isFinite($0[0]))" }, .notFinite, at: range) : nil
      return SQLTerm(
        value: computed,
        stop: first(
          stops + [
            domainStop, domain == nil ? finite : only(finite, when: sql(domain ?? .no) { "NOT \($0[0])" }),
          ]))
    }
    func conversion(_ mode: IntRounding) -> SQLTerm {
      let x = floatArg(0)
      let value = roundedToInt64(x, mode: mode)
      return SQLTerm(
        value: value,
        stop: first(
          stops + [
            stop(when: sql(x, value) { "\($0[0]) IS NOT NULL AND \($0[1]) IS NULL" }, .conversion, at: range)
          ]))
    }
    switch builtin {
    case .abs:
      if resultIsFloat { return result(sql(arg(0)) { "abs(\($0[0]))" }) }
      let overflow = stop(when: sql(arg(0)) { "\($0[0]) = \(bigint(.min))" }, .overflow, at: range)
      return result(
        sql(arg(0)) { "CASE WHEN \($0[0]) <> \(bigint(.min)) THEN abs(\($0[0])) END" }, [overflow])
    case .min, .max:
      let name = builtin == .min ? "LEAST" : "GREATEST"
      if resultIsFloat { return result(sql(floatArg(0), floatArg(1)) { "\(name)(\($0[0]), \($0[1]))" }) }
      return result(sql(arg(0), arg(1)) { "\(name)(\($0[0]), \($0[1]))" })
    case .clamp:
      let parts = resultIsFloat ? [floatArg(0), floatArg(1), floatArg(2)] : [arg(0), arg(1), arg(2)]
      return result(sql(parts) { "LEAST(GREATEST(\($0[0]), \($0[1])), \($0[2]))" })
    case .round:
      if arguments.count == 2 { return roundToDecimals(floatArg(0), arg(1), stops: stops, range: range) }
      return conversion(.halfAway)
    case .floor: return conversion(.floor)
    case .ceil: return conversion(.ceiling)
    case .int: return conversion(.truncate)
    case .float: return result(floatArg(0))
    case .sqrt:
      let x = floatArg(0)
      return floatFunction(sql(x) { "sqrt(\($0[0]))" }, domain: builder.bind(sql(x) { "(\($0[0]) < 0)" }))
    case .ln, .log10:
      let x = floatArg(0)
      let name = builtin == .ln ? "ln" : "log10"
      return floatFunction(sql(x) { "\(name)(\($0[0]))" }, domain: builder.bind(sql(x) { "(\($0[0]) <= 0)" }))
    case .exp:
      let x = floatArg(0)
      let value = builder.bind(guardedExp(x))
      let tooLarge = sql(x) { "\($0[0]) > \(floatText(FloatLimits.expOverflow))" }
      return SQLTerm(value: value, stop: first(stops + [stop(when: tooLarge, .notFinite, at: range)]))
    case .sigmoid:
      let x = floatArg(0)
      let negated = builder.bind(sql(x) { "(-\($0[0]))" })
      let e = builder.bind(guardedExp(negated))
      let value = sql(negated, e) {
        "CASE WHEN \($0[0]) > \(floatText(FloatLimits.expOverflow)) THEN CAST(0 AS \(spelling.double)) "
          + "ELSE 1.0 / (1.0 + \($0[1])) END"
      }
      return result(value)
    case .pow: return power(floatArg(0), floatArg(1), stops: stops, range: range)
    case .amount:
      let digits = Money.minorDigits(of: currencyOf(arguments.first?.type))
      let divisor = floatText(Double(Money.powerOfTen(digits)))
      return result(sql(arg(0)) { "CAST(\($0[0]) AS \(spelling.double)) / \(divisor)" })
    case .len:
      return textFunction([arg(0)], stops: stops, range: range) {
        "CAST(length(\($0[0])) AS \(spelling.bigint))"
      }
    case .count: return result(.literal(bigint(0)))
    case .lower: return textFunction([arg(0)], stops: stops, range: range) { "lower(\($0[0]))" }
    case .upper: return textFunction([arg(0)], stops: stops, range: range) { "upper(\($0[0]))" }
    case .trim: return textFunction([arg(0)], stops: stops, range: range) { spelling.trimWhiteSpace($0[0]) }
    case .startsWith:
      return textFunction([arg(0), arg(1)], stops: stops, range: range) { spelling.startsWith($0[0], $0[1]) }
    case .endsWith:
      return textFunction([arg(0), arg(1)], stops: stops, range: range) { spelling.endsWith($0[0], $0[1]) }
    case .contains:
      return textFunction([arg(0), arg(1)], stops: stops, range: range) {
        "(length(\($0[1])) = 0 OR \(spelling.contains($0[0], $0[1])))"
      }
    case .daysSince: return difference(.literal(bigint(options.asOf)), arg(0), stops: stops, range: range)
    case .daysUntil: return difference(arg(0), .literal(bigint(options.asOf)), stops: stops, range: range)
    case .daysBetween: return difference(arg(1), arg(0), stops: stops, range: range)
    case .year, .month, .day: return result(datePart(builtin, arg(0)))
    case .weekday:
      return result(sql(arg(0)) { "(((\($0[0]) + 3) % 7 + 7) % 7 + 1)" })
    case .today: return result(.literal(bigint(options.asOf)))
    case .points:
      return result(sql(arg(0)) { "'points\",\"amount\":' || CAST(\($0[0]) AS \(spelling.text))" })
    case .voucher:
      return result(
        sql(moneyText(arg(0), digits: currencyDigits)) {
          "'voucher\",\"amount\":\"' || \($0[0]) || \(spelling.string("\",\"currency\":" + jsonQuoted(policy.currency ?? "")))"
        })
    case .cashback:
      return result(sql(shortestText(floatArg(0))) { "'cashback\",\"rate\":' || \($0[0])" })
    case .badge:
      return result(sql(jsonText(arg(0))) { "'badge\",\"badge\":' || \($0[0])" })
    case .present, .distance, .disparateImpact:
      unsupported("`\(sourceText(range, limit: 40))`", range)
      return SQLTerm(value: .null, stop: nil)
    }
  }

  /// The currency of a money type (the policy's when the type is not money).
  func currencyOf(_ type: PlumType?) -> String {
    if case .money(let currency) = type?.unwrapped { return currency }
    return policy.currency ?? ""
  }

  /// `a − b` of two 64-bit ints (days), with P0501 when it does not fit.
  func difference(_ a: SQLFragment, _ b: SQLFragment, stops: [SQLFragment?], range: SourceRange) -> SQLTerm {
    let wide = builder.bind(
      sql(a, b) { "(CAST(\($0[0]) AS \(spelling.wide)) - CAST(\($0[1]) AS \(spelling.wide)))" })
    return narrowed(wide, operands: stops, range: range)
  }

  /// `exp(x)` that never raises: 0 below the underflow limit, NULL above the overflow limit.
  func guardedExp(_ x: SQLFragment) -> SQLFragment {
    if spelling.hasIEEEFloats { return sql(x) { "exp(\($0[0]))" } }
    return sql(x) {
      "CASE WHEN \($0[0]) > \(floatText(FloatLimits.expOverflow)) THEN NULL WHEN \($0[0]) < "
        + "\(floatText(FloatLimits.expUnderflow)) THEN CAST(0 AS \(spelling.double)) ELSE exp(\($0[0])) END"
    }
  }

  /// `pow(x, y)` with the machine's errors: NaN is P0504, an infinity P0503.
  func power(_ x: SQLFragment, _ y: SQLFragment, stops: [SQLFragment?], range: SourceRange) -> SQLTerm {
    if spelling.hasIEEEFloats {
      let value = builder.bind(sql(x, y) { "power(\($0[0]), \($0[1]))" })
      let domain = stop(when: sql(value) { "isnan(\($0[0]))" }, .domain, at: range)
      let infinite = stop(when: sql(value) { "NOT \(spelling.isFinite($0[0]))" }, .notFinite, at: range)
      return SQLTerm(value: value, stop: first(stops + [domain, infinite]))
    }
    let domain = builder.bind(sql(x, y) { "(\($0[0]) < 0 AND \($0[1]) <> floor(\($0[1])))" })
    let magnitude = builder.bind(
      sql(x, y) { "CASE WHEN \($0[0]) = 0 OR \($0[1]) = 0 THEN 0 ELSE \($0[1]) * ln(abs(\($0[0]))) END" })
    let infinite = builder.bind(
      sql(x, y, magnitude) {
        "((\($0[0]) = 0 AND \($0[1]) < 0) OR \($0[2]) > \(floatText(FloatLimits.expOverflow)))"
      })
    let value = builder.bind(
      sql(x, y, domain, infinite, magnitude) {
        "CASE WHEN \($0[2]) OR \($0[3]) THEN NULL WHEN \($0[4]) < \(floatText(FloatLimits.expUnderflow)) THEN "
          + "CAST(0 AS \(spelling.double)) ELSE power(\($0[0]), \($0[1])) END"
      })
    return SQLTerm(
      value: value,
      stop: first(
        stops + [stop(when: domain, .domain, at: range), stop(when: infinite, .notFinite, at: range)]))
  }

  /// `round(x, n)`: `round(x·10ⁿ)/10ⁿ`, halves away from zero, as `Numerics.round` computes it.
  func roundToDecimals(_ x: SQLFragment, _ n: SQLFragment, stops: [SQLFragment?], range: SourceRange)
    -> SQLTerm
  {
    let scale = builder.bind(
      sql(n) {
        "power(CAST(10 AS \(spelling.double)), CAST(LEAST(GREATEST(\($0[0]), -308), 17) AS \(spelling.double)))"
      })
    let product = self.product(x, scale, divide: false)
    let whole = builder.bind(sql(product.value) { "floor(\($0[0]))" })
    let away = builder.bind(
      sql(product.value, whole) {
        "CASE WHEN \($0[0]) - \($0[1]) > 0.5 OR (\($0[0]) - \($0[1]) = 0.5 AND \($0[0]) > 0) THEN \($0[1]) + 1 ELSE \($0[1]) END"
      })
    let value = builder.bind(
      sql(x, n, product.notFinite, away, scale) {
        "CASE WHEN \($0[1]) > 17 THEN \($0[0]) WHEN \($0[1]) < -308 THEN CAST(0 AS \(spelling.double)) "
          + "WHEN \($0[2]) THEN \($0[0]) ELSE CAST(\($0[3]) AS \(spelling.double)) / \($0[4]) END"
      })
    return SQLTerm(value: value, stop: first(stops))
  }

  /// A string function applied where the engines and the machine agree: ASCII text without
  /// carriage returns (where Swift's characters are bytes); other text is the record error P0806.
  func textFunction(
    _ texts: [SQLFragment], stops: [SQLFragment?], range: SourceRange, _ build: ([String]) -> String
  ) -> SQLTerm {
    let plain = builder.bind(
      sql(texts) { parts in
        parts.map { "(\(spelling.isASCII($0)) AND \(spelling.contains($0, "chr(13)")) = FALSE)" }.joined(
          separator: " AND ")
      })
    let value = builder.bind(
      sql([plain] + texts) { parts in "CASE WHEN \(parts[0]) THEN \(build(Array(parts.dropFirst()))) END" })
    let location = source.location(of: range.start)
    let site = "`\(sourceText(range))` at \(location.line):\(location.column)"
    let refusal = stop(
      when: sql(plain) { "NOT \($0[0])" },
      SQLRecordError.nonASCIIText + "|" + SQLRecordError.nonASCIIMessage(site))
    return SQLTerm(value: value, stop: first(stops + [refusal]))
  }

  /// The year, month or day of a date given as days since 1970-01-01 (Hinnant's civil_from_days).
  func datePart(_ builtin: Builtin, _ days: SQLFragment) -> SQLFragment {
    func div(_ a: String, _ b: String) -> String { spelling.divide(a, b) }
    let z = builder.bind(sql(days) { "(\($0[0]) + 719468)" })
    let era = builder.bind(
      sql(z) { div("(CASE WHEN \($0[0]) >= 0 THEN \($0[0]) ELSE \($0[0]) - 146096 END)", "146097") })
    let dayOfEra = builder.bind(sql(z, era) { "(\($0[0]) - \($0[1]) * 146097)" })
    let yearOfEra = builder.bind(
      sql(dayOfEra) {
        div("(\($0[0]) - \(div($0[0], "1460")) + \(div($0[0], "36524")) - \(div($0[0], "146096")))", "365")
      })
    let dayOfYear = builder.bind(
      sql(dayOfEra, yearOfEra) { "(\($0[0]) - (365 * \($0[1]) + \(div($0[1], "4")) - \(div($0[1], "100"))))" }
    )
    let shifted = builder.bind(sql(dayOfYear) { div("(5 * \($0[0]) + 2)", "153") })
    let month = builder.bind(
      sql(shifted) { "CASE WHEN \($0[0]) < 10 THEN \($0[0]) + 3 ELSE \($0[0]) - 9 END" })
    switch builtin {
    case .day: return sql(dayOfYear, shifted) { "(\($0[0]) - \(div("(153 * \($0[1]) + 2)", "5")) + 1)" }
    case .month: return month
    default:
      return sql(yearOfEra, era, month) {
        "(\($0[0]) + \($0[1]) * 400 + CASE WHEN \($0[2]) <= 2 THEN 1 ELSE 0 END)"
      }
    }
  }
}
