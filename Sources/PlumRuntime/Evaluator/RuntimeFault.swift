/// Why a record could not be decided: a runtime error at a source expression.
public struct RuntimeFault: Error, Hashable, Sendable {
  /// The kind of error, with its stable code.
  public var code: RuntimeErrorCode
  /// The index of the site in `Program.sites`.
  public var site: Int32

  /// Creates a fault.
  public init(_ code: RuntimeErrorCode, site: Int32) {
    self.code = code
    self.site = site
  }

  /// A one-line lowercase message naming the expression and its policy location.
  public func message(in program: Program) -> String {
    guard program.sites.indices.contains(Int(site)) else { return code.summary }
    let location = program.sites[Int(site)]
    return "\(code.summary) in `\(location.text)` at \(location.line):\(location.column)"
  }
}

/// The catalog of evaluation error codes (P05xx), stable across releases (docs/runtime.md).
public enum RuntimeErrorCode: String, Error, Hashable, Sendable, CaseIterable {
  /// P0501: an int, money, date or duration result does not fit in 64 bits.
  case overflow = "P0501"
  /// P0502: division or remainder by zero.
  case divisionByZero = "P0502"
  /// P0503: a float result is not a finite number (infinite or NaN).
  case notFinite = "P0503"
  /// P0504: a function's argument is outside its domain (`sqrt(-1)`, `ln(0)`).
  case domain = "P0504"
  /// P0505: a float does not fit in an int when converted or rounded.
  case conversion = "P0505"
  /// P0506: a date computed from a date and a duration is outside 0001-01-01…9999-12-31.
  case dateRange = "P0506"

  /// A short lowercase summary.
  public var summary: String {
    switch self {
    case .overflow: "integer overflow"
    case .divisionByZero: "division by zero"
    case .notFinite: "result is not a finite number"
    case .domain: "argument outside the function's domain"
    case .conversion: "float does not fit in an int"
    case .dateRange: "date outside 0001-01-01…9999-12-31"
    }
  }
}
