/// Exact money arithmetic on integer minor units, and the minor-unit digits of currencies.
///
/// Amounts are `Int64` counts of a currency's minor unit (cents for EUR). Every operation that
/// cannot be exact rounds half to even, and every operation that could leave 64 bits reports it.
public enum Money {
  /// The number of minor-unit digits of an ISO 4217 currency (2 unless the currency is known to differ).
  public static func minorDigits(of currency: String) -> Int {
    switch currency {
    case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
      "XAF", "XOF", "XPF":
      0
    case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
    case "CLF", "UYW": 4
    default: 2
    }
  }

  /// 10 raised to `digits` (0…18).
  public static func powerOfTen(_ digits: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<max(0, min(digits, 18)) { result *= 10 }
    return result
  }

  /// A literal written with `scale` decimals, in minor units of a currency with `digits` digits;
  /// nil when it has more significant decimals than the currency allows or does not fit.
  public static func minorUnits(units: Int64, scale: Int, digits: Int) -> Int64? {
    if scale == digits { return units }
    if scale < digits {
      let (result, overflow) = units.multipliedReportingOverflow(by: powerOfTen(digits - scale))
      return overflow ? nil : result
    }
    let divisor = powerOfTen(scale - digits)
    return units % divisor == 0 ? units / divisor : nil
  }

  /// `amount × factor` rounded half to even; nil when the result is not finite or leaves 64 bits.
  @inline(__always)
  public static func multiply(_ amount: Int64, by factor: Double) -> Int64? {
    roundedToInt64(Double(amount) * factor)
  }

  /// `amount ÷ divisor` rounded half to even; nil when the divisor is zero or the result does not fit.
  @inline(__always)
  public static func divide(_ amount: Int64, by divisor: Double) -> Int64? {
    divisor == 0 ? nil : roundedToInt64(Double(amount) / divisor)
  }

  /// `amount ÷ divisor` exactly rounded half to even; nil for a zero divisor or `Int64.min ÷ -1`.
  @inline(__always)
  public static func divide(_ amount: Int64, by divisor: Int64) -> Int64? {
    if divisor == 0 { return nil }
    let (quotient, overflow) = amount.dividedReportingOverflow(by: divisor)
    if overflow { return nil }
    let remainder = amount &- quotient &* divisor
    if remainder == 0 { return quotient }
    let twiceRemainder = remainder.magnitude &* 2
    let away =
      twiceRemainder > divisor.magnitude || (twiceRemainder == divisor.magnitude && quotient & 1 != 0)
    guard away else { return quotient }
    return (amount < 0) != (divisor < 0) ? quotient - 1 : quotient + 1
  }

  /// A double rounded half to even to an `Int64`; nil when it is not finite or out of range.
  @inline(__always)
  public static func roundedToInt64(_ value: Double) -> Int64? {
    let rounded = value.rounded(.toNearestOrEven)
    // 2^63 is exactly representable; every double below it and at or above -2^63 fits.
    guard rounded.isFinite, rounded >= -9_223_372_036_854_775_808.0, rounded < 9_223_372_036_854_775_808.0
    else {
      return nil
    }
    return Int64(rounded)
  }

  /// The amount in major units as a double, correctly rounded (`1234` cents is `12.34`).
  @inline(__always)
  public static func toDouble(_ amount: Int64, digits: Int) -> Double {
    // Both operands are exact when |amount| < 2^53, so the quotient is the double nearest the decimal.
    Double(amount) / Double(powerOfTen(digits))
  }

  /// The amount as a plain decimal text with exactly `digits` decimals, such as `-10.05`.
  public static func format(_ amount: Int64, digits: Int) -> String {
    let magnitude = amount.magnitude
    let sign = amount < 0 ? "-" : ""
    guard digits > 0 else { return sign + String(magnitude) }
    let divisor = UInt64(powerOfTen(digits))
    let fraction = String(magnitude % divisor)
    return sign + String(magnitude / divisor) + "." + String(repeating: "0", count: digits - fraction.count)
      + fraction
  }
}
