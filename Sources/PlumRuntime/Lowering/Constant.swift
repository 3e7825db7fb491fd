import PlumChecker
import PlumData
import PlumDiagnostics

/// A value known while lowering: what constant folding computes.
///
/// Values that live in int registers (bools as 0/1, ints, money in minor units, dates, durations,
/// enumeration case indexes) are all `.int`, as in the machine.
package enum Constant: Hashable {
  case int(Int64)
  case float(Double)
  case string(String)
  case list([Constant])
  /// A missing optional value.
  case missing
  /// A reward value as `give` constructs it.
  case reward(RewardKind, amount: Int64, rate: Double, label: String)

  package static let yes = Constant.int(1)
  package static let no = Constant.int(0)

  /// The value as an int, if it is one.
  package var intValue: Int64? { if case .int(let value) = self { value } else { nil } }
  /// The value as a float (ints converted), if it is a number.
  package var floatValue: Double? {
    switch self {
    case .float(let value): value
    case .int(let value): Double(value)
    default: nil
    }
  }
  /// The value as a string, if it is one.
  package var stringValue: String? { if case .string(let value) = self { value } else { nil } }
}

extension Lowerer {
  /// The value of `expression` if it is the same for every record and computing it cannot fail.
  ///
  /// Literals, lists, lets and rules and the choices of `and`, `or`, `??` and `if` are folded here;
  /// an operator or library call on constants is computed by lowering it and running the machine on
  /// that code (as cel-go folds constants with its own interpreter), so folding has no arithmetic
  /// of its own and cannot disagree with `plum run`.
  func fold(_ expression: TypedExpression) -> Constant? {
    if let known = folded[FoldKey(expression)] { return known }
    // A long operator chain leans left: fold its spine from the bottom up, so its length costs
    // no stack.
    var spine: [TypedExpression] = []
    var node = expression
    while case .binary(_, let left, _) = node.kind, folded[FoldKey(left)] == nil {
      spine.append(left)
      node = left
    }
    for inner in spine.reversed() { _ = foldOnce(inner) }
    return foldOnce(expression)
  }

  /// Folds one expression whose left operand, if any, is already folded.
  private func foldOnce(_ expression: TypedExpression) -> Constant? {
    let key = FoldKey(expression)
    if let known = folded[key] { return known }
    // While the machine computes it, the expression is not a constant: its own code is lowered.
    folded[key] = .some(nil)
    let value = computeFold(expression)
    folded[key] = .some(value)
    return value
  }

