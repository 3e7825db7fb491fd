import PlumChecker
import PlumData
import PlumDiagnostics
import PlumRuntime

extension SQLCompiler {
  /// A `because` text: literal parts and values shown as the machine shows them; values that carry
  /// personal data are `[redacted]`.
  func interpolation(_ segments: [TypedSegment]) -> SQLTerm {
    var parts: [SQLFragment] = []
    var stops: [SQLFragment?] = []
    for segment in segments {
      switch segment {
      case .text(let text): parts.append(.literal(spelling.string(text)))
      case .value(let expression, let format):
        if personalData.carriesPersonalData(expression) {
          parts.append(.literal(spelling.string("[redacted]")))
          continue
        }
        let term = compile(expression)
        stops.append(term.stop)
        parts.append(display(term.value, expression.type, format, range: expression.range))
        stops += segmentStops.map { only($0, when: isClear(term.stop)) }
        segmentStops = []
        printStops += pendingStops.map { only($0, when: isClear(term.stop)) }
        pendingStops = []
      }
    }
    let text =
      parts.isEmpty ? SQLFragment.literal("''") : sql(parts) { "(" + $0.joined(separator: " || ") + ")" }
    return SQLTerm(value: builder.bind(text), stop: first(stops))
  }

  /// A value as interpolation shows it.
  func display(_ value: SQLFragment, _ type: PlumType, _ format: FormatSpecifier?, range: SourceRange)
    -> SQLFragment
  {
    switch type.unwrapped {
    case .bool: return sql(value) { "CASE WHEN \($0[0]) THEN 'true' ELSE 'false' END" }
    case .int:
      guard let format else { return sql(value) { "CAST(\($0[0]) AS \(spelling.text))" } }
      return formatted(
        builder.bind(sql(value) { "CAST(\($0[0]) AS \(spelling.double))" }), format, range: range)
    case .float:
      guard let format else { return shortestText(value, range: range) }
      return formatted(value, format, range: range, checked: true)
    case .string: return value
    case .date: return dateText(value)
    case .duration:
      return sql(value) {
        "CAST(\($0[0]) AS \(spelling.text)) || CASE WHEN \($0[0]) = 1 OR \($0[0]) = -1 THEN ' day' ELSE ' days' END"
      }
    case .money(let currency):
      let digits = Money.minorDigits(of: currency)
      let code = spelling.string(" " + currency)
      switch format {
      case .none: return sql(moneyText(value, digits: digits)) { "\($0[0]) || \(code)" }
      case .decimals:
        let major = builder.bind(
          sql(value) {
            "(CAST(\($0[0]) AS \(spelling.double)) / \(floatText(Double(Money.powerOfTen(digits)))))"
          })
        return sql(formatted(major, format, range: range)) { "\($0[0]) || \(code)" }
      case .percent:
        let major = builder.bind(
          sql(value) {
            "(CAST(\($0[0]) AS \(spelling.double)) / \(floatText(Double(Money.powerOfTen(digits)))))"
          })
        return formatted(major, format, range: range)
      }
    case .enumeration(let enumeration):
      let cases = enumeration.cases.enumerated().map {
        "WHEN \($0.offset) THEN \(spelling.string($0.element))"
      }
      return sql(value) { "CASE \($0[0]) \(cases.joined(separator: " ")) END" }
    default:
      unsupported("showing a value of type `\(type)`", range)
      return .literal("''")
    }
  }

  /// A float with a format: exactly N decimals, or a percentage.
  func formatted(
    _ value: SQLFragment, _ format: FormatSpecifier?, range: SourceRange, checked: Bool = false
  ) -> SQLFragment {
    guard spelling.formatsFloatsExactly else {
      report(
        SQLDiagnostics.floatText,
        "\(options.dialect.displayName) cannot print `\(sourceText(range, limit: 40))` with fixed decimals as "
          + "the machine does (it rounds the shortest decimal, not the exact binary value)", at: range)
      return .literal("''")
    }
    switch format {
    case .percent(let decimals):
      // The machine multiplies in floats: for a float that overflows (`{1e308:%}`) that is the
      // record's error at the value; an int or money value cannot overflow.
      let scaled = product(value, .literal(floatText(100)), divide: false)
      if checked { segmentStops.append(stop(when: scaled.notFinite, .notFinite, at: range)) }
      return sql(scaled.notFinite, value, fixedText(scaled.value, decimals: decimals)) {
        "CASE WHEN \($0[0]) THEN CASE WHEN \($0[1]) < 0 THEN '-inf' ELSE 'inf' END ELSE \($0[2]) END || '%'"
      }
    case .decimals(let decimals): return fixedText(value, decimals: decimals)
    case .none: return shortestText(value, range: range)
    }
  }

