import PlumChecker

extension Lowerer {
  /// Emits code that falls through when `condition` holds and jumps to `target` when it does not,
  /// evaluating `and`/`or` operands only as far as needed.
  func branch(_ condition: TypedExpression, ifFalse target: Address) {
    if let constant = fold(condition) {
      if constant == .no { emit(.jump(target)) }
      return
    }
    switch condition.kind {
    case .binary(.and, let left, let right):
      branch(left, ifFalse: target)
      branch(right, ifFalse: target)
    case .binary(.or, let left, let right):
      let holds = newLabel()
      branch(left, ifTrue: holds)
      branch(right, ifFalse: target)
      place(holds)
    case .not(let inner):
      branch(inner, ifTrue: target)
    case .binary(.compare(let comparison, let comparand), let left, let right)
    where comparand != .string && comparand != .rewardSet:
      let a = value(left)
      let b = value(right)
      if comparand == .float {
        emit(.jumpUnlessFloat(comparison, floatRegister(a), floatRegister(b), target))
      } else {
        emit(.jumpUnlessInt(comparison, a.register, b.register, target))
      }
    case .binary(.membership(let negated, let comparand), let left, let right):
      if case .list(let elements) = fold(right), comparand != .float {
        let a = value(left)
        if comparand == .string {
          let set = stringSet(elements.map { $0.stringValue ?? "" })
          emit(.jumpUnlessMemberString(a.register, set: set, negated: negated, target))
        } else {
          let set = intSet(elements.map { $0.intValue ?? 0 })
          emit(.jumpUnlessMemberInt(a.register, set: set, negated: negated, target))
        }
      } else {
        emit(.jumpIfFalse(materialize(condition), target))
      }
    default:
      emit(.jumpIfFalse(value(condition).register, target))
    }
  }

  /// Emits code that jumps to `target` when `condition` holds and falls through otherwise.
  func branch(_ condition: TypedExpression, ifTrue target: Address) {
    if let constant = fold(condition) {
      if constant != .no { emit(.jump(target)) }
      return
    }
    switch condition.kind {
    case .binary(.or, let left, let right):
      branch(left, ifTrue: target)
      branch(right, ifTrue: target)
    case .binary(.and, let left, let right):
      let fails = newLabel()
      branch(left, ifFalse: fails)
      branch(right, ifTrue: target)
      place(fails)
    case .not(let inner):
      branch(inner, ifFalse: target)
    default:
      emit(.jumpIfTrue(value(condition).register, target))
    }
  }

  /// Emits code leaving a bool condition's value (0 or 1) in an int register.
  func materialize(_ condition: TypedExpression) -> Register {
    if let constant = fold(condition) { return constantInt(constant == .no ? 0 : 1) }
    switch condition.kind {
    case .not(let inner):
      let result = freshInt()
      emit(.not(result, value(inner).register))
      return result
    case .binary(.compare(let comparison, let comparand), let left, let right):
      let a = value(left)
      let b = value(right)
      let result = freshInt()
      switch comparand {
      case .float: emit(.compareFloat(comparison, result, floatRegister(a), floatRegister(b)))
      case .string: emit(.compareString(comparison, result, a.register, b.register))
      case .rewardSet where readsDecision:
        emit(.sameElements(result, a.register, b.register))
        if comparison == .notEqual { emit(.not(result, result)) }
      case .rewardSet:
        reportOnce(
          RuntimeDiagnostics.unsupportedExpression,
          "`\(sourceText(condition.range, limit: 40))` cannot be evaluated when deciding a record",
          at: condition.range)
      default: emit(.compareInt(comparison, result, a.register, b.register))
      }
      return result
    case .binary(.membership(let negated, let comparand), let left, let right):
      let a = value(left)
      let result = freshInt()
      if case .list(let elements) = fold(right) {
        switch comparand {
        case .string:
          let set = stringSet(elements.map { $0.stringValue ?? "" })
          emit(.memberString(result, a.register, set: set, negated: negated))
        case .float:
          let values = elements.map { $0.floatValue ?? 0 }
          emit(.memberFloat(result, floatRegister(a), set: floatSet(values), negated: negated))
        default:
          let set = intSet(elements.map { $0.intValue ?? 0 })
          emit(.memberInt(result, a.register, set: set, negated: negated))
        }
        return result
      }
      let list = value(right)
      switch comparand {
      case .string: emit(.memberStringList(result, a.register, list.register, negated: negated))
      case .float: emit(.memberFloatList(result, floatRegister(a), list.register, negated: negated))
      default: emit(.memberIntList(result, a.register, list.register, negated: negated))
      }
      return result
    default:
      let result = freshInt()
      let fails = newLabel()
      emit(.setInt(result, 0))
      branch(condition, ifFalse: fails)
      emit(.setInt(result, 1))
      place(fails)
      return result
    }
  }

  /// Emits an arithmetic operation.
  func arithmetic(
    _ operation: BinaryOperation, _ left: TypedExpression, _ right: TypedExpression,
    _ expression: TypedExpression
  ) -> Operand {
    var a = value(left)
    var b = value(right)
    let here = site(expression.range)
    switch operation {
    case .add(.float), .subtract(.float), .multiply(.float), .divide(.float), .remainder(.float):
      let x = floatRegister(a)
      let y = floatRegister(b)
      let d = freshFloat()
      switch operation {
      case .add: emit(.addFloat(d, x, y, site: here))
      case .subtract: emit(.subtractFloat(d, x, y, site: here))
      case .multiply: emit(.multiplyFloat(d, x, y, site: here))
      case .divide: emit(.divideFloat(d, x, y, site: here))
      default: emit(.remainderFloat(d, x, y, site: here))
      }
      return Operand(.float(d))
    case .multiply(.moneyByFloat), .divide(.moneyByFloat):
      if case .float = a.slot { swap(&a, &b) }
      let d = freshInt()
      if case .multiply = operation {
        emit(.multiplyMoneyByFloat(d, a.register, floatRegister(b), site: here))
      } else {
        emit(.divideMoneyByFloat(d, a.register, floatRegister(b), site: here))
      }
      return Operand(.int(d))
    case .divide(.moneyByInt):
      let d = freshInt()
      emit(.divideMoneyByInt(d, a.register, b.register, site: here))
      return Operand(.int(d))
    case .divide(.moneyRatio):
      let d = freshFloat()
      emit(.moneyRatio(d, a.register, b.register, site: here))
      return Operand(.float(d))
    case .add(.dateDuration): return intOperation(Instruction.addDays, a, b, here)
    case .subtract(.dateDuration): return intOperation(Instruction.subtractDays, a, b, here)
    case .add: return intOperation(Instruction.addInt, a, b, here)
    case .subtract: return intOperation(Instruction.subtractInt, a, b, here)
    case .multiply: return intOperation(Instruction.multiplyInt, a, b, here)
    case .divide: return intOperation(Instruction.divideInt, a, b, here)
    case .remainder: return intOperation(Instruction.remainderInt, a, b, here)
    default: return zero(expression.type)
    }
  }

  private func intOperation(
    _ make: (Register, Register, Register, Int32) -> Instruction, _ a: Operand, _ b: Operand, _ site: Int32
  ) -> Operand {
    let d = freshInt()
    emit(make(d, a.register, b.register, site))
    return Operand(.int(d))
  }
}
