import Foundation
import Testing

@testable import PlumRuntime

/// Evaluates `let x = EXPR` through the whole pipeline (parse, check, lower, run) on one record
/// and returns the value as `because` shows it, or the error code of the record.
private func evaluate(
  _ expression: String, format: String = "", _ overrides: [String: String] = [:],
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> String {
  let policy = """
    policy semantics
    currency EUR
    input r {
      id: string key
      i: int
      j: int
      f: float
      g: float
      m: money
      n: money
      d: date
      e: date?
      s: string
      t: string
      o: int?
      b: bool
      tier: enum { bronze, silver, gold }
    }
    let x = \(expression)
    reward show {
      when r.id != ""
      give points(1)
      because "{x\(format)}"
    }
    """
  var fields: [(String, String)] = [
    ("id", "\"r1\""), ("i", "7"), ("j", "2"), ("f", "2.5"), ("g", "0.5"), ("m", "10.05"), ("n", "3.00"),
    ("d", "\"2024-02-29\""), ("e", "null"), ("s", "\" Hello \""), ("t", "\"ell\""), ("o", "null"),
    ("b", "true"),
    ("tier", "\"gold\""),
  ]
  for (key, value) in overrides {
    if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value }
  }
  let record = "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
  guard let program = PolicyHarness.compile(policy, sourceLocation: sourceLocation) else {
    return "<no program>"
  }
  let output = PolicyHarness.run(program, records: record)
  guard let line = DecisionLine.parse(output).first else { return "<no output: \(output)>" }
  if let error = line.error { return error.code }
  return line.rewards?.first?.because ?? "<no reward>"
}

@Suite struct IntegerSemantics {
  @Test(arguments: [
    ("r.i + r.j", "9"), ("r.i - r.j", "5"), ("r.i * r.j", "14"), ("r.i / r.j", "3"), ("r.i % r.j", "1"),
    ("-r.i", "-7"), ("(0 - r.i) / r.j", "-3"), ("(0 - r.i) % r.j", "-1"), ("abs(0 - r.i)", "7"),
    ("min(r.i, r.j)", "2"), ("max(r.i, r.j)", "7"), ("clamp(r.i, 0, 5)", "5"), ("clamp(r.j, 3, 5)", "3"),
  ])
  func arithmetic(expression: String, expected: String) {
    #expect(evaluate(expression) == expected)
  }

  @Test(arguments: [
    ("r.i + 1", "9223372036854775807"), ("r.i * 2", "9223372036854775807"),
    ("r.i - 1 - r.i - r.i - 3", "9223372036854775807"),
    ("-r.i - 2", "9223372036854775807"), ("abs(r.i)", "-9223372036854775808"),
    ("-r.i", "-9223372036854775808"),
    ("r.i / (0 - 1)", "-9223372036854775808"),
  ])
  func overflowIsARecordError(expression: String, value: String) {
    #expect(evaluate(expression, ["i": value]) == "P0501")
  }

  @Test func minimumRemainderMinusOneIsZero() {
    #expect(evaluate("r.i % (0 - 1)", ["i": "-9223372036854775808"]) == "0")
  }

  @Test(arguments: ["r.i / r.j", "r.i % r.j"])
  func divisionByZeroIsARecordError(expression: String) {
    #expect(evaluate(expression, ["j": "0"]) == "P0502")
  }

  @Test func constantOverflowIsLeftToRunTime() {
    // Folding declines what would fail, so every record reports it rather than the compiler hiding it.
    #expect(evaluate("9223372036854775807 + r.j - r.j + 1") == "P0501")
    #expect(evaluate("9223372036854775806 + 1") == "9223372036854775807")
  }

  /// A constant chain as long as the parser allows folds to its value in one machine run; the
  /// program then holds only that value, not the chain's additions.
  @Test func aLongConstantChainFoldsToItsValue() throws {
    let terms = 1...1_990
    let chain = terms.map(String.init).joined(separator: " + ")
    #expect(evaluate(chain) == String(terms.reduce(0, +)))
    #expect(evaluate("abs(-(" + chain + ")) * 2 - 1") == String(terms.reduce(0, +) * 2 - 1))
    let program = try #require(PolicyHarness.compile(Self.chainPolicy(chain)))
    #expect(!program.code.contains { $0.opcode == .addInt }, "the chain was not folded")
    // An overflow inside or at the top of a chain is still left to each record (a chain that is
    // not folded is lowered recursively, so these are shorter).
    let short = (1...200).map(String.init).joined(separator: " + ")
    #expect(evaluate("9223372036854775000 + " + short) == "P0501")
    #expect(evaluate(short + " + 9223372036854775000") == "P0501")
    #expect(evaluate("(" + short + ") * 0 + (9223372036854775807 + 1 - 1) + (" + short + ")") == "P0501")
  }

