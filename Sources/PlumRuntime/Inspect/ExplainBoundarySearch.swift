import PlumChecker
import PlumData

/// Finds where a comparison of a monotone function of one input field starts to take a wanted
/// value, by bisection over the field's values with the machine.
struct BoundarySearch {
  let inspector: RecordInspector
  let field: Int

  /// The value nearest the record's own at which `condition` becomes `want`, with the requirement
  /// in words (`18 or more`, `on or before 2026-10-26`); nil when there is none.
  func boundary(for condition: TypedExpression, want: Bool) -> (value: ExplainValue, requirement: String)? {
    let type = inspector.policy.input.fields[field].type.unwrapped
    guard let domain = Domain(type) else { return nil }
    return boundary(in: domain, keys: domain.keys, bounded: false) { changed in
      changed.evaluate(condition) == .success(.bool(want))
    }
  }

  /// The value nearest the record's own, within a range of plausible values for the field, at which
  /// `holds` becomes true for the changed record; nil when there is none in that range.
  ///
  /// The range keeps counts and amounts that are not negative from turning negative, and dates on
  /// the same side of the as-of date, so a proposal names a value the field could really take.
  func plausibleBoundary(where holds: (RecordInspector) -> Bool)
    -> (value: ExplainValue, requirement: String)?
  {
    let type = inspector.policy.input.fields[field].type.unwrapped
    guard let domain = Domain(type) else { return nil }
    let keys = domain.plausibleKeys(around: domain.key(inspector.record[field]), asOf: inspector.asOf)
    return boundary(in: domain, keys: keys, bounded: true, holds)
  }

  /// Bisects `keys` for the key nearest the record's own where `holds` is true; `bounded` says the
  /// range ends short of the field's whole domain, so a boundary at its end is named as a value.
  private func boundary(
    in domain: Domain, keys: ClosedRange<Int64>, bounded: Bool, _ condition: (RecordInspector) -> Bool
  ) -> (value: ExplainValue, requirement: String)? {
    func holds(_ key: Int64) -> Bool {
      var record = inspector.record
      record[field] = domain.value(key)
      return condition(inspector.with(record: record))
    }
    let low = keys.lowerBound
    let high = keys.upperBound
    let own = domain.key(inspector.record[field])
    let current = own.map { min(max($0, low), high) }
    if let current, holds(current) {
      // Only a value outside the range, moved to its nearest end, is a change.
      guard current != own else { return nil }
      return (domain.value(current), domain.value(current).description)
    }
    // Bisect between a key where the condition does not hold and one where it does.
    func bisect(from start: Int64, rising: Bool) -> (inside: Int64, outside: Int64, rising: Bool) {
      var outside = start
      var inside = rising ? high : low
      while rising ? outside + 1 < inside : inside + 1 < outside {
        let middle = (outside >> 1) + (inside >> 1) + (outside & inside & 1)
        if holds(middle) { inside = middle } else { outside = middle }
      }
      return (inside, outside, rising)
    }
    var found: [(inside: Int64, outside: Int64, rising: Bool)] = []
    if let current {
      // Both directions are tried: a score such as an anomaly's can rise either way; the nearer
      // boundary is the smaller change.
      if current < high, holds(high) { found.append(bisect(from: current, rising: true)) }
      if current > low, holds(low) { found.append(bisect(from: current, rising: false)) }
    } else {
      let up = holds(high)
      let down = holds(low)
      guard up != down else { return nil }
      found.append(bisect(from: up ? low : high, rising: up))
    }
    let distance = { (key: Int64) in domain.distance(key, current ?? key) }
    guard let best = found.min(by: { distance($0.inside) < distance($1.inside) }) else { return nil }
    if bounded, best.inside == (best.rising ? high : low) {
      return (domain.value(best.inside), domain.value(best.inside).description)
    }
    return (
      domain.value(best.inside),
      domain.requirement(inside: best.inside, outside: best.outside, rising: best.rising)
    )
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

  /// A range of values the field plausibly takes, around its current key: not below zero when the
  /// value is not negative, up to ten times its size (at least a thousand units); dates within a
  /// century of the as-of date, on the side the value is on.
  func plausibleKeys(around current: Int64?, asOf: Int64) -> ClosedRange<Int64> {
    let scaled: ClosedRange<Int64>
    switch kind {
    case .date:
      let century: Int64 = 36_525
      let span = (current ?? asOf) <= asOf ? (asOf - century)...asOf : asOf...(asOf + century)
      return span.clamped(to: keys)
    case .float:
      let value = current.map(Domain.float) ?? 0
      let reach = Swift.max(1_000, value.magnitude * 10)
      let low = value >= 0 ? 0 : -reach
      return (Domain.floatKey(low)...Domain.floatKey(reach)).clamped(to: keys)
    case .money(let currency):
      let unit = (0..<Money.minorDigits(of: currency)).reduce(Int64(1)) { product, _ in product * 10 }
      scaled = Domain.scaled(current, floor: 1_000 * unit)
    case .integer, .duration:
      scaled = Domain.scaled(current, floor: 1_000)
    }
    return scaled.clamped(to: keys)
  }

  /// From zero (or ten times a negative value) to ten times the value, at least `floor`.
  private static func scaled(_ current: Int64?, floor: Int64) -> ClosedRange<Int64> {
    let value = current ?? 0
    let (tenfold, overflow) = value.magnitude.multipliedReportingOverflow(by: 10)
    let reach = overflow || tenfold > UInt64(Int64.max) ? Int64.max : Swift.max(floor, Int64(tenfold))
    return (value >= 0 ? 0 : -reach)...reach
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

  /// How far apart two keys' values are.
  func distance(_ a: Int64, _ b: Int64) -> Double {
    if case .float = kind { return (Domain.float(a) - Domain.float(b)).magnitude }
    return (Double(a) - Double(b)).magnitude
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
