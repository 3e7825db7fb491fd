import PlumChecker
import PlumRuntime

extension SQLCompiler {
  /// A let, rule or model: compiled once, on first use (as lowering creates its block), and read
  /// wherever it is used. Each use is recorded with the conditions under which it runs.
  func reference(_ reference: DeclarationReference) -> SQLTerm {
    uses[reference, default: []].append((root, path))
    if let known = declarations[reference] { return known }
    guard !inProgress.contains(reference) else { return SQLTerm(value: .null, stop: nil) }
    inProgress.insert(reference)
    defer { inProgress.remove(reference) }
    let savedRoot = root
    let savedPath = path
    root = .declaration(reference)
    path = []
    let term: SQLTerm
    switch reference {
    case .let(let index): term = compile(policy.lets[index].value)
    case .rule(let index): term = compile(policy.rules[index].condition)
    case .model(let index): term = model(index)
    }
    root = savedRoot
    path = savedPath
    declarations[reference] = term
    if runsCode(reference) { blocks.append(reference) }
    return term
  }

  /// Whether lowering gives a declaration a code block (others are aliases of a constant, an
  /// input field or another alias, never "evaluated", and so never among `reasons`).
  func runsCode(_ reference: DeclarationReference) -> Bool {
    switch reference {
    case .let(let index): emitsCode(policy.lets[index].value)
    case .rule(let index): emitsCode(policy.rules[index].condition)
    case .model: true
    }
  }

  /// Whether lowering an expression emits any instruction.
  func emitsCode(_ expression: TypedExpression) -> Bool {
    if facts.fold(expression) != nil { return false }
    switch expression.kind {
    case .field: return false
    case .narrowed(let inner): return emitsCode(inner)
    case .letRef(let index): return runsCode(.let(index))
    case .ruleRef(let index): return runsCode(.rule(index))
    case .call(.present, let arguments): return arguments.first.map(emitsCode) ?? false
    default: return true
    }
  }

  /// The condition under which a root's code runs for the record.
  func reached(_ root: SQLRoot) -> SQLFragment {
    switch root {
    case .conditions: return .yes
    case .outcome(let index): return rewardStates[index]?.holds ?? .no
    case .because(let index): return rewardStates[index]?.selected ?? .no
    case .declaration(let reference): return reached(reference)
    }
  }

  /// The condition under which a declaration runs for the record: one of its uses runs.
  func reached(_ reference: DeclarationReference) -> SQLFragment {
    if let known = reachedCache[reference] { return known }
    reachedCache[reference] = .no  // a cycle cannot occur in a checked policy
    let alternatives = (uses[reference] ?? []).map { use -> SQLFragment in
      let parts = ([reached(use.root)] + use.path).filter { $0 != .yes }
      if parts.contains(.no) { return SQLFragment.no }
      if parts.isEmpty { return SQLFragment.yes }
      return builder.bind(
        sql(parts) { "(" + $0.map { "COALESCE(\($0), FALSE)" }.joined(separator: " AND ") + ")" })
    }
    let needed = alternatives.filter { $0 != .no }
    let result: SQLFragment =
      needed.contains(.yes)
      ? .yes : needed.isEmpty ? .no : builder.bind(sql(needed) { "(" + $0.joined(separator: " OR ") + ")" })
    reachedCache[reference] = result
    return result
  }
}