  static func chainPolicy(_ chain: String) -> String {
    """
    policy chain
    currency EUR
    input r {
      id: string key
    }
    let x = \(chain)
    reward show {
      when r.id != ""
      give points(x)
    }
    """
  }
}

@Suite struct FloatSemantics {
  @Test(arguments: [
    ("r.f * r.g", "1.25"), ("r.f / r.g", "5.0"), ("r.f - r.f", "0.0"), ("r.f + r.i", "9.5"), ("-r.f", "-2.5"),
    ("float(r.i)", "7.0"), ("int(r.f)", "2"), ("int(0.0 - r.f)", "-2"), ("round(r.f)", "3"),
    ("round(0.0 - r.f)", "-3"),
    ("floor(r.f)", "2"), ("ceil(r.f)", "3"), ("floor(0.0 - r.f)", "-3"), ("round(r.f * 1.07, 1)", "2.7"),
    ("sqrt(r.f * 10.0)", "5.0"), ("pow(r.f, 2.0)", "6.25"), ("sigmoid(r.f - r.f)", "0.5"),
    ("exp(r.g - r.g)", "1.0"),
    ("ln(exp(r.f))", "2.5"), ("log10(r.f * 40.0)", "2.0"), ("abs(r.g - r.f)", "2.0"),
    ("min(r.f, r.g)", "0.5"),
    ("clamp(r.f, 0.0, 1.0)", "1.0"), ("r.f % 1.0", "0.5"), ("0.1 + 0.2", "0.30000000000000004"),
  ])
  func arithmetic(expression: String, expected: String) {
    #expect(evaluate(expression) == expected)
  }

  @Test(arguments: [
    ("r.f / (r.g - r.g)", "P0502"), ("r.f % (r.g - r.g)", "P0502"), ("sqrt(r.g - r.f)", "P0504"),
    ("ln(r.g - r.g)", "P0504"), ("log10(r.g - r.f)", "P0504"), ("exp(r.f * 1000.0)", "P0503"),
    ("r.f * 1e308 * 10.0", "P0503"), ("int(r.f * 1e30)", "P0505"), ("round(r.f * 1e30)", "P0505"),
    ("pow(r.g - r.f, 0.5)", "P0504"),
  ])
  func failuresAreRecordErrors(expression: String, code: String) {
    #expect(evaluate(expression) == code)
  }
}

@Suite struct MoneySemantics {
  @Test(arguments: [
    ("r.m + r.n", "13.05 EUR"), ("r.m - r.n", "7.05 EUR"), ("r.n - r.m", "-7.05 EUR"),
    ("r.m * r.i", "70.35 EUR"),
    ("r.m * 1.5", "15.08 EUR"), ("r.m / 2", "5.02 EUR"), ("r.m / 4", "2.51 EUR"), ("r.m / r.n", "3.35"),
    ("amount(r.m)", "10.05"), ("r.m * 15%", "1.51 EUR"), ("r.n / 0.5", "6.00 EUR"), ("-r.m", "-10.05 EUR"),
    ("r.m + 0.95 EUR", "11.00 EUR"), ("max(r.m, r.n)", "10.05 EUR"),
  ])
  func arithmetic(expression: String, expected: String) {
    #expect(evaluate(expression) == expected)
  }

  @Test func multiplyingByAFloatRoundsHalfToEven() {
    // 1.05 × 0.5 = 0.525 → 0.52 (even); 1.15 × 0.5 = 0.575 → 0.58 (even); 1.25 × 0.5 = 0.625 → 0.62.
    #expect(evaluate("r.m * 0.5", ["m": "1.05"]) == "0.52 EUR")
    #expect(evaluate("r.m * 0.5", ["m": "1.15"]) == "0.58 EUR")
    #expect(evaluate("r.m * 0.5", ["m": "1.25"]) == "0.62 EUR")
    #expect(evaluate("r.m * 0.5", ["m": "-1.25"]) == "-0.62 EUR")
  }

  @Test func dividingByAnIntRoundsHalfToEven() {
    #expect(evaluate("r.m / 2", ["m": "0.05"]) == "0.02 EUR")
    #expect(evaluate("r.m / 2", ["m": "0.07"]) == "0.04 EUR")
    #expect(evaluate("r.m / 2", ["m": "-0.07"]) == "-0.04 EUR")
    #expect(evaluate("r.m / 3", ["m": "1.00"]) == "0.33 EUR")
  }

  @Test func moneyFailures() {
    #expect(evaluate("r.m / r.j", ["j": "0"]) == "P0502")
    #expect(evaluate("r.m / (r.n - r.n)") == "P0502")
    #expect(evaluate("r.m * 1e300") == "P0501")
    #expect(evaluate("r.m + r.n", ["m": "92233720368547758.07"]) == "P0501")
  }
}