  private func computeFold(_ expression: TypedExpression) -> Constant? {
    switch expression.kind {
    case .bool(let value): return .int(value ? 1 : 0)
    case .int(let value): return .int(value)
    case .float(let value): return .float(value)
    case .money(let literal):
      let digits = moneyDigits(expression.type)
      guard let units = Money.minorUnits(units: literal.units, scale: literal.scale, digits: digits) else {
        reportOnce(
          RuntimeDiagnostics.inexactMoney,
          "money literal `\(source.text(in: expression.range))` is finer than the minor unit of "
            + "\(literal.currency) (\(digits) decimals)", at: expression.range)
        return .int(0)
      }
      return .int(units)
    case .duration(let days): return .int(days)
    case .date(let literal):
      return .int(
        CivilDate.days(year: Int64(literal.year), month: Int64(literal.month), day: Int64(literal.day)))
    case .string(let text): return .string(text)
    case .enumCase(_, let index): return .int(Int64(index))
    case .list(let elements):
      var values: [Constant] = []
      for element in elements {
        guard let value = fold(element) else { return nil }
        values.append(value)
      }
      return .list(values)
    case .letRef(let index): return foldDeclaration(.let(index))
    case .ruleRef(let index): return foldDeclaration(.rule(index))
    case .narrowed(let inner): return fold(inner)
    case .binary(.and, let left, let right):
      switch fold(left) {
      case .int(0): return .no
      case .int: return fold(right)
      default: return nil
      }
    case .binary(.or, let left, let right):
      switch fold(left) {
      case .int(0): return fold(right)
      case .int: return .yes
      default: return nil
      }
    case .binary(.coalesce, let left, let right):
      switch fold(left) {
      case .missing: return fold(right)
      case .some(let value): return value
      case .none: return nil
      }
    case .conditional(let condition, let then, let otherwise):
      guard case .int(let value) = fold(condition) else { return nil }
      return fold(value != 0 ? then : otherwise)
    case .call(.present, let arguments):
      guard let argument = arguments.first else { return nil }
      if !argument.type.isOptional { return .yes }
      guard let value = fold(argument) else { return nil }
      return value == .missing ? .no : .yes
    case .call(.today, _), .call(.daysSince, _), .call(.daysUntil, _), .call(.disparateImpact, _),
      .call(.distance, _):
      return nil
    case .call(let builtin, let arguments):
      var missing = false
      for argument in arguments {
        guard let value = fold(argument) else { return nil }
        if value == .missing { missing = true }
      }
      if missing { return builtin.entry.propagatesMissing ? .missing : nil }
      return computed(expression)
    case .binary(.compare(_, .rewardSet), _, _):
      return nil
    case .binary(_, let left, let right):
      guard let a = fold(left), let b = fold(right), a != .missing, b != .missing else { return nil }
      return computed(expression)
    case .negate(_, let inner), .not(let inner), .intToFloat(let inner):
      guard let value = fold(inner), value != .missing else { return nil }
      return computed(expression)
    case .field, .modelRef, .interpolation, .rewarded, .rewards, .rewardGranted, .reason, .error:
      return nil
    }
  }

  private func foldDeclaration(_ reference: DeclarationReference) -> Constant? {
    if let cached = foldCache[reference] { return cached }
    guard !folding.contains(reference) else { return nil }
    folding.insert(reference)
    defer { folding.remove(reference) }
    let value: Constant?
    switch reference {
    case .let(let index): value = fold(policy.lets[index].value)
    case .rule(let index): value = fold(policy.rules[index].condition)
    case .model: value = nil
    }
    foldCache[reference] = .some(value)
    return value
  }

  /// The value of an operation whose operands are constants, computed by the machine running the
  /// code lowering emits for it; nil when that code fails (overflow, division by zero…), which is
  /// then left to fail for each record at run time.
  private func computed(_ expression: TypedExpression) -> Constant? {
    let saved = snapshot()
    defer { restore(saved) }
    let previous = beginBlock()
    let operand = emitValue(expression)
    emit(.halt)
    let code = blocks[currentBlock]
    currentBlock = previous
    let program = Program(
      name: "constant", currency: policy.currency ?? "", code: code, initialInts: initialInts,
      initialFloats: initialFloats, initialStrings: initialStrings, initialLists: initialLists,
      intSets: intSets,
      floatSets: floatSets, stringSets: stringSets, strings: strings, displays: displays,
      enumerations: enumerations,
      sites: sites,
      declarations: [], models: [], rewards: [],
      inputs: InputLayout(
        fields: [], intSlots: 0, floatSlots: 0, stringSlots: 0, visibleKey: nil, keyField: nil),
      main: 0, selection: .all, asOfRegister: asOfRegister, consentFailureRegister: consentFailureRegister,
      explains: false)
    // The as-of register keeps its initial value: constants never read the date.
    let asOf = initialInts.indices.contains(Int(asOfRegister)) ? initialInts[Int(asOfRegister)] : 0
    let machine = Machine(program: program, asOf: asOf)
    guard machine.run(from: 0) else { return nil }
    return machine.constant(at: operand.slot)
  }

