import PlumChecker
import PlumData
import PlumRuntime

/// Checks a test's expectations against a record's decision: every value, the expectation's own
/// included, is computed by the machine that decided the record.
struct ExpectationChecker {
  let inspector: RecordInspector
  let decision: ExplainDecision
  /// The decision, as `plum run` makes it.
  let machine: Decision
  /// The program that made it, for error messages.
  let program: Program
  let rewardNames: [String]
  /// The program `plum run` runs, for the budget's choice at a test's stated price.
  let runProgram: Program
  /// The record, for the budget's choice at a test's stated price.
  let row: RecordRow
  /// The as-of date the record is decided at (days since 1970-01-01).
  let asOf: Int64

  private var text: TraceText { TraceText(inspector: inspector, decision: decision) }

  /// The failure of an expectation, or nil when it holds.
  func check(_ expectation: Expectation) -> TestFailure? {
    switch expectation.kind {
    case .error(let code):
      guard let fault = machine.error else {
        return TestFailure(
          range: expectation.range, message: "expected error \(code), but the record was decided",
          details: ["actual: rewards = [\(machine.rewards.map(\.name).joined(separator: ", "))]"])
      }
      if fault.code.rawValue == code { return nil }
      return TestFailure(
        range: expectation.range,
        message: "expected error \(code), got error[\(fault.code.rawValue)]: \(fault.message(in: program))")
    case .holds(let condition):
      switch inspector.evaluate(condition) {
      case .success(.bool(true)): return nil
      case .success:
        // A conjunction shows each part's value, so the one that failed is plain to see.
        let split = condition.conjuncts.count > 1
        let shown = split ? ["actual:"] + text.conjuncts(of: condition, indent: "  ") : actual(condition)
        return TestFailure(
          range: expectation.range, message: "expectation does not hold",
          details: shown + traces(rewardsInQuestion(condition)))
      case .failure(let stop):
        return TestFailure(
          range: expectation.range, message: "expectation cannot be evaluated: \(describe(stop))")
      }
    case .approximately(let left, let right, let tolerance):
      return approximately(left, right, tolerance, expectation)
    case .contains(let whole, let part):
      return contains(whole, part, expectation)
    case .withheldByBudget(let reward, let multiplier):
      return withheld(reward, multiplier, expectation)
    }
  }

  /// `expect withheld_by_budget REWARD at λ`: the record, decided as `plum run` decides it, is given
  /// the reward without the budget, and the budget's choice at price λ leaves it out.
  private func withheld(_ reward: Int, _ lambda: Double, _ expectation: Expectation) -> TestFailure? {
    let name = rewardNames[reward]
    let price = BudgetPass.number(lambda)
    guard let pass = BudgetPass(program: runProgram, seed: 0) else {
      return TestFailure(range: expectation.range, message: "the policy has no budget to withhold \(name)")
    }
    guard let runner = try? DecisionRunner(program: runProgram, asOf: asOf) else {
      return TestFailure(range: expectation.range, message: "the policy's input cannot be read from records")
    }
    guard runner.decide(row, record: 1) else {
      return TestFailure(range: expectation.range, message: "the record could not be decided")
    }
    let unbudgeted = Array(runner.selectedRewards)
    let shown = "[" + unbudgeted.map { rewardNames[$0] }.joined(separator: ", ") + "]"
    guard unbudgeted.contains(reward) else {
      return TestFailure(
        range: expectation.range,
        message: "expected \(name) to be withheld by the budget, but it is not given even without the budget",
        details: ["actual: rewards without the budget = \(shown)"] + traces([reward]))
    }
    guard let choice = pass.choice(atPrice: lambda, runner: runner) else {
      return TestFailure(
        range: expectation.range,
        message:
          "expected \(name) to be withheld by the budget at λ \(price), but no reward of the record costs anything",
        details: ["actual: rewards without the budget = \(shown)"])
    }
    if !choice.rewards.contains(reward) { return nil }
    return TestFailure(
      range: expectation.range,
      message: "expected \(name) to be withheld by the budget at λ \(price), but it is given",
      details: choice.notes.map { "actual: \($0)" })
  }

  // MARK: Kinds