@Suite struct DateSemantics {
  @Test(arguments: [
    ("r.d + 1 day", "2024-02-29", "2024-03-01"), ("r.d - 365 days", "2024-02-29", "2023-03-01"),
    ("r.d + 365 days", "2024-02-29", "2025-02-28"), ("r.d + 28 days", "2023-01-31", "2023-02-28"),
    ("r.d + 1 day", "2100-02-28", "2100-03-01"), ("r.d + 1 day", "2000-02-28", "2000-02-29"),
    ("r.d + 1 day", "2026-12-31", "2027-01-01"), ("r.d - 1 day", "2026-03-01", "2026-02-28"),
    ("r.d + 2 weeks", "2026-11-23", "2026-12-07"),
  ])
  func dateArithmetic(expression: String, date: String, expected: String) {
    #expect(evaluate(expression, ["d": "\"\(date)\""]) == expected)
  }

  @Test(arguments: [
    ("year(r.d)", "2024"), ("month(r.d)", "2"), ("day(r.d)", "29"), ("weekday(r.d)", "4"),
    ("days_since(r.d)", "998"), ("days_until(r.d)", "-998"), ("days_between(r.d, 2024-03-31)", "31"),
    ("today()", "2026-11-23"), ("weekday(today())", "1"), ("r.d - 2024-01-01", "59 days"),
    ("today() - r.d", "998 days"),
  ])
  func dateFunctions(expression: String, expected: String) {
    #expect(evaluate(expression) == expected)
  }

  /// A date moved outside 0001-01-01…9999-12-31, or by a duration that overflows, is the record's
  /// error; no date part is ever taken of a day number the calendar does not cover.
  @Test(arguments: [
    ("day(1970-01-01 + r.i * 1 day)", "9223372036854775807", "P0506"),
    ("1970-01-01 + r.i * 1 day", "9223372036854775807", "P0506"),
    ("weekday(r.d - r.i * 1 day)", "9223372036854775807", "P0506"),
    ("year(r.i * 1 day + r.d)", "-9223372036854775807", "P0506"),
    ("r.d + r.i * 1 day", "9223372036854775807", "P0501"),
    ("r.d - r.i * 1 day", "-9223372036854775807", "P0501"),
    ("r.d + r.i * 1 day", "2913115", "P0506"),
    ("r.d - r.i * 1 day", "738945", "P0506"),
    ("r.i * 1 day * 2", "9223372036854775807", "P0501"),
  ])
  func outOfRangeDatesAreRecordErrors(expression: String, i: String, code: String) {
    #expect(evaluate(expression, ["i": i]) == code)
  }

  @Test func theLastAndFirstSupportedDatesAreReached() {
    // 2024-02-29 + 2 913 114 days is 9999-12-31; 2024-02-29 − 738 944 days is 0001-01-01.
    #expect(evaluate("r.d + r.i * 1 day", ["i": "2913114"]) == "9999-12-31")
    #expect(evaluate("r.d - r.i * 1 day", ["i": "738944"]) == "0001-01-01")
    #expect(evaluate("9999-12-31 - r.d", ["d": "\"0001-01-01\""]) == "3652058 days")
  }

  /// Constant operands are folded by running the machine: an out-of-range constant is left to be
  /// each record's error instead of trapping while compiling.
  @Test(arguments: [
    "day(1970-01-01 + 9223372036854775807 days)", "9999-12-31 + 1 day", "0001-01-01 - 1 day",
    "weekday(2026-01-01 - 9223372036854775807 days)",
  ])
  func outOfRangeConstantsAreRecordErrors(expression: String) {
    #expect(evaluate(expression) == "P0506")
  }
}

@Suite struct OptionalSemantics {
  @Test func missingValuesPropagateThroughCalls() {
    #expect(evaluate("days_since(r.e) ?? 999") == "999")
    #expect(evaluate("days_since(r.e) ?? 999", ["e": "\"2026-11-20\""]) == "3")
    #expect(evaluate("abs(r.o) ?? 0", ["o": "-4"]) == "4")
    #expect(evaluate("abs(r.o) ?? 0") == "0")
  }

  @Test func presenceAndNarrowing() {
    #expect(evaluate("present(r.o)") == "false")
    #expect(evaluate("present(r.o)", ["o": "4"]) == "true")
    #expect(evaluate("if present(r.o) then r.o + 1 else 0") == "0")
    #expect(evaluate("if present(r.o) then r.o + 1 else 0", ["o": "4"]) == "5")
    #expect(evaluate("present(r.o) and r.o > 3", ["o": "4"]) == "true")
    #expect(evaluate("r.o ?? r.j") == "2")
  }
}

