import PlumChecker

extension Lowerer {
  /// Emits code computing `expression` and returns where its value is.
  func value(_ expression: TypedExpression) -> Operand {
    if !foldOperands.isEmpty, let operand = foldOperands[FoldKey(expression)] { return operand }
    if let constant = fold(expression) { return constantOperand(constant, type: expression.type) }
    return emitValue(expression)
  }

  /// Emits code computing `expression` without folding it first (its operands are still folded).
  func emitValue(_ expression: TypedExpression) -> Operand {
    switch expression.kind {
    case .field(let index):
      guard inputs.fields.indices.contains(index) else { return zero(expression.type) }
      inputs.fields[index].isRead = true
      let field = inputs.fields[index]
      return Operand(slot(field.slot, kind: slotKind(expression.type)), presence: field.presence)
    case .letRef(let index): return reference(.let(index), type: expression.type)
    case .ruleRef(let index): return reference(.rule(index), type: expression.type)
    case .modelRef(let index): return reference(.model(index), type: expression.type)
    case .narrowed(let inner):
      var operand = value(inner)
      operand.presence = nil
      return operand
    case .intToFloat(let inner):
      let operand = value(inner)
      return Operand(.float(floatRegister(operand)), presence: operand.presence)
    case .negate(let arithmetic, let inner):
      let operand = value(inner)
      if arithmetic == .float {
        let result = freshFloat()
        emit(.negateFloat(result, floatRegister(operand)))
        return Operand(.float(result))
      }
      let result = freshInt()
      emit(.negateInt(result, operand.register, site: site(expression.range)))
      return Operand(.int(result))
    case .not, .binary(.and, _, _), .binary(.or, _, _), .binary(.compare, _, _), .binary(.membership, _, _):
      return Operand(.int(materialize(expression)))
    case .binary(.coalesce, let left, let right):
      return coalesce(left, right, type: expression.type)
    case .binary(let operation, let left, let right):
      return arithmetic(operation, left, right, expression)
    case .conditional(let condition, let then, let otherwise):
      return conditional(condition, then, otherwise, type: expression.type)
    case .call(let builtin, let arguments):
      return call(builtin, arguments, expression)
    case .list(let elements):
      return list(elements, type: expression.type)
    case .interpolation(let segments):
      return Operand(.string(interpolate(segments)))
    case .bool, .int, .float, .money, .duration, .date, .string, .enumCase:
      return zero(expression.type)
    case .rewards where readsDecision: return Operand(.list(decisionSlot().rewards, .int))
    case .rewardGranted(let index) where readsDecision && policy.rewards.indices.contains(index):
      return Operand(.int(decisionSlot().given[index]))
    case .reason where readsDecision: return Operand(.string(decisionSlot().reason))
    case .rewarded, .rewards, .rewardGranted, .reason, .error:
      reportOnce(
        RuntimeDiagnostics.unsupportedExpression,
        "`\(sourceText(expression.range, limit: 40))` cannot be evaluated when deciding a record",
        at: expression.range)
      return zero(expression.type)
    }
  }

  /// Registers holding a constant value of `type`.
  func constantOperand(_ constant: Constant, type: PlumType) -> Operand {
    let kind = slotKind(type)
    if case .missing = constant {
      var operand = zero(type)
      operand.presence = constantInt(0)
      return operand
    }
    switch (constant, kind) {
    case (.int(let value), .float): return Operand(.float(constantFloat(Double(value))))
    case (.int(let value), _): return Operand(.int(constantInt(value)))
    case (.float(let value), _): return Operand(.float(constantFloat(value)))
    case (.string(let value), _): return Operand(.string(constantString(value)))
    case (.list(let elements), .list(let element)):
      let register = freshList()
      initialLists[Int(register)] = listValue(elements, element)
      return Operand(.list(register, element))
    case (.reward(let rewardKind, let amount, let rate, let label), _):
      return Operand(
        .reward(
          RewardSlots(
            kind: constantInt(rewardKind.rawValue), amount: constantInt(amount), rate: constantFloat(rate),
            label: constantString(label))))
    default: return zero(type)
    }
  }

