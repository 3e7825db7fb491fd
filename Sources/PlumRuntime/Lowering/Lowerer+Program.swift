import PlumChecker

extension Lowerer {
  /// Lowers the whole policy and links it.
  func lowerProgram() -> Program {
    layOutInputs()
    asOfRegister = freshInt()
    consentFailureRegister = freshInt()
    currentBlock = 0
    var rewards = policy.rewards.map(lowerReward)
    emit(.halt)
    var becauseLabels: [Address?] = []
    for (index, reward) in policy.rewards.enumerated() {
      guard let because = reward.because else {
        becauseLabels.append(nil)
        continue
      }
      let previous = beginBlock()
      unconditional = false
      let entry = newLabel()
      let blocked = newLabel()
      place(entry)
      emit(.onConsentFailure(blocked))
      let text = value(because)
      let result = freshString()
      copy(text.slot, to: .string(result))
      emit(.halt)
      place(blocked)
      emit(.clearString(result))
      emit(.appendText(result, text: self.text("(not evaluated: no consent)")))
      emit(.halt)
      currentBlock = previous
      becauseLabels.append(entry)
      rewards[index].because = (entry, result)
    }
    let (code, addresses) = link()
    for index in rewards.indices {
      if let label = becauseLabels[index], let because = rewards[index].because {
        rewards[index].because = (addresses[Int(label)], because.result)
      }
    }
    let declarations = declarations.map { declaration in
      var declaration = declaration
      declaration.entry = addresses[Int(declaration.entry)]
      return declaration
    }
    let selection: Selection =
      switch policy.select {
      case .all: .all
      case .bestByPriority(let max): .bestByPriority(max: max.map { Int(clamping: $0) })
      }
    var program = Program(
      name: policy.name?.name ?? "policy", currency: policy.currency ?? "", code: code,
      initialInts: initialInts, initialFloats: initialFloats,
      initialStrings: initialStrings, initialLists: initialLists, intSets: intSets, floatSets: floatSets,
      stringSets: stringSets, strings: strings, displays: displays, enumerations: enumerations, sites: sites,
      declarations: declarations, models: models, rewards: rewards, inputs: inputs, main: 0,
      selection: selection,
      asOfRegister: asOfRegister, consentFailureRegister: consentFailureRegister, explains: options.explain)
    program.budget = policy.budget.flatMap { fold($0.amount)?.intValue }
    program.pointValue = policy.pointValue.flatMap(pointValue)
    program.constraints = policy.constraints.compactMap { measured($0, inputs: inputs) }
    return program
  }

  /// A constraint of the form `disparate_impact(COND, by: FIELDS) OP NUMBER`, where COND is
  /// `rewarded` or a reward, as the run measures it; nil for any other form, and for a grouping
  /// field that is `pii` (group names appear in the summary).
  private func measured(_ constraint: CheckedConstraint, inputs: InputLayout) -> MeasuredConstraint? {
    guard case .binary(.compare(let comparison, _), let left, let right) = constraint.condition.kind,
      case .call(.disparateImpact, let arguments) = left.kind, arguments.count == 2,
      let threshold = Self.number(right)
    else { return nil }
    let subject: MeasuredConstraint.Subject
    let subjectName: String
    switch arguments[0].kind {
    case .rewarded:
      subject = .rewarded
      subjectName = "rewarded"
    case .rewardGranted(let index) where policy.rewards.indices.contains(index):
      subject = .reward(index)
      subjectName = policy.rewards[index].name.name
    default: return nil
    }
    let items: [TypedExpression]
    if case .list(let elements) = arguments[1].kind { items = elements } else { items = [arguments[1]] }
    var fields: [Int] = []
    for item in items {
      guard case .field(let field) = item.kind, inputs.fields.indices.contains(field),
        !inputs.fields[field].isPII
      else { return nil }
      fields.append(field)
    }
    return MeasuredConstraint(
      name: constraint.name.name, subject: subject, subjectName: subjectName, fields: fields,
      fieldPaths: fields.map { inputs.fields[$0].path }, comparison: comparison, threshold: threshold)
  }

  private static func number(_ expression: TypedExpression) -> Double? {
    switch expression.kind {
    case .float(let value): value
    case .int(let value): Double(value)
    case .intToFloat(let inner): number(inner)
    case .narrowed(let inner): number(inner)
    default: nil
    }
  }

  /// The exact value of `points worth AMOUNT`: a money literal keeps its written scale.
  private func pointValue(_ amount: TypedExpression) -> PointValue? {
    let digits = moneyDigits(amount.type)
    if case .money(let literal) = amount.kind {
      return PointValue(units: literal.units, scale: literal.scale, minorDigits: digits)
    }
    return fold(amount)?.intValue.map { PointValue(units: $0, scale: digits, minorDigits: digits) }
  }

