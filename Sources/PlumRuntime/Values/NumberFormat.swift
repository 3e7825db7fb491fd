#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Deterministic text for numbers, as `because` interpolation and explanations show them.
public enum NumberFormat {
  /// A float with exactly `decimals` decimals, rounding the exact binary value half to even.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    let decimals = max(0, min(decimals, 17))
    var buffer = [CChar](repeating: 0, count: 352)
    let count = withVaList([Int32(decimals), value]) { arguments in
      buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%.*f", arguments) }
    }
    guard count > 0 else { return "" }
    let text = buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }
    let string = String(decoding: text, as: UTF8.self)
    // "-0" and "-0.00" read as an error in a sentence; show the zero unsigned.
    if string.first == "-", string.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
      return String(string.dropFirst())
    }
    return string
  }

  /// A float in its shortest round-trip form (`0.1`, `2.0`, `1e-05`).
  public static func shortest(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
    return value == 0 ? "0.0" : value.description
  }

  /// A fraction shown as a percentage with `decimals` decimals: `0.734` → `73%`.
  public static func percent(_ value: Double, decimals: Int) -> String {
    fixed(value * 100, decimals: decimals) + "%"
  }
}