  func listValue(_ elements: [Constant], _ kind: ListKind) -> ListValue {
    switch kind {
    case .int: .ints(elements.map { $0.intValue ?? 0 })
    case .float:
      .floats(elements.map { $0.floatValue ?? 0 })
    case .string: .strings(elements.map { $0.stringValue ?? "" })
    }
  }

  /// A placeholder value of `type` (zero, empty), used where lowering has reported an error.
  func zero(_ type: PlumType) -> Operand {
    switch slotKind(type) {
    case .int: Operand(.int(constantInt(0)))
    case .float: Operand(.float(constantFloat(0)))
    case .string: Operand(.string(constantString("")))
    case .list(let element):
      Operand(.list(freshList(), element))
    case .reward:
      Operand(
        .reward(
          RewardSlots(
            kind: constantInt(0), amount: constantInt(0), rate: constantFloat(0), label: constantString(""))))
    }
  }

  /// The register file a value of `type` lives in.
  func slotKind(_ type: PlumType) -> SlotKind {
    switch type {
    case .float: .float
    case .string: .string
    case .reward: .reward
    case .optional(let wrapped): slotKind(wrapped)
    case .list(let element):
      switch slotKind(element) {
      case .float: .list(.float)
      case .string: .list(.string)
      default: .list(.int)
      }
    case .bool, .int, .money, .date, .duration, .enumeration, .record, .error: .int
    }
  }

  func slot(_ register: Register, kind: SlotKind) -> Slot {
    switch kind {
    case .int: .int(register)
    case .float: .float(register)
    case .string: .string(register)
    case .list(let element): .list(register, element)
    case .reward: .int(register)
    }
  }

  /// How a value of `type` is shown in text.
  func displayKind(_ type: PlumType) -> DisplayKind {
    switch type {
    case .bool: .bool
    case .int: .int
    case .float: .float
    case .string: .string
    case .date: .date
    case .duration: .duration
    case .money(let currency):
      .money(digits: Int32(Money.minorDigits(of: currency)), currency: text(currency))
    case .enumeration(let enumType): .enumeration(enumeration(enumType))
    case .list(let element):
      switch slotKind(element) {
      case .float: .list(.float)
      case .string: .list(.string)
      default: .list(.int)
      }
    case .optional(let wrapped): displayKind(wrapped)
    case .record, .reward, .error: .int
    }
  }

  /// The minor-unit digits of a money type (2 when the type is not money).
  func moneyDigits(_ type: PlumType) -> Int {
    if case .money(let currency) = type.unwrapped { return Money.minorDigits(of: currency) }
    return 2
  }

  /// The value as a float register, converting an int.
  func floatRegister(_ operand: Operand) -> Register {
    switch operand.slot {
    case .float(let register): return register
    case .int(let register):
      let result = freshFloat()
      emit(.intToFloat(result, register))
      return result
    default: return constantFloat(0)
    }
  }

  /// Fresh registers of the same shape as `operand`.
  func freshLike(_ operand: Operand) -> Slot {
    switch operand.slot {
    case .int: .int(freshInt())
    case .float: .float(freshFloat())
    case .string: .string(freshString())
    case .list(_, let element): .list(freshList(), element)
    case .reward:
      .reward(RewardSlots(kind: freshInt(), amount: freshInt(), rate: freshFloat(), label: freshString()))
    }
  }

  /// Copies a value into registers of the same shape.
  func copy(_ from: Slot, to: Slot) {
    switch (from, to) {
    case (.int(let a), .int(let d)): emit(.copyInt(d, a))
    case (.float(let a), .float(let d)): emit(.copyFloat(d, a))
    case (.int(let a), .float(let d)): emit(.intToFloat(d, a))
    case (.string(let a), .string(let d)): emit(.copyString(d, a))
    case (.list(let a, _), .list(let d, _)): emit(.copyList(d, a))
    case (.reward(let a), .reward(let d)):
      emit(.copyInt(d.kind, a.kind))
      emit(.copyInt(d.amount, a.amount))
      emit(.copyFloat(d.rate, a.rate))
      emit(.copyString(d.label, a.label))
    default: break
    }
  }