  private func approximately(
    _ left: TypedExpression, _ right: TypedExpression, _ tolerance: TypedExpression,
    _ expectation: Expectation
  ) -> TestFailure? {
    let values = [left, right, tolerance].map { inspector.evaluate($0) }
    var numbers: [ExplainValue] = []
    for value in values {
      switch value {
      case .success(let number): numbers.append(number)
      case .failure(let stop):
        return TestFailure(
          range: expectation.range, message: "expectation cannot be evaluated: \(describe(stop))")
      }
    }
    // The machine computes whether the values are close enough, and by how much they differ.
    guard let condition = expectation.condition, let gap = expectation.difference else {
      return TestFailure(
        range: expectation.range, message: "expectation compares values that are not numbers")
    }
    let difference: String
    switch inspector.evaluate(condition) {
    case .success(.bool(true)): return nil
    case .success:
      switch inspector.evaluate(gap) {
      case .success(let shown): difference = shown.description
      case .failure(let stop): difference = "cannot be computed: \(describe(stop))"
      }
    case .failure(let stop):
      // The operands have values, so only their difference can fail: it is too large to hold
      // (integer overflow), which is more than any tolerance.
      difference = "cannot be computed: \(describe(stop))"
    }
    return TestFailure(
      range: expectation.range, message: "values differ by more than \(numbers[2])",
      details: actual(left) + actual(right) + ["difference: \(difference)"] + traces(rewardsInQuestion(left)))
  }

  private func contains(_ whole: TypedExpression, _ part: TypedExpression, _ expectation: Expectation)
    -> TestFailure?
  {
    let container = inspector.evaluate(whole)
    let element = inspector.evaluate(part)
    switch (container, element) {
    case (.failure(let stop), _), (_, .failure(let stop)):
      return TestFailure(
        range: expectation.range, message: "expectation cannot be evaluated: \(describe(stop))")
    default: break
    }
    // The machine looks for the part: `contains` for text, `in` for a list.
    guard let condition = expectation.condition else {
      return TestFailure(range: expectation.range, message: "`contains` needs text or a list")
    }
    switch inspector.evaluate(condition) {
    case .success(.bool(true)): return nil
    case .success: break
    case .failure(let stop):
      return TestFailure(
        range: expectation.range, message: "expectation cannot be evaluated: \(describe(stop))")
    }
    var inQuestion = rewardsInQuestion(whole)
    if case .rewards = whole.kind, case .success(.enumeration(_, let index)) = element {
      inQuestion = [index]
    }
    return TestFailure(
      range: expectation.range, message: "expectation does not hold",
      details: actual(whole) + traces(inQuestion))
  }

  // MARK: Details

  /// `actual: rewards = [welcome_back]`, for each operand that reads the record or the decision.
  private func actual(_ condition: TypedExpression) -> [String] {
    var core = condition
    while case .not(let inner) = core.kind { core = inner }
    switch core.kind {
    case .binary(.compare, let left, let right), .binary(.membership, let left, let right):
      return [left, right].filter(readsRecord).map(actualLine)
    default:
      return readsRecord(core) ? [actualLine(core)] : []
    }
  }

  private func actualLine(_ expression: TypedExpression) -> String {
    if case .rewardGranted(let index) = expression.kind {
      return
        "actual: \(rewardNames[index]) was "
        + (decision.selected.contains(index) ? "given" : "not given")
    }
    let source = inspector.source.text(in: expression.range)
    return "actual: \(source) = \(text.shown(expression, exact: true))"
  }

  private func readsRecord(_ expression: TypedExpression) -> Bool {
    var reads = false
    ExplainDependencies(policy: inspector.policy).forEachNode(in: expression) { node in
      switch node.kind {
      case .field, .letRef, .ruleRef, .modelRef, .rewards, .rewardGranted, .reason: reads = true
      default: break
      }
    }
    return reads
  }

  /// The rewards an expectation is about: those it names, and those where the actual reward set
  /// differs from an expected one.
  private func rewardsInQuestion(_ condition: TypedExpression) -> [Int] {
    var found = Set<Int>()
    ExplainDependencies(policy: inspector.policy).forEachNode(in: condition) { node in
      switch node.kind {
      case .rewardGranted(let index): found.insert(index)
      case .reason: found.formUnion(decision.selected)
      case .binary(.compare(_, .rewardSet), let left, let right):
        let expected = [left, right].first { if case .rewards = $0.kind { false } else { true } }
        if let expected, case .success(.list(let elements)) = inspector.evaluate(expected) {
          let wanted = Set(
            elements.compactMap { value -> Int? in
              if case .enumeration(_, let index) = value { return index }
              return nil
            })
          found.formUnion(wanted.symmetricDifference(decision.selected))
        }
      default: break
      }
    }
    return found.sorted()
  }

  private func traces(_ rewards: [Int]) -> [String] {
    rewards.flatMap { index in
      ["reward \(rewardNames[index]): \(text.status(of: index))"] + text.conditions(of: index, indent: "  ")
    }
  }

  private func describe(_ stop: ExplainStop) -> String {
    switch stop {
    case .noConsent(let model, let purpose):
      "model `\(inspector.policy.models[model].name.name)` is not evaluated without consent `\(purpose)`"
    case .fault(let fault):
      fault.code.map { "error[\($0)]: \(fault.message(in: inspector.source))" }
        ?? fault.message(in: inspector.source)
    }
  }
}
