import PlumChecker
import PlumData
import PlumRuntime
import PlumSyntax

/// How REPL and `plum eval` show values and types: `42 : int`, `10.00 EUR : money`, `missing : int?`.
enum ValueText {
  /// The type as users read it: `money` without its currency, `T?` for optionals.
  static func typeName(_ type: PlumType) -> String {
    switch type {
    case .money: "money"
    case .list(let element): "list<\(typeName(element))>"
    case .optional(let wrapped): typeName(wrapped) + "?"
    case .enumeration(let enumType): "enum { \(enumType.cases.joined(separator: ", ")) }"
    default: type.description
    }
  }

  /// The text of a value as the REPL and `plum eval` show it.
  static func text(of value: ExplainValue) -> String {
    switch value {
    case .string(let text): ASTPrinter.quoted(text)
    case .enumeration(let type, let index):
      type.cases.indices.contains(index) ? type.cases[index] : String(index)
    case .list(let elements): "[" + elements.map(text(of:)).joined(separator: ", ") + "]"
    case .reward(let gift):
      reward(
        kind: gift.kind.rawValue, amount: gift.amount, rate: gift.rate, label: gift.label,
        currency: gift.currency)
    default: value.description
    }
  }

  /// The text of an int-register value of `type`.
  static func scalar(_ value: Int64, _ type: PlumType) -> String {
    switch type.unwrapped {
    case .bool: return value != 0 ? "true" : "false"
    case .money(let currency):
      let amount = Money.format(value, digits: Money.minorDigits(of: currency))
      return currency.isEmpty ? amount : amount + " " + currency
    case .date: return CivilDate.format(value)
    case .duration: return value == 1 || value == -1 ? "\(value) day" : "\(value) days"
    case .enumeration(let enumType):
      return enumType.cases.indices.contains(Int(value)) ? enumType.cases[Int(value)] : String(value)
    default: return String(value)
    }
  }

  /// The text of a float value.
  static func float(_ value: Double) -> String { NumberFormat.shortest(value) }

  /// A rate as the shortest percentage that reads back the same (`0.05` → `5%`).
  static func percent(_ rate: Double) -> String {
    var text = NumberFormat.fixed(rate * 100, decimals: 6)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text + "%"
  }

  /// The text of a reward value, as `give` would write it.
  static func reward(kind: Int64, amount: Int64, rate: Double, label: String, currency: String) -> String {
    switch RewardKind(rawValue: kind) {
    case .points: "points(\(amount))"
    case .voucher:
      "voucher(\(Money.format(amount, digits: Money.minorDigits(of: currency)))\(currency.isEmpty ? "" : " " + currency))"
    case .cashback: "cashback(\(percent(rate)))"
    case .badge: "badge(\(ASTPrinter.quoted(label)))"
    case nil: "reward"
    }
  }
}