  /// `NumberFormat.fixed`: exactly N decimals of the exact binary value, half to even, no `-0`.
  func fixedText(_ value: SQLFragment, decimals: Int) -> SQLFragment {
    let decimals = max(0, min(decimals, 17))
    let text = builder.bind(sql(value) { spelling.fixed($0[0], decimals: decimals) })
    pendingStops.append(
      stop(
        when: sql(value, text) { "\(spelling.isFiniteOrNull($0[0])) AND \($0[1]) IS NULL" },
        SQLRecordError.tooLargeToPrint + "|" + SQLRecordError.tooLargeMessage(options.dialect.displayName)))
    let negativeZero = "-" + (decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals))
    return builder.bind(
      sql(text) {
        "CASE WHEN \($0[0]) = \(spelling.string(negativeZero)) THEN substr(\($0[0]), 2) ELSE \($0[0]) END"
      })
  }

  /// `NumberFormat.shortest` (Swift's `description`): the shortest round-trip digits, fixed for
  /// 1e-4 ≤ |x| ≤ 2^53 (with `.0` when whole), otherwise `d.ddde±XX`; `0.0` for zero.
  func shortestText(_ value: SQLFragment, range: SourceRange? = nil) -> SQLFragment {
    if !spelling.formatsFloatsExactly {
      let at = range ?? policy.input.name.range
      report(
        SQLDiagnostics.floatText,
        "\(options.dialect.displayName) cannot print `\(sourceText(at, limit: 40))` as the machine does "
          + "(the shortest round-trip digits of a float)", at: at)
      return .literal("''")
    }
    // Take the engine's shortest digits apart: sign, digits without the point, decimal exponent.
    let engine = builder.bind(sql(value) { spelling.roundTripText("abs(\($0[0]))") })
    let mantissa = builder.bind(sql(engine) { spelling.capture($0[0], "^([0-9.]+)") })
    let exponent = builder.bind(
      sql(engine) {
        "COALESCE(CAST(\(spelling.capture($0[0], "[eE]([-+]?[0-9]+)$")) AS \(spelling.bigint)), 0)"
      })
    let whole = builder.bind(sql(mantissa) { "COALESCE(\(spelling.capture($0[0], "^([0-9]*)")), '')" })
    let fraction = builder.bind(sql(mantissa) { "COALESCE(\(spelling.capture($0[0], "\\.([0-9]*)$")), '')" })
    let allDigits = builder.bind(sql(whole, fraction) { "(\($0[0]) || \($0[1]))" })
    let leading = builder.bind(
      sql(allDigits) { "(length(\($0[0])) - length(\(spelling.capture($0[0], "^0*([1-9][0-9]*)$"))))" })
    let digits = builder.bind(
      sql(allDigits) { "rtrim(\(spelling.capture($0[0], "^0*([1-9][0-9]*)$")), '0')" })
    // The value is 0.DIGITS × 10^point.
    let point = builder.bind(sql(whole, exponent, leading) { "(length(\($0[0])) + \($0[1]) - \($0[2]))" })
    let count = builder.bind(sql(digits) { "length(\($0[0]))" })
    let fixedForm = builder.bind(
      sql(digits, point, count) {
        let (d, p, n) = ($0[0], $0[1], $0[2])
        return "CASE WHEN \(p) <= 0 THEN '0.' || repeat('0', CAST(-\(p) AS INTEGER)) || \(d) "
          + "WHEN \(n) <= \(p) THEN \(d) || repeat('0', CAST(\(p) - \(n) AS INTEGER)) || '.0' "
          + "ELSE substr(\(d), 1, CAST(\(p) AS INTEGER)) || '.' || substr(\(d), CAST(\(p) + 1 AS INTEGER)) END"
      })
    let scientific = builder.bind(
      sql(digits, point, count) {
        let (d, p, n) = ($0[0], $0[1], $0[2])
        let e = "(\(p) - 1)"
        return "substr(\(d), 1, 1) || CASE WHEN \(n) > 1 THEN '.' || substr(\(d), 2) ELSE '' END || 'e' || "
          + "CASE WHEN \(e) < 0 THEN '-' ELSE '+' END || lpad(CAST(abs(\(e)) AS \(spelling.text)), CAST(GREATEST(length(CAST(abs(\(e)) AS \(spelling.text))), 2) AS INTEGER), '0')"
      })
    return builder.bind(
      sql(value, fixedForm, scientific) {
        "CASE WHEN \($0[0]) = 0 THEN '0.0' ELSE CASE WHEN \($0[0]) < 0 THEN '-' ELSE '' END || "
          + "CASE WHEN abs(\($0[0])) >= \(floatText(1e-4)) AND abs(\($0[0])) <= \(floatText(9_007_199_254_740_992)) "
          + "THEN \($0[1]) ELSE \($0[2]) END END"
      })
  }

  /// `Money.format`: minor units as a decimal with exactly the currency's digits (`-10.05`).
  func moneyText(_ value: SQLFragment, digits: Int) -> SQLFragment {
    let magnitude = builder.bind(sql(value) { "abs(CAST(\($0[0]) AS \(spelling.wide)))" })
    let sign = sql(value) { "CASE WHEN \($0[0]) < 0 THEN '-' ELSE '' END" }
    guard digits > 0 else {
      return builder.bind(sql(sign, magnitude) { "\($0[0]) || CAST(\($0[1]) AS \(spelling.text))" })
    }
    let unit = Money.powerOfTen(digits)
    return builder.bind(
      sql(sign, magnitude) {
        "\($0[0]) || CAST(CAST(\(spelling.divideWide("\($0[1])", "\(unit)")) AS \(spelling.bigint)) AS \(spelling.text)) || '.' || "
          + "lpad(CAST(CAST(\($0[1]) % \(unit) AS \(spelling.bigint)) AS \(spelling.text)), \(digits), '0')"
      })
  }

  /// `CivilDate.format`: `YYYY-MM-DD`.
  func dateText(_ days: SQLFragment) -> SQLFragment {
    let year = builder.bind(datePart(.year, days))
    let month = builder.bind(datePart(.month, days))
    let day = builder.bind(datePart(.day, days))
    return sql(year, month, day) {
      "CASE WHEN \($0[0]) < 0 THEN '-' ELSE '' END || lpad(CAST(abs(\($0[0])) AS \(spelling.text)), CAST(GREATEST(length(CAST(abs(\($0[0])) AS \(spelling.text))), 4) AS INTEGER), '0') || '-' || "
        + "lpad(CAST(\($0[1]) AS \(spelling.text)), 2, '0') || '-' || lpad(CAST(\($0[2]) AS \(spelling.text)), 2, '0')"
    }
  }

  /// A text as a JSON string, escaped as `plum run` escapes it.
  func jsonText(_ text: SQLFragment) -> SQLFragment {
    var escaped = "replace(replace(\("$T"), '\\', '\\\\'), '\"', '\\\"')"
    if options.dialect == .spark {
      escaped = "replace(replace(\("$T"), '\\\\', '\\\\\\\\'), '\"', '\\\\\"')"
    }
    let controls: [(Int, String)] = (1..<32).map { code in
      switch code {
      case 8: return (code, "\\b")
      case 9: return (code, "\\t")
      case 10: return (code, "\\n")
      case 12: return (code, "\\f")
      case 13: return (code, "\\r")
      default:
        let hex = String(code, radix: 16)
        return (code, "\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
      }
    }
    for (code, replacement) in controls {
      escaped = "replace(\(escaped), chr(\(code)), \(spelling.string(replacement)))"
    }
    return builder.bind(sql(text) { "('\"' || " + escaped.replacingAll("$T", with: $0[0]) + " || '\"')" })
  }
}
