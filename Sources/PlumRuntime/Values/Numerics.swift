import PlumData

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The semantics of Plum's float functions and conversions, shared by the machine and constant folding.
public enum Numerics {
  /// A float rounded as `mode` says and converted to an int; nil when it is not finite or out of range.
  @inline(__always)
  public static func toInt(_ value: Double, _ mode: FloatRounding) -> Int64? {
    let rounded: Double
    switch mode {
    case .truncate: rounded = value.rounded(.towardZero)
    case .nearest: rounded = value.rounded(.toNearestOrAwayFromZero)
    case .floor: rounded = value.rounded(.down)
    case .ceiling: rounded = value.rounded(.up)
    }
    guard rounded.isFinite, rounded >= -9_223_372_036_854_775_808.0, rounded < 9_223_372_036_854_775_808.0
    else {
      return nil
    }
    return Int64(rounded)
  }

  /// `value` rounded to `decimals` decimals (negative: tens, hundreds…), halves away from zero,
  /// computed as `round(value × 10^decimals) / 10^decimals`.
  public static func round(_ value: Double, decimals: Int64) -> Double {
    guard value.isFinite else { return value }
    if decimals > 17 { return value }
    if decimals < -308 { return 0 }
    let scale = pow(10.0, Double(decimals))
    let scaled = value * scale
    guard scaled.isFinite else { return value }
    return scaled.rounded(.toNearestOrAwayFromZero) / scale
  }

  /// A unary float function's value, or the error it raises.
  @inline(__always)
  public static func apply(_ function: FloatFunction, _ x: Double) -> Result<Double, RuntimeErrorCode> {
    switch function {
    case .abs: return .success(Swift.abs(x))
    case .sqrt: return x < 0 ? .failure(.domain) : .success(x.squareRoot())
    case .exp:
      let value = exp(x)
      return value.isFinite ? .success(value) : .failure(.notFinite)
    case .ln: return x <= 0 ? .failure(.domain) : .success(log(x))
    case .log10: return x <= 0 ? .failure(.domain) : .success(commonLogarithm(x))
    case .sigmoid: return .success(sigmoid(x))
    }
  }

  /// The logistic function `1 / (1 + e^-x)`, computed exactly so (as the shared reference does).
  @inline(__always)
  public static func sigmoid(_ x: Double) -> Double {
    1.0 / (1.0 + exp(-x))
  }

  /// A part of a date given as days since 1970-01-01.
  @inline(__always)
  public static func datePart(_ part: DatePart, of days: Int64) -> Int64 {
    switch part {
    case .year: CivilDate.components(days).year
    case .month: CivilDate.components(days).month
    case .day: CivilDate.components(days).day
    case .weekday: CivilDate.weekday(days)
    }
  }
}

/// The semantics of Plum's string functions.
public enum Text {
  /// Whether two strings are the same sequence of Unicode scalars: Plum's string `==` and `in`.
  ///
  /// Strings are valid UTF-8, so equal scalars are equal bytes. This is how CEL, Cedar and SQL
  /// engines compare text; Swift's `==` (canonical equivalence) would also equate a precomposed
  /// `é` with `e` and a combining accent, and depends on the toolchain's Unicode tables.
  @inline(__always)
  public static func same(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        guard x.count == y.count else { return false }
        guard let p = x.baseAddress, let q = y.baseAddress else { return true }
        return memcmp(p, q, x.count) == 0
      }
    }
  }

  /// A string function's value.
  public static func apply(_ function: StringFunction, _ text: String) -> String {
    switch function {
    case .lower: return text.lowercased()
    case .upper: return text.uppercased()
    case .trim:
      let scalars = text.unicodeScalars
      guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
      else { return "" }
      return String(scalars[first...last])
    }
  }

  /// Whether a two-string predicate holds.
  public static func holds(_ test: StringTest, _ text: String, _ part: String) -> Bool {
    switch test {
    case .startsWith: return text.hasPrefix(part)
    case .endsWith: return text.hasSuffix(part)
    case .contains: return part.isEmpty || text.contains(part)
    }
  }
}

/// `log10` from the platform's C library (Glibc or Darwin), named apart from `FloatFunction.log10`.
@inline(__always)
private func commonLogarithm(_ x: Double) -> Double {
  #if canImport(Glibc)
    Glibc.log10(x)
  #else
    Darwin.log10(x)
  #endif
}