@Suite struct StringAndBoolSemantics {
  @Test(arguments: [
    ("len(r.s)", "7"), ("trim(r.s)", "Hello"), ("upper(r.t)", "ELL"), ("lower(r.s)", " hello "),
    ("contains(r.s, r.t)", "true"), ("starts_with(r.s, \" H\")", "true"), ("ends_with(r.s, \"x\")", "false"),
    ("r.s == \" Hello \"", "true"), ("r.t != \"ell\"", "false"),
    ("r.t in [\"x\", \"ell\"]", "true"), ("r.t not in [\"x\", \"ell\"]", "false"),
    ("r.s in [\" Hello \", \"a string longer than eight bytes\"]", "true"),
    ("r.t in [\"ell \", \"el\", \"Ell\"]", "false"), ("r.i in [1, 7]", "true"),
    ("r.i not in [1, 7]", "false"),
    ("r.f in [2.5, 3.0]", "true"), ("r.tier in [gold]", "true"), ("r.tier == silver", "false"),
    ("r.tier", "gold"),
    ("not r.b", "false"), ("r.b and r.i > 3", "true"), ("r.i > 9 or r.b", "true"),
    ("len([r.i, r.j, 3])", "3"),
    ("count([r.b, r.i > 9, true])", "2"), ("r.j in [r.i, r.j]", "true"), ("r.t in [r.s, \"ell\"]", "true"),
    ("if r.b then \"yes\" else \"no\"", "yes"),
  ])
  func values(expression: String, expected: String) {
    #expect(evaluate(expression) == expected)
  }

  @Test func shortCircuitSkipsWhatWouldFail() {
    #expect(evaluate("r.j == 0 or r.i / r.j > 1", ["j": "0"]) == "true")
    #expect(evaluate("r.j != 0 and r.i / r.j > 1", ["j": "0"]) == "false")
    #expect(evaluate("if r.j == 0 then 0 else r.i / r.j", ["j": "0"]) == "0")
    #expect(evaluate("r.j != 0 and r.i / r.j > 1", ["j": "0", "i": "1"]) == "false")
  }

  @Test func nonAsciiStringsCompareByScalars() {
    // "é" precomposed is not "e" + combining acute, as in CEL, Cedar and SQL engines; in sets,
    // lists and constant folding alike. The Kelvin sign is not the letter K.
    #expect(evaluate("r.t in [\"caf\\u{E9}\"]", ["t": "\"cafe\\u0301\""]) == "false")
    #expect(evaluate("r.t in [\"caf\\u{E9}\", r.s]", ["t": "\"cafe\\u0301\"", "s": "\"x\""]) == "false")
    #expect(evaluate("r.t == \"K\"", ["t": "\"\\u212A\""]) == "false")
    #expect(evaluate("r.t != \"caf\\u{E9}\"", ["t": "\"cafe\\u0301\""]) == "true")
    #expect(evaluate("r.t == \"caf\\u{E9}\"", ["t": "\"caf\\u00e9\""]) == "true")
    #expect(evaluate("\"caf\\u{E9}\" == \"cafe\\u{301}\"", [:]) == "false")
    // Folded constants keep both spellings apart: the text shown is the precomposed one, byte for byte.
    let shown = evaluate(
      "if \"caf\\u{E9}\" == \"cafe\\u{301}\" then \"cafe\\u{301}\" else \"caf\\u{E9}\"", [:])
    #expect(Array(shown.utf8) == Array("caf\u{E9}".utf8))
  }
}

@Suite struct FormatSpecifiers {
  @Test(arguments: [
    ("r.g", ":%", "50%"), ("r.g * 0.731", ":%", "37%"), ("r.g * 0.731", ":.1%", "36.5%"),
    ("r.f", ":.2", "2.50"),
    ("r.f / 3.0", ":.3", "0.833"), ("r.i", ":.1", "7.0"), ("r.m", ":.1", "10.1 EUR"),
    ("r.m", "", "10.05 EUR"),
    ("r.g * 0.125", ":.2", "0.06"), ("r.g * 0.375", ":.2", "0.19"), ("0.0 - r.g * 0.001", ":.1", "0.0"),
  ])
  func formats(expression: String, format: String, expected: String) {
    #expect(evaluate(expression, format: format) == expected)
  }

  /// A percentage is the value times 100; one that overflows is the record's error, not `inf%`.
  @Test func percentagesThatOverflowAreErrors() {
    #expect(evaluate("r.f * 1e307", format: ":%") == "P0503")
    #expect(evaluate("r.f * 1e307", format: ":.1%") == "P0503")
    // Just below the limit, and the same value without `%`, the text is the exact number.
    let large = evaluate("r.f * 1e305", format: ":%")
    #expect(large.hasPrefix("249999999999999952848") && large.hasSuffix("%") && large.count == 309)
    #expect(evaluate("r.f * 1e307", format: ":.1").hasPrefix("250000000000000002744"))
    #expect(evaluate("r.i * 9223372036854775", format: ":%") == "6456360425798342656%")
  }
}
