/// Formatting of minor units as decimal text.
enum MoneyText {
  /// `123450` at scale 2 is `1234.50`; `-5` at scale 2 is `-0.05`; scale 0 has no point.
  static func format(minorUnits: Int64, scale: Int) -> String {
    let negative = minorUnits < 0
    var digits = String(minorUnits.magnitude)
    if scale > 0 {
      if digits.count <= scale {
        digits = String(repeating: "0", count: scale - digits.count + 1) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
    }
    return negative ? "-" + digits : digits
  }
}
