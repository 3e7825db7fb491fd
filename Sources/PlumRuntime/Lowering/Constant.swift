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
  /// operators and library calls on constants are computed by lowering them and running the
  /// machine on that code (as cel-go folds constants with its own interpreter), so folding has no
  /// arithmetic of its own and cannot disagree with `plum run`. A subtree of such operations is
  /// computed in one machine run, so folding stays linear in its size.
  func fold(_ expression: TypedExpression) -> Constant? {
    if let known = folded[FoldKey(expression)] { return known }
    // A long operator chain leans left: fold its spine from the bottom up, so its length costs
    // no stack. The spine stops at an operation the machine computes, which folds its own subtree
    // without recursion.
    var spine: [TypedExpression] = []
    var node = expression
    while !Self.isComputed(node), case .binary(_, let left, _) = node.kind, folded[FoldKey(left)] == nil {
      spine.append(left)
      node = left
    }
    for inner in spine.reversed() { _ = foldOne(inner) }
    return foldOne(expression)
  }

  /// Folds one expression whose left operand, if any, is already folded or computed by the machine.
  private func foldOne(_ expression: TypedExpression) -> Constant? {
    if let known = folded[FoldKey(expression)] { return known }
    return Self.isComputed(expression) ? foldComputed(expression) : foldOnce(expression)
  }

  /// Folds one expression that is not an operation the machine computes.
  private func foldOnce(_ expression: TypedExpression) -> Constant? {
    let key = FoldKey(expression)
    if let known = folded[key] { return known }
    folded[key] = .some(nil)
    let value = computeFold(expression)
    folded[key] = .some(value)
    return value
  }

  /// Whether `expression` is an operator or library call whose value, on constant operands, the
  /// machine computes.
  static func isComputed(_ expression: TypedExpression) -> Bool {
    switch expression.kind {
    case .binary(.and, _, _), .binary(.or, _, _), .binary(.coalesce, _, _),
      .binary(.compare(_, .rewardSet), _, _):
      false
    case .binary, .negate, .not, .intToFloat: true
    case .call(.present, _), .call(.today, _), .call(.daysSince, _), .call(.daysUntil, _),
      .call(.disparateImpact, _), .call(.distance, _):
      false
    case .call: true
    default: false
    }
  }

  /// What folding knows of an operation while walking its subtree.
  private enum FoldStatus {
    /// Known without the machine: a constant, `missing`, or nil when it is not a constant.
    case known(Constant?)
    /// Its operands are constants; the machine computes it.
    case computed
  }

  /// One operation being walked: its operands and what is known of those visited so far.
  private struct FoldFrame {
    let node: TypedExpression
    let operands: [TypedExpression]
    var statuses: [FoldStatus] = []
  }

  /// Folds the subtree of machine-computed operations rooted at `top`: walks it without recursion
  /// (operands left to right, stopping at the first that is not a constant, as the machine would
  /// need them), then computes every operation whose operands are all constants in one machine
  /// run. When that run fails (overflow, division by zero…), each operation is computed on its
  /// own, so exactly those that fail, and the operations above them, are left to fail for each
  /// record at run time.
  private func foldComputed(_ top: TypedExpression) -> Constant? {
    var stack = [Self.frame(top)]
    folded[FoldKey(top)] = .some(nil)
    var computed: [FoldFrame] = []
    var rootStatus = FoldStatus.known(nil)
    while let index = stack.indices.last {
      let frame = stack[index]
      let stopped: Bool
      if case .known(nil)? = frame.statuses.last { stopped = true } else { stopped = false }
      if !stopped, frame.statuses.count < frame.operands.count {
        let operand = frame.operands[frame.statuses.count]
        if let known = folded[FoldKey(operand)] {
          stack[index].statuses.append(.known(known))
        } else if Self.isComputed(operand) {
          folded[FoldKey(operand)] = .some(nil)
          stack.append(Self.frame(operand))
        } else {
          stack[index].statuses.append(.known(fold(operand)))
        }
        continue
      }
      stack.removeLast()
      let status = stopped ? FoldStatus.known(nil) : Self.combine(frame)
      switch status {
      case .known(let value): folded[FoldKey(frame.node)] = .some(value)
      case .computed: computed.append(frame)
      }
      if let parent = stack.indices.last {
        stack[parent].statuses.append(status)
      } else {
        rootStatus = status
      }
    }
    computeAll(computed.map(\.node), operands: computed.map(\.operands))
    if case .known(let value) = rootStatus { return value }
    return folded[FoldKey(top)] ?? nil
  }

  /// Computes operations listed operands first, each with its operands: all of them in one
  /// machine run while none fails. When one fails, the ones before it keep their values, it is
  /// computed alone (to tell it from another with the same span), and the rest are run again
  /// without the operations it made non-constant.
  private func computeAll(_ nodes: [TypedExpression], operands: [[TypedExpression]]) {
    var pending = Set(nodes.map(FoldKey.init))
    var remaining = Array(nodes.indices)
    while !remaining.isEmpty {
      // An operation whose operand turned out not to be constant is not constant either.
      remaining = remaining.filter { index in
        let ready = operands[index].allSatisfy { operand in
          let key = FoldKey(operand)
          return pending.contains(key) || (folded[key].map { $0 != nil } ?? false)
        }
        if !ready {
          folded[FoldKey(nodes[index])] = .some(nil)
          pending.remove(FoldKey(nodes[index]))
        }
        return ready
      }
      guard !remaining.isEmpty else { break }
      let (values, complete) = run(remaining.map { nodes[$0] })
      for (index, value) in zip(remaining, values) {
        folded[FoldKey(nodes[index])] = .some(value)
        pending.remove(FoldKey(nodes[index]))
      }
      if complete { break }
      let failed = remaining[values.count]
      let (alone, _) = run([nodes[failed]])
      folded[FoldKey(nodes[failed])] = .some(alone.first)
      pending.remove(FoldKey(nodes[failed]))
      remaining.removeFirst(values.count + 1)
    }
  }

  private static func frame(_ node: TypedExpression) -> FoldFrame {
    switch node.kind {
    case .binary(_, let left, let right): FoldFrame(node: node, operands: [left, right])
    case .negate(_, let inner), .not(let inner), .intToFloat(let inner):
      FoldFrame(node: node, operands: [inner])
    case .call(_, let arguments): FoldFrame(node: node, operands: arguments)
    default: FoldFrame(node: node, operands: [])
    }
  }

  /// What an operation is once all its operands are known or computed: a missing operand makes a
  /// call that propagates it missing, and anything else not a constant.
  private static func combine(_ frame: FoldFrame) -> FoldStatus {
    let missing = frame.statuses.contains { if case .known(.missing) = $0 { true } else { false } }
    guard missing else { return .computed }
    if case .call(let builtin, _) = frame.node.kind, builtin.entry.propagatesMissing {
      return .known(.missing)
    }
    return .known(nil)
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
    case .call, .binary, .negate, .not, .intToFloat:
      // Operations the machine computes are folded by `foldComputed`; the others have no constant value.
      return nil
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

  /// The values of operations whose operands are constants or come earlier in `nodes`, computed
  /// by the machine running the code lowering emits for them. When that code fails (overflow,
  /// division by zero…), the values of the operations before the first that may have failed (the
  /// first with the failing instruction's span), and `complete` false.
  private func run(_ nodes: [TypedExpression]) -> (values: [Constant], complete: Bool) {
    let saved = snapshot()
    defer {
      restore(saved)
      foldOperands = [:]
    }
    let previous = beginBlock()
    var operands: [Operand] = []
    for node in nodes {
      let operand = emitValue(node)
      foldOperands[FoldKey(node)] = operand
      operands.append(operand)
    }
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
    let complete = machine.run(from: 0)
    var done = nodes.count
    if !complete {
      let site = machine.fault.map { Int($0.site) } ?? -1
      let range = sites.indices.contains(site) ? sites[site].range : nil
      done = nodes.firstIndex { $0.range == range } ?? 0
    }
    var values: [Constant] = []
    for operand in operands.prefix(done) {
      guard let value = machine.constant(at: operand.slot) else { return (values, false) }
      values.append(value)
    }
    return (values, complete && values.count == nodes.count)
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
