import PlumChecker

extension Lowerer {
  /// Emits a standard-library call; a missing optional argument makes the result missing.
  func call(_ builtin: Builtin, _ arguments: [TypedExpression], _ expression: TypedExpression) -> Operand {
    if builtin == .present {
      guard let argument = arguments.first else { return zero(.bool) }
      return Operand(.int(value(argument).presence ?? constantInt(1)))
    }
    if builtin == .distance {
      // Running the model's declaration writes its distance too; a model that did not load has none.
      guard let argument = arguments.first, case .modelRef(let index) = argument.kind else {
        return zero(.float)
      }
      _ = value(argument)
      guard let distance = segmentDistances[policy.models[index].name.name] else { return zero(.float) }
      return Operand(.float(distance))
    }
    let operands = arguments.map { value($0) }
    let propagates = builtin.entry.propagatesMissing
    let missingChecks = propagates ? operands.compactMap(\.presence) : []
    guard !missingChecks.isEmpty else {
      return compute(builtin, operands, arguments, expression)
    }
    let missing = newLabel()
    let end = newLabel()
    let presence = freshInt()
    for check in missingChecks { emit(.jumpIfFalse(check, missing)) }
    var result = compute(builtin, operands, arguments, expression)
    emit(.setInt(presence, 1))
    emit(.jump(end))
    place(missing)
    emit(.setInt(presence, 0))
    place(end)
    result.presence = presence
    return result
  }

  private func compute(
    _ builtin: Builtin, _ operands: [Operand], _ arguments: [TypedExpression], _ expression: TypedExpression
  ) -> Operand {
    let here = site(expression.range)
    let resultIsFloat = slotKind(expression.type) == .float
    func int(_ make: (Register) -> Instruction) -> Operand {
      let d = freshInt()
      emit(make(d))
      return Operand(.int(d))
    }
    func float(_ make: (Register) -> Instruction) -> Operand {
      let d = freshFloat()
      emit(make(d))
      return Operand(.float(d))
    }
    func string(_ make: (Register) -> Instruction) -> Operand {
      let d = freshString()
      emit(make(d))
      return Operand(.string(d))
    }
    func operand(_ index: Int) -> Operand {
      operands.indices.contains(index) ? operands[index] : zero(.int)
    }
    func r(_ index: Int) -> Register { operand(index).register }
    func f(_ index: Int) -> Register { floatRegister(operand(index)) }

    switch builtin {
    case .abs:
      return resultIsFloat
        ? float { .floatFunction(.abs, $0, f(0), site: here) } : int { .absInt($0, r(0), site: here) }
    case .min:
      return resultIsFloat ? float { .minFloat($0, f(0), f(1)) } : int { .minInt($0, r(0), r(1)) }
    case .max:
      return resultIsFloat ? float { .maxFloat($0, f(0), f(1)) } : int { .maxInt($0, r(0), r(1)) }
    case .clamp:
      if resultIsFloat {
        let low = float { .maxFloat($0, f(0), f(1)) }
        return float { .minFloat($0, low.register, f(2)) }
      }
      let low = int { .maxInt($0, r(0), r(1)) }
      return int { .minInt($0, low.register, r(2)) }
    case .round:
      if operands.count == 2 { return float { .roundToDecimals($0, f(0), r(1), site: here) } }
      return int { .floatToInt($0, f(0), .nearest, site: here) }
    case .floor:
      return resultIsFloat
        ? float { .copyFloat($0, f(0)) } : int { .floatToInt($0, f(0), .floor, site: here) }
    case .ceil:
      return resultIsFloat
        ? float { .copyFloat($0, f(0)) } : int { .floatToInt($0, f(0), .ceiling, site: here) }
    case .sqrt: return float { .floatFunction(.sqrt, $0, f(0), site: here) }
    case .exp: return float { .floatFunction(.exp, $0, f(0), site: here) }
    case .ln: return float { .floatFunction(.ln, $0, f(0), site: here) }
    case .log10: return float { .floatFunction(.log10, $0, f(0), site: here) }
    case .sigmoid: return float { .floatFunction(.sigmoid, $0, f(0), site: here) }
    case .pow: return float { .power($0, f(0), f(1), site: here) }
    case .float: return Operand(.float(f(0)))
    case .int: return int { .floatToInt($0, f(0), .truncate, site: here) }
    case .amount:
      let digits = Int32(moneyDigits(arguments.first?.type ?? .int))
      return float { .moneyToFloat($0, r(0), digits: digits) }
    case .len:
      if case .list = operand(0).slot { return int { .listLength($0, r(0)) } }
      return int { .stringLength($0, r(0)) }
    case .count: return int { .countTrue($0, r(0)) }
    case .lower: return string { .stringFunction(.lower, $0, r(0)) }
    case .upper: return string { .stringFunction(.upper, $0, r(0)) }
    case .trim: return string { .stringFunction(.trim, $0, r(0)) }
    case .startsWith: return int { .stringTest(.startsWith, $0, r(0), r(1)) }
    case .endsWith: return int { .stringTest(.endsWith, $0, r(0), r(1)) }
    case .contains: return int { .stringTest(.contains, $0, r(0), r(1)) }
    case .daysSince:
      readsAsOf = true
      return int { .subtractInt($0, asOfRegister, r(0), site: here) }
    case .daysUntil:
      readsAsOf = true
      return int { .subtractInt($0, r(0), asOfRegister, site: here) }
    case .daysBetween: return int { .subtractInt($0, r(1), r(0), site: here) }
    case .year: return int { .datePart(.year, $0, r(0)) }
    case .month: return int { .datePart(.month, $0, r(0)) }
    case .day: return int { .datePart(.day, $0, r(0)) }
    case .weekday: return int { .datePart(.weekday, $0, r(0)) }
    case .today:
      readsAsOf = true
      return Operand(.int(asOfRegister))
    case .points, .voucher, .cashback, .badge:
      let kind: RewardKind =
        switch builtin {
        case .points: .points
        case .voucher: .voucher
        case .cashback: .cashback
        default: .badge
        }
      let amount = builtin == .points || builtin == .voucher ? r(0) : constantInt(0)
      let rate = builtin == .cashback ? f(0) : constantFloat(0)
      let label = builtin == .badge ? r(0) : constantString("")
      return Operand(
        .reward(RewardSlots(kind: constantInt(kind.rawValue), amount: amount, rate: rate, label: label)))
    case .present, .disparateImpact, .distance:
      reportOnce(
        RuntimeDiagnostics.unsupportedExpression,
        "`\(sourceText(expression.range, limit: 40))` cannot be evaluated when deciding a record",
        at: expression.range)
      return zero(expression.type)
    }
  }
}
