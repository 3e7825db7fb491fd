/// Parsing of decimal integer text into `Int64`, with overflow detection.
enum IntegerText {
  /// The result of parsing an integer.
  enum Result {
    case value(Int64)
    case invalid
    case overflow
  }

  /// Parses `-?[0-9]+` (and a leading `+` when `allowsPlus`); overflow is reported only for text
  /// that is otherwise valid.
  static func parse(_ text: UnsafeBufferPointer<UInt8>, allowsPlus: Bool) -> Result {
    let count = text.count
    guard count > 0 else { return .invalid }
    var index = 0
    var negative = false
    if text[0] == UInt8(ascii: "-") {
      negative = true
      index = 1
    } else if text[0] == UInt8(ascii: "+") && allowsPlus {
      index = 1
    }
    guard index < count else { return .invalid }
    var magnitude: UInt64 = 0
    var overflowed = false
    while index < count {
      let digit = text[index] &- UInt8(ascii: "0")
      guard digit <= 9 else { return .invalid }
      let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
      overflowed = overflowed || o1 || o2
      magnitude = sum
      index += 1
    }
    return make(magnitude: magnitude, negative: negative, overflowed: overflowed)
  }

  /// Applies a sign to a magnitude, reporting overflow outside `Int64`'s range.
  static func make(magnitude: UInt64, negative: Bool, overflowed: Bool) -> Result {
    let limit = UInt64(Int64.max)
    if overflowed || magnitude > limit + (negative ? 1 : 0) { return .overflow }
    if negative {
      return .value(magnitude == limit + 1 ? Int64.min : -Int64(magnitude))
    }
    return .value(Int64(magnitude))
  }
}
