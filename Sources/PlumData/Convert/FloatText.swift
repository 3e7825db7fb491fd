/// Correctly rounded parsing of decimal text into `Double`.
///
/// Short inputs take an exact fast path (a mantissa of at most 2^53 scaled by an exactly
/// representable power of ten, one correctly rounded operation); all others fall back to the
/// standard library's correctly rounded conversion.
enum FloatText {
  /// The result of parsing a float.
  enum Result {
    case value(Double)
    case invalid
    /// The value's magnitude is too large for a finite `Double`.
    case outOfRange
  }

  /// Powers of ten that are exact in binary64.
  private static let exactPowers: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// Parses `[+-]?(digits[.digits]|.digits)[(e|E)[+-]?digits]`.
  static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Result {
    let count = text.count
    var index = 0
    var negative = false
    if count > 0 && (text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+")) {
      negative = text[0] == UInt8(ascii: "-")
      index = 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var exponent = 0
    var sawDigit = false
    var truncated = false
    while index < count {
      let digit = text[index] &- UInt8(ascii: "0")
      guard digit <= 9 else { break }
      sawDigit = true
      if significant < 19 {
        if mantissa != 0 || digit != 0 {
          mantissa = mantissa &* 10 &+ UInt64(digit)
          significant += 1
        }
      } else {
        exponent += 1
        truncated = truncated || digit != 0
      }
      index += 1
    }
    if index < count && text[index] == UInt8(ascii: ".") {
      index += 1
      while index < count {
        let digit = text[index] &- UInt8(ascii: "0")
        guard digit <= 9 else { break }
        sawDigit = true
        if significant < 19 {
          if mantissa != 0 || digit != 0 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            significant += 1
          }
          exponent -= 1
        } else {
          truncated = truncated || digit != 0
        }
        index += 1
      }
    }
    guard sawDigit else { return .invalid }
    if index < count && (text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E")) {
      index += 1
      var exponentNegative = false
      if index < count && (text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+")) {
        exponentNegative = text[index] == UInt8(ascii: "-")
        index += 1
      }
      guard index < count else { return .invalid }
      var written = 0
      while index < count {
        let digit = text[index] &- UInt8(ascii: "0")
        guard digit <= 9 else { return .invalid }
        written = min(written * 10 + Int(digit), 1_000_000)
        index += 1
      }
      exponent += exponentNegative ? -written : written
    }
    guard index == count else { return .invalid }
    if mantissa == 0 { return .value(negative ? -0.0 : 0.0) }
    if !truncated && mantissa <= 1 << 53 {
      let powers = exactPowers
      var value: Double?
      if exponent == 0 {
        value = Double(mantissa)
      } else if exponent > 0 && exponent <= 22 {
        value = Double(mantissa) * powers[exponent]
      } else if exponent < 0 && exponent >= -22 {
        value = Double(mantissa) / powers[-exponent]
      } else if exponent > 22 && exponent <= 22 + 15 {
        // Move the excess power into the mantissa while it stays exact.
        let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: UInt64(powers[exponent - 22]))
        if !overflow && scaled <= 1 << 53 { value = Double(scaled) * powers[22] }
      }
      if let value { return .value(negative ? -value : value) }
    }
    guard let value = Double(String(decoding: text, as: UTF8.self)) else { return .invalid }
    return value.isFinite ? .value(value) : .outOfRange
  }
}