  /// What lowering has made so far, so code lowered only to compute a constant leaves no trace.
  private struct Snapshot {
    var ints: Int, floats: Int, strings: Int, lists: Int
    var intConstants: [Int64: Register], floatConstants: [UInt64: Register],
      stringConstants: [[UInt8]: Register]
    var blocks: Int, labels: Int, texts: Int, intSets: Int, floatSets: Int, stringSets: Int, sites: Int
    var siteIndexes: [SourceRange: Int32], enumerations: Int, displays: Int, unconditional: Bool
  }

  private func snapshot() -> Snapshot {
    Snapshot(
      ints: initialInts.count, floats: initialFloats.count, strings: initialStrings.count,
      lists: initialLists.count, intConstants: intConstants, floatConstants: floatConstants,
      stringConstants: stringConstants, blocks: blocks.count, labels: labelCount, texts: self.strings.count,
      intSets: intSets.count, floatSets: floatSets.count, stringSets: stringSets.count, sites: sites.count,
      siteIndexes: siteIndexes, enumerations: enumerations.count, displays: displays.count,
      unconditional: unconditional)
  }

  private func restore(_ saved: Snapshot) {
    initialInts.removeLast(initialInts.count - saved.ints)
    initialFloats.removeLast(initialFloats.count - saved.floats)
    initialStrings.removeLast(initialStrings.count - saved.strings)
    initialLists.removeLast(initialLists.count - saved.lists)
    intConstants = saved.intConstants
    floatConstants = saved.floatConstants
    stringConstants = saved.stringConstants
    blocks.removeLast(blocks.count - saved.blocks)
    truncateLabels(to: saved.labels)
    strings.removeLast(strings.count - saved.texts)
    intSets.removeLast(intSets.count - saved.intSets)
    floatSets.removeLast(floatSets.count - saved.floatSets)
    stringSets.removeLast(stringSets.count - saved.stringSets)
    sites.removeLast(sites.count - saved.sites)
    foreignSites = foreignSites.filter { Int($0) < saved.sites }
    siteIndexes = saved.siteIndexes
    enumerations.removeLast(enumerations.count - saved.enumerations)
    displays.removeLast(displays.count - saved.displays)
    unconditional = saved.unconditional
  }
}

/// A folded expression's identity: its span, type and form (a conversion or narrowing shares its
/// operand's span).
struct FoldKey: Hashable {
  let range: SourceRange
  let type: PlumType
  let form: Int

  init(_ expression: TypedExpression) {
    range = expression.range
    type = expression.type
    form =
      switch expression.kind {
      case .bool: 1
      case .int: 2
      case .float: 3
      case .money: 4
      case .duration: 5
      case .date: 6
      case .string: 7
      case .enumCase: 8
      case .interpolation: 9
      case .list: 10
      case .field: 11
      case .letRef: 12
      case .ruleRef: 13
      case .modelRef: 14
      case .narrowed: 15
      case .intToFloat: 16
      case .call: 17
      case .negate: 18
      case .not: 19
      case .binary: 20
      case .conditional: 21
      case .rewards: 22
      case .rewardGranted: 23
      case .reason: 24
      case .rewarded: 25
      case .error: 26
      }
  }
}

extension Machine {
  /// The constant a value's registers hold.
  func constant(at slot: Slot) -> Constant? {
    switch slot {
    case .int(let register): return .int(ints[Int(register)])
    case .float(let register): return .float(floats[Int(register)])
    case .string(let register): return .string(strings[Int(register)])
    case .list(let register, _):
      switch lists[Int(register)] {
      case .ints(let values): return .list(values.map(Constant.int))
      case .floats(let values): return .list(values.map(Constant.float))
      case .strings(let values): return .list(values.map(Constant.string))
      }
    case .reward(let slots):
      guard let kind = RewardKind(rawValue: ints[Int(slots.kind)]) else { return nil }
      return .reward(
        kind, amount: ints[Int(slots.amount)], rate: floats[Int(slots.rate)], label: strings[Int(slots.label)]
      )
    }
  }
}
