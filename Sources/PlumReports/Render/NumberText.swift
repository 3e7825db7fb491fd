import Foundation

/// The text of numbers and cells, the same in every output: fixed places, thousands separators,
/// `—` for nothing, and never `-0`.
public enum NumberText {
  /// `value` written in `style`.
  public static func format(_ value: Double, _ style: NumberStyle) -> String {
    guard value.isFinite else { return value.isNaN ? "—" : (value < 0 ? "−∞" : "∞") }
    switch style {
    case .text: return value == value.rounded() && abs(value) < 1e15 ? grouped(Int(value)) : "\(value)"
    case .integer: return grouped(Int(value.rounded()))
    case .decimal(let places): return fixed(value, places: places)
    case .decimalDown(let places):
      let scale = pow(10, Double(max(0, min(places, 12))))
      // No nudge upwards: a ratio computed as 0.7999999999999999 fails a `< 0.8` test, and must
      // read as 0.799 beside that verdict.
      return fixed((value * scale).rounded(.down) / scale, places: places)
    case .percent(let places): return fixed(value * 100, places: places) + "%"
    }
  }

  /// A whole number in `style` (decimals and percentages of a count are written as plain counts).
  public static func format(_ value: Int, _ style: NumberStyle) -> String {
    switch style {
    case .percent: format(Double(value), style)
    case .text, .integer, .decimal, .decimalDown: grouped(value)
    }
  }

  /// A cell's text in its column's style.
  public static func format(_ cell: Cell, _ style: NumberStyle) -> String {
    switch cell {
    case .text(let text): text
    case .integer(let value): format(value, style)
    case .number(let value): format(value, style)
    case .interval(let lower, let upper): "[\(format(lower, style)), \(format(upper, style))]"
    case .empty: "—"
    }
  }

  /// `value` with exactly `places` decimals, rounded as C's `printf` rounds the exact binary value.
  static func fixed(_ value: Double, places: Int) -> String {
    let text = String(format: "%.*f", max(0, min(places, 12)), value)
    // "-0.0" reads as a sign error in a table; show the zero unsigned.
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
      return String(text.dropFirst())
    }
    return text
  }

  /// `12345` → `12,345`.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }
}
