import PlumChecker
import PlumData
import PlumRuntime

extension ReplSession {
  /// `:why REWARD`: each condition of the reward on the current record, its value, the values of
  /// the names it compares, and the first condition that failed.
  func why(_ name: String) {
    let checked = policy.checked
    guard let index = checked.rewards.firstIndex(where: { $0.name.name == name }) else {
      var message = "unknown reward `\(name)`"
      if let suggestion = closest(name, among: checked.rewards.map(\.name.name)) {
        message += "; did you mean `\(suggestion)`?"
      }
      return fail(message)
    }
    let reward = checked.rewards[index]
    let conditions = reward.requires + (reward.when.map(Self.conjuncts) ?? [])
    let readsRecord = conditions.contains { InputReads.firstField(of: $0, in: checked) != nil }
    guard let row = record ?? (readsRecord ? nil : policy.schema.makeRow()) else {
      return fail("no record is selected; \(recordHint)")
    }
    let operands = conditions.map(Self.operands)
    let lowered = Lowering.lower(
      checked, source: policy.frontend.source,
      options: policy.loweringOptions,
      probing: zip(conditions, operands).flatMap { [$0] + $1 })
    guard let program = lowered.program else {
      return show(lowered.diagnostics.map { Finding(diagnostic: $0, file: policy.frontend.source) })
    }
    let runner: DecisionRunner
    do {
      runner = try DecisionRunner(program: program, asOf: asOf)
    } catch {
      return fail("the input schema cannot be read from records: \(error)")
    }
    let decided = runner.evaluate(row)
    let granted = decided && runner.machine.isGranted(program.rewards[index].granted)
    let given = decided && runner.selectedRewards.contains(index)
    let chosen = decided ? runner.selectedRewards.map { program.rewards[$0].name } : []
    let mainFault = decided ? nil : runner.machine.fault
    let probes = ProbeRunner(machine: runner.machine)
    // A failed decision leaves declarations half done; start the record afresh for the probes.
    if !decided { probes.load(row) }

    // The probes come condition by condition, each followed by its operands.
    var next = lowered.probes.makeIterator()
    var lines: [String] = []
    var firstFailure: (position: Int, reason: String)?
    var faults: [Finding] = []
    for (position, condition) in conditions.enumerated() {
      guard let probe = next.next() else { break }
      let text = sourceText(condition)
      let status: String
      var reason: String?
      switch probes.run(probe, type: .bool) {
      case .value(let value):
        status = value
        if value != "true" { reason = "`\(text)` is \(value)" }
      case .fault(let fault):
        status = "error"
        faults.append(probes.finding(for: fault, in: policy.frontend.source))
        reason = "`\(text)` fails: \(fault.code.summary)"
      case .blocked(let model, let purpose):
        status = "no consent"
        reason = "model `\(model)` needs consent `\(purpose)`, which this record does not give"
      case .missing, .redacted:
        status = "?"
        reason = "`\(text)` has no value"
      }
      var line = "  \(position + 1). " + status.padded(to: 12) + text
      if let failure = firstFailure {
        if position > failure.position { line += "   (not reached)" }
      } else if let reason {
        firstFailure = (position, reason)
        line += "   <- first to fail"
      }
      lines.append(line)
      for operand in operands[position] {
        guard let operandProbe = next.next() else { break }
        let shown: String
        switch probes.run(operandProbe, type: operand.type) {
        case .fault(let fault): shown = "error: \(fault.code.summary)"
        case .blocked(let model, let purpose):
          shown = "not evaluated (model `\(model)` needs consent `\(purpose)`)"
        case let result: shown = result.shown ?? ""
        }
        lines.append("       \(sourceText(operand)) = \(shown)")
      }
    }
    io.writeOut(
      verdict(
        name, granted: granted, given: given, chosen: chosen, conditions: conditions.count,
        failure: firstFailure,
        fault: mainFault.map { $0.message(in: program) }) + "\n")
    if !lines.isEmpty { io.writeOut(lines.joined(separator: "\n") + "\n") }
    show(faults)
  }

  private func verdict(
    _ name: String, granted: Bool, given: Bool, chosen: [String], conditions: Int,
    failure: (position: Int, reason: String)?, fault: String?
  ) -> String {
    if let fault { return "\(name): the record cannot be decided: \(fault)" }
    if let failure { return "\(name): not granted: \(failure.reason)" }
    guard granted else { return "\(name): not granted" }
    let head =
      conditions == 0 ? "\(name): granted (no conditions)" : "\(name): granted, every condition holds"
    if given { return head + "; given" }
    let others = chosen.isEmpty ? "no reward" : chosen.map { "`\($0)`" }.joined(separator: ", ")
    return head + "; not given: the selection chose \(others)"
  }

  /// A condition split at its top-level `and`s, as rewards are explained.
  static func conjuncts(_ condition: TypedExpression) -> [TypedExpression] {
    if case .binary(.and, let left, let right) = condition.kind { return conjuncts(left) + conjuncts(right) }
    return [condition]
  }

  /// The sides of a comparison or membership test worth showing: those that are not literals.
  static func operands(_ condition: TypedExpression) -> [TypedExpression] {
    switch condition.kind {
    case .binary(.compare, let left, let right), .binary(.membership, let left, let right):
      return [left, right].filter { !isLiteral($0) }
    case .not(let inner):
      return operands(inner)
    default:
      return []
    }
  }

  private static func isLiteral(_ expression: TypedExpression) -> Bool {
    switch expression.kind {
    case .bool, .int, .float, .money, .duration, .date, .string, .enumCase: true
    case .intToFloat(let inner), .negate(_, let inner): isLiteral(inner)
    case .list(let elements): elements.allSatisfy(isLiteral)
    default: false
    }
  }

  private func sourceText(_ expression: TypedExpression) -> String {
    policy.frontend.source.text(in: expression.range)
      .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
      .joined(separator: " ")
  }
}

extension String {
  /// The string followed by spaces up to `width` characters (at least one space).
  fileprivate func padded(to width: Int) -> String {
    self + String(repeating: " ", count: max(1, width - count))
  }
}