  private func coalesce(_ left: TypedExpression, _ right: TypedExpression, type: PlumType) -> Operand {
    let primary = value(left)
    guard let presence = primary.presence else { return primary }
    let fallbackLabel = newLabel()
    let end = newLabel()
    let result = Operand(freshLike(primary), presence: type.isOptional ? freshInt() : nil)
    emit(.jumpIfFalse(presence, fallbackLabel))
    copy(primary.slot, to: result.slot)
    if let resultPresence = result.presence { emit(.setInt(resultPresence, 1)) }
    emit(.jump(end))
    place(fallbackLabel)
    let fallback = value(right)
    copy(fallback.slot, to: result.slot)
    if let resultPresence = result.presence {
      if let fallbackPresence = fallback.presence {
        emit(.copyInt(resultPresence, fallbackPresence))
      } else {
        emit(.setInt(resultPresence, 1))
      }
    }
    place(end)
    return result
  }

  private func conditional(
    _ condition: TypedExpression, _ then: TypedExpression, _ otherwise: TypedExpression, type: PlumType
  ) -> Operand {
    let elseLabel = newLabel()
    let end = newLabel()
    branch(condition, ifFalse: elseLabel)
    let first = value(then)
    let result = Operand(freshLike(first), presence: type.isOptional ? freshInt() : nil)
    copy(first.slot, to: result.slot)
    if let presence = result.presence {
      emit(first.presence.map { .copyInt(presence, $0) } ?? .setInt(presence, 1))
    }
    emit(.jump(end))
    place(elseLabel)
    let second = value(otherwise)
    copy(second.slot, to: result.slot)
    if let presence = result.presence {
      emit(second.presence.map { .copyInt(presence, $0) } ?? .setInt(presence, 1))
    }
    place(end)
    return result
  }

  private func list(_ elements: [TypedExpression], type: PlumType) -> Operand {
    guard case .list(let element) = slotKind(type) else { return zero(type) }
    let operands = elements.map { value($0) }
    let first: Register
    switch element {
    case .int:
      first = Register(initialInts.count)
      let registers = operands.map { _ in freshInt() }
      for (operand, register) in zip(operands, registers) { copy(operand.slot, to: .int(register)) }
    case .float:
      first = Register(initialFloats.count)
      let registers = operands.map { _ in freshFloat() }
      for (operand, register) in zip(operands, registers) { copy(operand.slot, to: .float(register)) }
    case .string:
      first = Register(initialStrings.count)
      let registers = operands.map { _ in freshString() }
      for (operand, register) in zip(operands, registers) { copy(operand.slot, to: .string(register)) }
    }
    let result = freshList()
    emit(.makeList(result, element, first: first, count: Int32(operands.count)))
    return Operand(.list(result, element))
  }

  /// Emits a `because` text into a fresh string register; values that carry personal data are redacted.
  ///
  /// The rule is the analysis's (`PersonalDataFlow`): a value that depends on a `pii` field, through
  /// its value or a condition that chooses it (`if ends_with(email, …) then …`, a rule on it), is
  /// replaced by `[redacted]`.
  func interpolate(_ segments: [TypedSegment]) -> Register {
    let result = freshString()
    emit(.clearString(result))
    for segment in segments {
      switch segment {
      case .text(let text): emit(.appendText(result, text: self.text(text)))
      case .value(let expression, let format):
        if personalData.carriesPersonalData(expression) {
          emit(.appendText(result, text: text("[redacted]")))
          continue
        }
        let operand = value(expression)
        if case .percent = format, case .float = displayKind(expression.type) {
          // A percentage is the value times 100: one that overflows (`{1e308:%}`) is the record's
          // error, by the checked multiplication, rather than the text `inf%`.
          emit(
            .multiplyFloat(
              freshFloat(), operand.register, constantFloat(100), site: site(expression.range)))
        }
        let displayFormat: DisplayFormat =
          switch format {
          case .none: .plain
          case .percent(let decimals): .percent(Int32(decimals))
          case .decimals(let decimals): .decimals(Int32(decimals))
          }
        emit(
          .appendValue(
            result, operand.register, display: display(displayKind(expression.type), displayFormat)))
      }
    }
    return result
  }
}
