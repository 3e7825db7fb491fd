import PlumChecker

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ExplainEvaluator {
  /// A standard-library call; a missing argument makes the result missing unless the function is
  /// `present`.
  func call(_ builtin: Builtin, _ arguments: [TypedExpression], _ expression: TypedExpression)
    throws(ExplainStop) -> ExplainValue
  {
    if builtin == .present {
      guard let argument = arguments.first else { return .bool(false) }
      return .bool(!(try value(argument)).isMissing)
    }
    if builtin == .distance { return try distance(arguments, expression) }
    var values: [ExplainValue] = []
    for argument in arguments { values.append(try value(argument)) }
    if builtin.entry.propagatesMissing, values.contains(where: \.isMissing) { return .missing }
    return try compute(builtin, values, arguments, expression)
  }

  // One switch mirrors the machine's table of builtins, so semantics are easy to compare.
  private func compute(
    _ builtin: Builtin, _ values: [ExplainValue], _ arguments: [TypedExpression],
    _ expression: TypedExpression
  ) throws(ExplainStop) -> ExplainValue {
    let resultIsFloat = expression.type.unwrapped == .float
    func number(_ index: Int) -> Int64 { values.indices.contains(index) ? values[index].integer ?? 0 : 0 }
    func real(_ index: Int) -> Double { values.indices.contains(index) ? values[index].numericValue ?? 0 : 0 }
    func text(_ index: Int) -> String {
      guard values.indices.contains(index), case .string(let text) = values[index] else { return "" }
      return text
    }
    func function(_ function: FloatFunction, _ x: Double) throws(ExplainStop) -> ExplainValue {
      switch Numerics.apply(function, x) {
      case .success(let result): return .float(result)
      case .failure(let code): throw fault(code, expression)
      }
    }
    func rounded(_ x: Double, _ mode: FloatRounding) throws(ExplainStop) -> ExplainValue {
      guard let result = Numerics.toInt(x, mode) else { throw fault(.conversion, expression) }
      return .int(result)
    }
    func days(_ result: (partialValue: Int64, overflow: Bool)) throws(ExplainStop) -> ExplainValue {
      if result.overflow { throw fault(.overflow, expression) }
      return .int(result.partialValue)
    }

    switch builtin {
    case .abs:
      if resultIsFloat { return try function(.abs, real(0)) }
      if number(0) == .min { throw fault(.overflow, expression) }
      return make(Swift.abs(number(0)), expression.type)
    case .min:
      return resultIsFloat
        ? .float(Swift.min(real(0), real(1))) : make(Swift.min(number(0), number(1)), expression.type)
    case .max:
      return resultIsFloat
        ? .float(Swift.max(real(0), real(1))) : make(Swift.max(number(0), number(1)), expression.type)
    case .clamp:
      if resultIsFloat { return .float(Swift.min(Swift.max(real(0), real(1)), real(2))) }
      return make(Swift.min(Swift.max(number(0), number(1)), number(2)), expression.type)
    case .round:
      if values.count == 2 {
        let result = Numerics.round(real(0), decimals: number(1))
        guard result.isFinite else { throw fault(.notFinite, expression) }
        return .float(result)
      }
      return try rounded(real(0), .nearest)
    case .floor: return resultIsFloat ? .float(real(0)) : try rounded(real(0), .floor)
    case .ceil: return resultIsFloat ? .float(real(0)) : try rounded(real(0), .ceiling)
    case .sqrt: return try function(.sqrt, real(0))
    case .exp: return try function(.exp, real(0))
    case .ln: return try function(.ln, real(0))
    case .log10: return try function(.log10, real(0))
    case .sigmoid: return try function(.sigmoid, real(0))
    case .pow:
      let result = pow(real(0), real(1))
      if result.isNaN { throw fault(.domain, expression) }
      if !result.isFinite { throw fault(.notFinite, expression) }
      return .float(result)
    case .float: return .float(real(0))
    case .int: return try rounded(real(0), .truncate)
    case .amount: return .float(real(0))
    case .len:
      if case .list(let elements) = values.first { return .int(Int64(elements.count)) }
      return .int(Int64(text(0).count))
    case .count:
      guard case .list(let elements) = values.first else { return .int(0) }
      return .int(Int64(elements.filter { $0 == .bool(true) }.count))
    case .lower: return .string(Text.apply(.lower, text(0)))
    case .upper: return .string(Text.apply(.upper, text(0)))
    case .trim: return .string(Text.apply(.trim, text(0)))
    case .startsWith: return .bool(Text.holds(.startsWith, text(0), text(1)))
    case .endsWith: return .bool(Text.holds(.endsWith, text(0), text(1)))
    case .contains: return .bool(Text.holds(.contains, text(0), text(1)))
    case .daysSince: return try days(asOf.subtractingReportingOverflow(number(0)))
    case .daysUntil: return try days(number(0).subtractingReportingOverflow(asOf))
    case .daysBetween: return try days(number(1).subtractingReportingOverflow(number(0)))
    case .year: return .int(Numerics.datePart(.year, of: number(0)))
    case .month: return .int(Numerics.datePart(.month, of: number(0)))
    case .day: return .int(Numerics.datePart(.day, of: number(0)))
    case .weekday: return .int(Numerics.datePart(.weekday, of: number(0)))
    case .today: return .date(asOf)
    case .points: return .reward(ExplainGift(kind: .points, amount: number(0), currency: currency))
    case .voucher:
      var gift = ExplainGift(kind: .voucher, amount: number(0), currency: currency)
      if case .money(_, let written)? = values.first, !written.isEmpty { gift.currency = written }
      return .reward(gift)
    case .cashback: return .reward(ExplainGift(kind: .cashback, rate: real(0), currency: currency))
    case .badge: return .reward(ExplainGift(kind: .badge, label: text(0), currency: currency))
    case .present: return .bool(!(values.first?.isMissing ?? true))
    case .disparateImpact:
      throw unavailable("`disparate_impact` is only measured over a whole run", expression)
    case .distance:
      return try distance(arguments, expression)
    }
  }

  /// `distance(segment)`: the distance from the record to its k-means segment's centre, as the
  /// machine computes it with the segment.
  private func distance(_ arguments: [TypedExpression], _ expression: TypedExpression) throws(ExplainStop)
    -> ExplainValue
  {
    guard let argument = arguments.first, case .modelRef(let index) = argument.kind else {
      throw unavailable("`distance` needs a kmeans model", expression)
    }
    _ = try value(argument)
    guard let inputs = features[index], case .success(let loaded)? = models.models[index],
      case .kMeans(let kMeans) = loaded.model
    else { throw unavailable("`distance` needs a kmeans model", expression) }
    return .float(kMeans.assignment(inputs).distance)
  }
}
