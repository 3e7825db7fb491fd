/// Exact parsing of decimal text into integer minor units, never through a binary double.
enum DecimalText {
  /// The result of parsing a decimal amount.
  enum Result {
    case value(Int64)
    case invalid
    /// A non-zero digit lies beyond the scale.
    case tooPrecise
    case overflow
  }

  /// Parses `[+-]?digits[.digits][(e|E)[+-]?digits]` (at least one digit before the exponent) into
  /// the value times 10^`scale`.
  ///
  /// Trailing zeros beyond the scale are accepted (`1.230` at scale 2 is 123) because they lose
  /// nothing; any other digit beyond the scale is `tooPrecise`.
  static func parse(_ text: UnsafeBufferPointer<UInt8>, scale: Int) -> Result {
    let count = text.count
    var index = 0
    var negative = false
    if count > 0 && (text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+")) {
      negative = text[0] == UInt8(ascii: "-")
      index = 1
    }
    // Significant digits without trailing zeros, which are counted in `pendingZeros` instead so
    // that `1.000…0` never overflows.
    var mantissa: UInt64 = 0
    var pendingZeros = 0
    var fractionDigits = 0
    var sawDigit = false
    var overflowed = false
    var inFraction = false
    while index < count {
      let byte = text[index]
      if byte == UInt8(ascii: ".") && !inFraction {
        inFraction = true
        index += 1
        continue
      }
      let digit = byte &- UInt8(ascii: "0")
      guard digit <= 9 else { break }
      sawDigit = true
      if inFraction { fractionDigits += 1 }
      if digit == 0 {
        pendingZeros += 1
      } else {
        if mantissa != 0 || pendingZeros > 0 {
          for _ in 0...pendingZeros where !overflowed {
            let (product, o) = mantissa.multipliedReportingOverflow(by: 10)
            mantissa = product
            overflowed = o
          }
        }
        pendingZeros = 0
        let (sum, o) = mantissa.addingReportingOverflow(UInt64(digit))
        mantissa = sum
        overflowed = overflowed || o
      }
      index += 1
    }
    guard sawDigit else { return .invalid }
    var exponent = 0
    if index < count && (text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E")) {
      index += 1
      var exponentNegative = false
      if index < count && (text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+")) {
        exponentNegative = text[index] == UInt8(ascii: "-")
        index += 1
      }
      guard index < count else { return .invalid }
      while index < count {
        let digit = text[index] &- UInt8(ascii: "0")
        guard digit <= 9 else { return .invalid }
        exponent = min(exponent * 10 + Int(digit), 1_000_000)
        index += 1
      }
      if exponentNegative { exponent = -exponent }
    }
    guard index == count else { return .invalid }
    if mantissa == 0 && !overflowed { return .value(0) }
    let power = pendingZeros - fractionDigits + exponent + scale
    if power < 0 { return .tooPrecise }
    if overflowed || power > 19 { return .overflow }
    for _ in 0..<power {
      let (product, o) = mantissa.multipliedReportingOverflow(by: 10)
      if o { return .overflow }
      mantissa = product
    }
    switch IntegerText.make(magnitude: mantissa, negative: negative, overflowed: false) {
    case .value(let value): return .value(value)
    case .invalid: return .invalid
    case .overflow: return .overflow
    }
  }
}
