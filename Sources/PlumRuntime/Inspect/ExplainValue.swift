import PlumChecker
import PlumData

/// A Plum value read from the machine's registers: typed, so it can be shown as Plum writes it.
public indirect enum ExplainValue: Hashable, Sendable, CustomStringConvertible {
  /// `true` or `false`.
  case bool(Bool)
  /// A 64-bit integer.
  case int(Int64)
  /// A float.
  case float(Double)
  /// An amount in minor units of `currency` (`Money.minorDigits(of:)` decimals).
  case money(Int64, currency: String)
  /// A string.
  case string(String)
  /// A date as days since 1970-01-01.
  case date(Int64)
  /// A whole number of days.
  case duration(Int64)
  /// The case with this index of an enumeration.
  case enumeration(EnumType, Int)
  /// A list.
  case list([ExplainValue])
  /// A missing optional value.
  case missing
  /// What a `give` clause constructs.
  case reward(ExplainGift)

  /// The value as Plum source writes it: `10.00 EUR`, `2026-11-01`, `30 days`, `"FR"`, `gold`.
  public var description: String {
    switch self {
    case .bool(let value): return value ? "true" : "false"
    case .int(let value): return String(value)
    case .float(let value): return NumberFormat.shortest(value)
    case .money(let units, let currency):
      let text = Money.format(units, digits: Money.minorDigits(of: currency))
      return currency.isEmpty ? text : text + " " + currency
    case .string(let text): return explainQuoted(text)
    case .date(let days): return CivilDate.format(days)
    case .duration(let days): return days == 1 || days == -1 ? "\(days) day" : "\(days) days"
    case .enumeration(let type, let index):
      return type.cases.indices.contains(index) ? type.cases[index] : "#\(index)"
    case .list(let elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
    case .missing: return "missing"
    case .reward(let gift): return gift.description
    }
  }

  /// The value for reading rather than exactness: floats with at most four decimals.
  public var brief: String {
    switch self {
    case .float(let value): return ExplainValue.brief(value)
    case .list(let elements): return "[" + elements.map(\.brief).joined(separator: ", ") + "]"
    default: return description
    }
  }

  /// A float with at most four decimals and no trailing zeros (`0.6985`, `117`).
  public static func brief(_ value: Double) -> String {
    guard value.isFinite, value.magnitude < 1e15 else { return NumberFormat.shortest(value) }
    var text = NumberFormat.fixed(value, decimals: 4)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// The bool, if this is one.
  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// Whether the value is missing.
  public var isMissing: Bool { self == .missing }

  /// The value as a float, for numbers (ints converted, money in major units).
  public var numericValue: Double? {
    switch self {
    case .int(let value), .duration(let value): Double(value)
    case .float(let value): value
    case .money(let units, let currency): Money.toDouble(units, digits: Money.minorDigits(of: currency))
    default: nil
    }
  }

  /// The value in an int register (bools, ints, money, dates, durations, enumeration cases).
  var integer: Int64? {
    switch self {
    case .bool(let value): value ? 1 : 0
    case .int(let value), .money(let value, _), .date(let value), .duration(let value): value
    case .enumeration(_, let index): Int64(index)
    default: nil
    }
  }
}

/// A reward as `give` constructs it.
public struct ExplainGift: Hashable, Sendable, CustomStringConvertible {
  /// The kind of reward.
  public var kind: RewardKind
  /// Points, or the voucher amount in minor units.
  public var amount: Int64
  /// The cashback rate.
  public var rate: Double
  /// The badge name.
  public var label: String
  /// The policy's currency, for vouchers.
  public var currency: String

  /// Creates a gift.
  public init(
    kind: RewardKind, amount: Int64 = 0, rate: Double = 0, label: String = "", currency: String = ""
  ) {
    self.kind = kind
    self.amount = amount
    self.rate = rate
    self.label = label
    self.currency = currency
  }

  /// The gift as Plum source writes it: `points(500)`, `voucher(10.00 EUR)`.
  public var description: String {
    switch kind {
    case .points: "points(\(amount))"
    case .voucher: "voucher(\(ExplainValue.money(amount, currency: currency)))"
    case .cashback: "cashback(\(NumberFormat.percent(rate, decimals: 2)))"
    case .badge: "badge(\(explainQuoted(label)))"
    }
  }
}

/// `text` in double quotes with `"` and `\` escaped, as a Plum string literal.
func explainQuoted(_ text: String) -> String {
  var out = "\""
  for character in text {
    switch character {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    default: out.append(character)
    }
  }
  return out + "\""
}
