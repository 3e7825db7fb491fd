import PlumChecker

/// Finds where a comparison of a monotone function of one input field starts to take a wanted
/// value, by bisection over the field's values with the tracing evaluator.
struct BoundarySearch {
  let evaluator: ExplainEvaluator
  let field: Int

  /// The value nearest the record's own at which `condition` becomes `want`, with the requirement
  /// in words (`18 or more`, `on or before 2026-10-26`); nil when there is none.
  func boundary(for condition: TypedExpression, want: Bool) -> (value: ExplainValue, requirement: String)? {
    let type = evaluator.policy.input.fields[field].type.unwrapped
    guard let domain = Domain(type) else { return nil }
    func holds(_ key: Int64) -> Bool {
      var record = evaluator.record
      record[field] = domain.value(key)
      return evaluator.with(record: record).evaluate(condition) == .success(.bool(want))
    }
    let low = domain.keys.lowerBound
    let high = domain.keys.upperBound
    let current = domain.key(evaluator.record[field])
    if let current, holds(current) { return nil }
    let rising: Bool
    if let current {
      if current < high, holds(high) {
        rising = true
      } else if current > low, holds(low) {
        rising = false
      } else {
        return nil
      }
    } else {
      let up = holds(high)
      let down = holds(low)
      guard up != down else { return nil }
      rising = up
    }
    // Bisect between a key where the condition does not hold and one where it does.
    var outside = current ?? (rising ? low : high)
    var inside = rising ? high : low
    if current == nil, holds(outside) { return nil }
    while rising ? outside + 1 < inside : inside + 1 < outside {
      let middle = (outside >> 1) + (inside >> 1) + (outside & inside & 1)
      if holds(middle) { inside = middle } else { outside = middle }
    }
    return (domain.value(inside), domain.requirement(inside: inside, outside: outside, rising: rising))
  }
}

/// The values a field can take, as ordered integer keys.
private struct Domain {
  enum Kind { case integer, money(String), date, duration, float }
  let kind: Kind
  let keys: ClosedRange<Int64>

  init?(_ type: PlumType) {
    switch type {
    case .int:
      kind = .integer
      keys = -1_000_000_000_000...1_000_000_000_000
    case .money(let currency):
      kind = .money(currency)
      keys = -1_000_000_000_000_000...1_000_000_000_000_000
    case .date:
      kind = .date
      keys = CivilDate.days(year: 1, month: 1, day: 1)...CivilDate.days(year: 9999, month: 12, day: 31)
    case .duration:
      kind = .duration
      keys = -10_000_000...10_000_000
    case .float:
      kind = .float
      keys = Domain.floatKey(-1e12)...Domain.floatKey(1e12)
    default:
      return nil
    }
  }

  func value(_ key: Int64) -> ExplainValue {
    switch kind {
    case .integer: .int(key)
    case .money(let currency): .money(key, currency: currency)
    case .date: .date(key)
    case .duration: .duration(key)
    case .float: .float(Domain.float(key))
    }
  }

  func key(_ value: ExplainValue) -> Int64? {
    if case .float(let number) = value { return Domain.floatKey(number) }
    return value.integer
  }

  /// `18 or more`, `on or before 2026-10-26`, `more than 1.3`.
  func requirement(inside: Int64, outside: Int64, rising: Bool) -> String {
    let bound = value(inside).description
    switch kind {
    case .date: return (rising ? "on or after " : "on or before ") + bound
    case .float:
      // Between two neighbouring floats, name the one that reads better.
      let limit = value(outside).description
      if limit.count < bound.count { return (rising ? "more than " : "less than ") + limit }
      return bound + (rising ? " or more" : " or less")
    default: return bound + (rising ? " or more" : " or less")
    }
  }

  /// A key that orders doubles as integers: equal order, neighbouring doubles differ by one.
  static func floatKey(_ value: Double) -> Int64 {
    let bits = Int64(bitPattern: value.bitPattern)
    return bits >= 0 ? bits : Int64.min &- bits
  }

  static func float(_ key: Int64) -> Double {
    let bits = key >= 0 ? key : Int64.min &- key
    return Double(bitPattern: UInt64(bitPattern: bits))
  }
}