  /// Gives every input field its register: fields first, in the order `PlumData.RecordRow` uses.
  func layOutInputs() {
    var fields: [InputField] = []
    for field in policy.input.fields {
      let type: InputType
      switch field.type.unwrapped {
      case .bool: type = .bool
      case .int: type = .int
      case .float: type = .float
      case .string: type = .string
      case .date: type = .date
      case .duration: type = .duration
      case .money(let currency): type = .money(digits: Money.minorDigits(of: currency))
      case .enumeration(let enumType): type = .enumeration(enumType.cases)
      case .list, .record, .reward, .optional, .error:
        reportOnce(
          RuntimeDiagnostics.unsupportedField,
          "input field `\(field.path)` of type `\(field.type)` cannot be read from records",
          at: field.name.range)
        type = .string
      }
      let register: Register
      switch type {
      case .float: register = freshFloat()
      case .string: register = freshString()
      default: register = freshInt()
      }
      fields.append(
        InputField(
          path: field.path, display: displayKind(field.type), slot: register, presence: nil,
          isPII: field.attributes.isPII, isRead: false, type: type, isOptional: field.type.isOptional))
    }
    let counts = (initialInts.count, initialFloats.count, initialStrings.count)
    for index in fields.indices where fields[index].isOptional {
      fields[index].presence = freshInt()
    }
    var visibleKey = policy.input.keyField
    if let key = visibleKey, fields[key].isPII { visibleKey = nil }
    inputs = InputLayout(
      fields: fields, intSlots: counts.0, floatSlots: counts.1, stringSlots: counts.2, visibleKey: visibleKey,
      keyField: policy.input.keyField)
  }

  /// Emits one reward's conditions, give, value and priority into the main block.
  ///
  /// The code falls through to the next reward whatever happens: failed conditions jump past
  /// `grant`, and a consent gate met on the way (only possible when some model it needs has a
  /// purpose) abandons the reward at `blocked`.
  private func lowerReward(_ reward: CheckedReward) -> RewardProgram {
    let granted = freshInt()
    let next = newLabel()
    let blocked = newLabel()
    unconditional = true
    consentReachable = false
    let gateOffset = blocks[currentBlock].count
    emit(.onConsentFailure(blocked))
    let blockedBy: Register? = options.explain ? freshInt() : nil
    let reached: Register? = options.explain ? freshInt() : nil
    if let reached { emit(.grant(reached)) }
    if let blockedBy { emit(.setInt(blockedBy, 0)) }
    let conditions = reward.requires + (reward.when.map(conjuncts) ?? [])
    var traced: [Conjunct] = []
    if options.explain {
      traced = conditions.map { Conjunct(text: sourceText($0.range), trace: freshInt()) }
      for conjunct in traced { emit(.setInt(conjunct.trace, 2)) }
    }
    var reachable = true
    for (index, condition) in conditions.enumerated() {
      if options.explain {
        let holds = materialize(condition)
        emit(.copyInt(traced[index].trace, holds))
        emit(.jumpIfFalse(holds, next))
      } else {
        branch(condition, ifFalse: next)
        if fold(condition) == .no {
          reachable = false
          break
        }
      }
    }
    var give = RewardSlots(
      kind: constantInt(0), amount: constantInt(0), rate: constantFloat(0), label: constantString(""))
    var valueRegister: Register?
    var costRegister: Register?
    var priority = constantInt(0)
    if reachable {
      if let expression = reward.give, case .reward(let slots) = value(expression).slot { give = slots }
      valueRegister = reward.value.map { value($0).register }
      costRegister = reward.cost.map { value($0).register }
      if let expression = reward.priority { priority = value(expression).register }
      emit(.grant(granted))
    }
    if consentReachable, let blockedBy {
      emit(.jump(next))
      place(blocked)
      emit(.copyInt(blockedBy, consentFailureRegister))
    } else {
      place(blocked)
    }
    place(next)
    if !consentReachable { removeInstruction(at: gateOffset) }
    return RewardProgram(
      name: reward.name.name, granted: granted, give: give, value: valueRegister, priority: priority,
      because: nil,
      conjuncts: traced, blockedBy: consentReachable ? blockedBy : nil, reached: reached, cost: costRegister)
  }

  /// A condition split at its top-level `and`s.
  private func conjuncts(_ condition: TypedExpression) -> [TypedExpression] {
    if case .binary(.and, let left, let right) = condition.kind {
      return conjuncts(left) + conjuncts(right)
    }
    return [condition]
  }
}
