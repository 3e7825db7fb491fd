/// The standard library in one table: each function's signatures, result and documentation.
///
/// The checker resolves calls against this table, and `docs/language.md` shows it verbatim
/// (`BuiltinTable.markdown`), so the reference cannot drift from the implementation.
public enum BuiltinTable {
  /// Every function, in documentation order.
  public static let entries: [BuiltinEntry] = Builtin.allCases.map(entry(for:))

  /// The entry of one function.
  public static func entry(for builtin: Builtin) -> BuiltinEntry {
    let (category, signatures, summary) = definition(of: builtin)
    return BuiltinEntry(
      builtin: builtin, category: category, signatures: signatures, summary: summary,
      propagatesMissing: builtin != .present && builtin != .disparateImpact && builtin != .today,
      isConstraintOnly: builtin == .disparateImpact)
  }

  /// The table as Markdown: one row per signature.
  public static var markdown: String {
    var lines = ["| function | type | description |", "| --- | --- | --- |"]
    for entry in entries {
      for (index, signature) in entry.signatures.enumerated() {
        let summary = index == 0 ? entry.summary : "″"
        lines.append("| `\(entry.builtin.name)` | `\(signature)` | \(summary) |")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private typealias Definition = (BuiltinEntry.Category, [BuiltinSignature], String)

  private static func unary(_ parameter: PlumType, _ result: PlumType) -> [BuiltinSignature] {
    [BuiltinSignature([BuiltinParameter(.exactly(parameter))], .exactly(result))]
  }

  private static func binary(_ first: PlumType, _ second: PlumType, _ result: PlumType) -> [BuiltinSignature]
  {
    [
      BuiltinSignature(
        [BuiltinParameter(.exactly(first)), BuiltinParameter(.exactly(second))], .exactly(result))
    ]
  }

  private static let numeric = BuiltinParameter(.numeric)

  // One switch keeps every function's definition in one place.
  private static func definition(of builtin: Builtin) -> Definition {
    switch builtin {
    case .abs:
      (.math, [BuiltinSignature([numeric], .numeric)], "absolute value")
    case .min:
      (.math, [BuiltinSignature([numeric, numeric], .numeric)], "the smaller of two numbers")
    case .max:
      (.math, [BuiltinSignature([numeric, numeric], .numeric)], "the larger of two numbers")
    case .clamp:
      (
        .math, [BuiltinSignature([numeric, numeric, numeric], .numeric)],
        "`clamp(x, low, high)`: `x` limited to the range `low`…`high`"
      )
    case .round:
      (
        .math, unary(.float, .int) + binary(.float, .int, .float),
        "nearest integer, halves away from zero; with a second argument, rounded to that many decimals"
      )
    case .floor: (.math, unary(.float, .int), "largest integer not above the argument")
    case .ceil: (.math, unary(.float, .int), "smallest integer not below the argument")
    case .sqrt: (.math, unary(.float, .float), "square root (a negative argument is a runtime error)")
    case .exp: (.math, unary(.float, .float), "e raised to the argument")
    case .ln: (.math, unary(.float, .float), "natural logarithm (a non-positive argument is a runtime error)")
    case .log10:
      (.math, unary(.float, .float), "base-10 logarithm (a non-positive argument is a runtime error)")
    case .pow: (.math, binary(.float, .float, .float), "`pow(x, y)`: `x` raised to the power `y`")
    case .sigmoid: (.math, unary(.float, .float), "logistic function 1 / (1 + e^-x)")
    case .float: (.conversions, unary(.int, .float), "the integer as a float")
    case .int:
      (.conversions, unary(.float, .int), "the float truncated toward zero (out of range: runtime error)")
    case .amount:
      (
        .conversions, [BuiltinSignature([BuiltinParameter(.money)], .exactly(.float))],
        "the amount in major units as a float (`12.34 EUR` gives 12.34)"
      )
    case .len:
      (
        .strings,
        unary(.string, .int) + [BuiltinSignature([BuiltinParameter(.anyList)], .exactly(.int))],
        "number of characters of a string, or of elements of a list"
      )
    case .lower: (.strings, unary(.string, .string), "lower-case version")
    case .upper: (.strings, unary(.string, .string), "upper-case version")
    case .trim: (.strings, unary(.string, .string), "without leading and trailing white space")
    case .startsWith:
      (.strings, binary(.string, .string, .bool), "whether the first string starts with the second")
    case .endsWith:
      (.strings, binary(.string, .string, .bool), "whether the first string ends with the second")
    case .contains:
      (.strings, binary(.string, .string, .bool), "whether the first string contains the second")
    case .count:
      (.lists, unary(.list(.bool), .int), "number of `true` elements, e.g. `count([a, b, c]) >= 2`")
    case .daysSince: (.dates, unary(.date, .int), "days from the date to the run's as-of date")
    case .daysUntil: (.dates, unary(.date, .int), "days from the run's as-of date to the date")
    case .daysBetween: (.dates, binary(.date, .date, .int), "`days_between(a, b)`: days from `a` to `b`")
    case .year: (.dates, unary(.date, .int), "the year")
    case .month: (.dates, unary(.date, .int), "the month, 1–12")
    case .day: (.dates, unary(.date, .int), "the day of the month, 1–31")
    case .weekday: (.dates, unary(.date, .int), "the day of the week, 1 = Monday … 7 = Sunday")
    case .today:
      (.dates, [BuiltinSignature([], .exactly(.date))], "the run's as-of date (never the wall clock)")
    case .present:
      (
        .optionals, [BuiltinSignature([BuiltinParameter(.anyValue)], .exactly(.bool))],
        "whether an optional value is present; narrows it in `and` and `if … then`"
      )
    case .points: (.rewards, unary(.int, .reward), "a reward of loyalty points")
    case .voucher:
      (
        .rewards, [BuiltinSignature([BuiltinParameter(.money)], .exactly(.reward))],
        "a voucher worth an amount"
      )
    case .cashback: (.rewards, unary(.float, .reward), "cashback at a rate, e.g. `cashback(5%)`")
    case .badge: (.rewards, unary(.string, .reward), "a named badge")
    case .disparateImpact:
      (
        .fairness,
        [
          BuiltinSignature(
            [BuiltinParameter(.exactly(.bool)), BuiltinParameter(.groupKey, label: "by")], .exactly(.float))
        ],
        "lowest group rate of the condition divided by the highest, over the run; only in `constraint`"
      )
    case .distance:
      (
        .models, [BuiltinSignature([BuiltinParameter(.kmeansModel)], .exactly(.float))],
        "`distance(segment)`: how far the record is from its k-means segment's centre"
      )
    }
  }
}
