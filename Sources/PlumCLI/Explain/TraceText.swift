import PlumChecker
import PlumRuntime

/// Shows a reward's conditions for one record: each conjunct with its value, the first false one
/// marked, and rules expanded one level into their own conjuncts.
struct TraceText {
  let inspector: RecordInspector
  let decision: ExplainDecision

  private var dependencies: ExplainDependencies { ExplainDependencies(policy: inspector.policy) }

  /// The reward's outcome in a few words: `given`, `eligible, not selected`, `not eligible`.
  func status(of reward: Int) -> String {
    let trace = decision.rewards[reward]
    switch trace.outcome {
    case .eligible: return decision.selected.contains(reward) ? "given" : "eligible, not selected"
    case .failed(let position): return "not eligible: `\(trace.conjuncts[position].text)` is false"
    case .blocked(let model, let purpose):
      return "not eligible: model `\(inspector.policy.models[model].name.name)` needs consent `\(purpose)`"
    case .fault(let fault): return "error: \(fault.message(in: inspector.source))"
    case .notEvaluated: return "not evaluated (the record stopped at an earlier error)"
    }
  }

  /// One line per conjunct (and per conjunct of a rule it names), indented by `indent`.
  func conditions(of reward: Int, indent: String) -> [String] {
    let trace = decision.rewards[reward]
    if trace.conjuncts.isEmpty { return [indent + "(no conditions: applies to every record)"] }
    var rows: [Row] = []
    var firstFalseSeen = false
    for conjunct in trace.conjuncts {
      var row = Row(depth: 0, text: conjunct.text, result: conjunct.result, note: nil)
      if case .success(false)? = conjunct.result, !firstFalseSeen {
        row.note = "first false"
        firstFalseSeen = true
      }
      row.detail = annotation(conjunct.expression, result: conjunct.result)
      rows.append(row)
      if case .ruleRef(let index) = conjunct.expression.kind, conjunct.result != nil {
        rows += ruleRows(index)
      }
    }
    return render(rows, indent: indent)
  }

  /// One line per conjunct of a bool expression split at its top-level `and`s, each with its value
  /// (every conjunct is evaluated) and the first false one marked; rules are expanded one level.
  func conjuncts(of condition: TypedExpression, indent: String) -> [String] {
    var rows: [Row] = []
    var firstFalseSeen = false
    for part in condition.conjuncts {
      let result = inspector.evaluate(part).map { $0.boolValue ?? false }
      var row = Row(
        depth: 0, text: explainText(part), result: result, note: nil, detail: annotation(part, result: result)
      )
      if result == .success(false), !firstFalseSeen {
        row.note = "first false"
        firstFalseSeen = true
      }
      rows.append(row)
      if case .ruleRef(let index) = part.kind { rows += ruleRows(index) }
    }
    return render(rows, indent: indent)
  }

  /// A value as explanations show it, `<redacted>` when it derives from a `pii` field and is not a
  /// bool; floats are rounded to four decimals unless `exact`.
  func shown(_ expression: TypedExpression, exact: Bool = false) -> String {
    let result = inspector.evaluate(expression)
    if Self.redacts(expression, result, dependencies) { return "<redacted>" }
    switch result {
    case .success(let value): return exact ? value.description : value.brief
    case .failure(.noConsent(_, let purpose)): return "not evaluated (no consent `\(purpose)`)"
    case .failure(.fault(let fault)): return "error: \(fault.summary)"
    }
  }

  /// Whether explanations hide a value: it derives from a `pii` field and is not a bool. Conditions
  /// on personal data show whether they held, as the decision turns on them; no other value does.
  static func redacts(
    _ expression: TypedExpression, _ result: Result<ExplainValue, ExplainStop>,
    _ dependencies: ExplainDependencies
  ) -> Bool {
    if case .success(.bool) = result { return false }
    return dependencies.readsPII(expression)
  }

  // MARK: Rows

  private struct Row {
    var depth: Int
    var text: String
    var result: Result<Bool, ExplainStop>?
    var note: String?
    var detail: String?
  }

  private func ruleRows(_ index: Int) -> [Row] {
    let parts = inspector.policy.rules[index].condition.conjuncts
    guard parts.count > 1 || parts.first.map({ !isReference($0) }) == true else { return [] }
    var rows: [Row] = []
    var stopped = false
    for part in parts {
      var result: Result<Bool, ExplainStop>?
      if !stopped {
        result = inspector.evaluate(part).map { $0.boolValue ?? false }
        if result != .success(true) { stopped = true }
      }
      let text = explainText(part)
      rows.append(
        Row(depth: 1, text: text, result: result, note: nil, detail: annotation(part, result: result)))
    }
    return rows
  }

  private func isReference(_ expression: TypedExpression) -> Bool {
    switch expression.kind {
    case .ruleRef, .letRef, .modelRef, .field: true
    default: false
    }
  }

  private func explainText(_ expression: TypedExpression) -> String {
    let text = inspector.source.text(in: expression.range)
    return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(
      separator: " ")
  }

  /// `(churn = 0.41)`: the values of a comparison's operands that are not literals.
  private func annotation(_ expression: TypedExpression, result: Result<Bool, ExplainStop>?) -> String? {
    guard case .success? = result else { return nil }
    var operands: [TypedExpression] = []
    switch expression.kind {
    case .binary(.compare, let left, let right), .binary(.membership, let left, let right):
      operands = [left, right]
    case .not(let inner):
      if case .binary(.compare, let left, let right) = inner.kind { operands = [left, right] }
    default: break
    }
    let shownOperands = operands.filter(showsValue).map { "\(explainText($0)) = \(shown($0))" }
    return shownOperands.isEmpty ? nil : "(" + shownOperands.joined(separator: ", ") + ")"
  }

  /// Whether an operand's value is worth showing: it reads the record (not a literal or a constant).
  private func showsValue(_ expression: TypedExpression) -> Bool {
    switch expression.kind {
    case .narrowed(let inner), .intToFloat(let inner): return showsValue(inner)
    case .field, .modelRef: return true
    case .letRef, .call, .binary, .negate, .conditional:
      return !dependencies.fields(readBy: expression).isEmpty
        || dependencies.references(in: expression).contains { if case .model = $0 { true } else { false } }
    default: return false
    }
  }

  private func render(_ rows: [Row], indent: String) -> [String] {
    let width = min(48, rows.map { $0.text.count + 4 * $0.depth }.max() ?? 0)
    return rows.map { row in
      let mark: String
      let value: String
      switch row.result {
      case .success(true)?: (mark, value) = ("✓", "true")
      case .success(false)?: (mark, value) = ("✗", "false")
      case .failure(.noConsent(_, let purpose))?:
        (mark, value) = ("⊘", "not evaluated: no consent `\(purpose)`")
      case .failure(.fault(let fault))?: (mark, value) = ("!", "error: \(fault.summary)")
      case nil: (mark, value) = ("·", "not evaluated")
      }
      let lead = String(repeating: "    ", count: row.depth) + mark + " " + row.text
      let padding = String(repeating: " ", count: max(2, width + 4 - lead.count))
      var line = indent + lead + padding + value
      if let detail = row.detail { line += "  " + detail }
      if let note = row.note { line += "  ← " + note }
      return line
    }
  }
}
