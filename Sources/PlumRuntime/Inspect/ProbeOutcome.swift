import PlumChecker

/// What running one probe on the loaded record gave.
public enum ProbeOutcome: Hashable, Sendable {
  /// The value, typed as the probed expression.
  case value(ExplainValue)
  /// A runtime error stopped the probe.
  case fault(RuntimeFault)
  /// Model `model` (an index in `Program.models`) needed a consent the record lacks.
  case blocked(model: Int)
}

extension Machine {
  /// Runs a probe on the loaded record (declarations already computed for it are reused) and reads
  /// its value as `type`, the probed expression's type; a missing optional value is `.missing`.
  public func run(_ probe: EvalProbe, type: PlumType) -> ProbeOutcome {
    guard run(from: probe.entry) else { return .fault(fault ?? RuntimeFault(.overflow, site: -1)) }
    if ints[Int(probe.blocked)] != 0 {
      return .blocked(model: Int(ints[Int(program.consentFailureRegister)]) - 1)
    }
    if let presence = probe.presence, ints[Int(presence)] == 0 { return .value(.missing) }
    return .value(value(at: probe.location, type: type))
  }

  /// The value at a location, typed as `type`.
  func value(at location: EvalProbe.Location, type: PlumType) -> ExplainValue {
    switch location {
    case .int(let register): return ExplainValue(ints[Int(register)], type: type)
    case .float(let register): return .float(floats[Int(register)])
    case .string(let register): return .string(strings[Int(register)])
    case .list(let register):
      guard case .list(let element) = type.unwrapped else { return .list([]) }
      switch lists[Int(register)] {
      case .ints(let values): return .list(values.map { ExplainValue($0, type: element) })
      case .floats(let values): return .list(values.map(ExplainValue.float))
      case .strings(let values): return .list(values.map(ExplainValue.string))
      }
    case .reward(let slots):
      return .reward(
        ExplainGift(
          kind: RewardKind(rawValue: ints[Int(slots.kind)]) ?? .points, amount: ints[Int(slots.amount)],
          rate: floats[Int(slots.rate)], label: strings[Int(slots.label)], currency: program.currency))
    }
  }

  /// The features model `index` was last scored on, in the model file's order.
  public func features(ofModel index: Int) -> [Double] {
    guard program.models.indices.contains(index) else { return [] }
    let model = program.models[index]
    return (0..<model.featureNames.count).map { floats[Int(model.firstFeature) + $0] }
  }
}

extension ExplainValue {
  /// The value an int register holds for a value of `type`: money, dates, durations and enumeration
  /// cases keep their kind.
  init(_ number: Int64, type: PlumType) {
    switch type.unwrapped {
    case .bool: self = .bool(number != 0)
    case .money(let currency): self = .money(number, currency: currency)
    case .date: self = .date(number)
    case .duration: self = .duration(number)
    case .enumeration(let enumType): self = .enumeration(enumType, Int(number))
    case .float: self = .float(Double(number))
    default: self = .int(number)
    }
  }
}
