/// A unit value (the thing hashed to assign an arm) and its text as GrowthBook hashes it.
public enum HashUnit: Sendable, Equatable {
  /// A string unit, hashed as written.
  case string(String)
  /// An integer unit, hashed as its decimal digits (as JavaScript prints integers below 2^53).
  case integer(Int64)
  /// A boolean unit, hashed as `true`.
  case bool(Bool)
  /// No value.
  case missing

  /// The text that is hashed, or `nil` when the unit does not enrol: GrowthBook treats every falsy
  /// value — a missing or null attribute, the empty string, `0` and `false` — as "no unit".
  public var hashText: String? {
    switch self {
    case .string(let text): return text.isEmpty ? nil : text
    case .integer(let number): return number == 0 ? nil : String(number)
    case .bool(let flag): return flag ? "true" : nil
    case .missing: return nil
    }
  }
}
