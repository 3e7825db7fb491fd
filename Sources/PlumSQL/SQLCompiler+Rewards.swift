import PlumChecker
import PlumRuntime

/// The parts of the query's result, before the record's read errors are added.
struct SQLOutcome {
  /// The rewards JSON array.
  var rewards: SQLFragment
  /// The reasons JSON array.
  var reasons: SQLFragment
  /// The first record error in evaluation order (`P05xx|message`), if any can occur.
  var error: SQLFragment?
}

extension SQLCompiler {
  /// Every reward's conditions, give, value and priority in declaration order (as the machine's
  /// main block), then selection, then the `because` texts of the rewards given.
  func compileRewards() -> SQLOutcome {
    struct Compiled {
      var granted: SQLFragment
      var stop: SQLFragment?
      var give: SQLFragment
      var value: SQLFragment?
      var priority: SQLFragment
    }
    var compiled: [Compiled] = []
    for (index, reward) in policy.rewards.enumerated() {
      root = .conditions(index)
      path = []
      let conditions = reward.requires + (reward.when.map(conjuncts) ?? [])
      var holds: [SQLFragment] = []
      var stops: [SQLFragment?] = []
      var reachable = true
      for condition in conditions {
        if case .int(0) = facts.fold(condition) {
          reachable = false
          break
        }
        let term = under(holds) { compile(condition) }
        stops.append(term.stop.map { stop in only(stop, when: conjunction(holds)) } ?? nil)
        holds.append(isClear(term.stop))
        holds.append(sql(term.value) { "COALESCE(\($0[0]), FALSE)" })
      }
      let conditionStop = first(stops)
      let conditionsHold = reachable ? builder.bind(conjunction(holds)) : SQLFragment.no
      rewardStates[index] = (conditionsHold, .no)
      root = .outcome(index)
      path = []
      var give = SQLFragment.literal(spelling.string(""))
      var value: SQLFragment?
      var priority = SQLFragment.literal(bigint(0))
      var outcomeStops: [SQLFragment?] = []
      if reachable {
        if let expression = reward.give {
          let term = compile(expression)
          give = term.value
          outcomeStops.append(term.stop)
        }
        if let expression = reward.value {
          let term = under([isClear(first(outcomeStops))]) { compile(expression) }
          value = term.value
          outcomeStops.append(term.stop)
        }
        if let expression = reward.priority {
          let term = under([isClear(first(outcomeStops))]) { compile(expression) }
          priority = term.value
          outcomeStops.append(term.stop)
        }
      }
      let outcomeStop = only(first(outcomeStops), when: conditionsHold)
      let stop = first([conditionStop, outcomeStop])
      let granted = builder.bind(conjunction([conditionsHold, isClear(stop)]))
      compiled.append(Compiled(granted: granted, stop: stop, give: give, value: value, priority: priority))
    }

    // Selection: every granted reward in declaration order, or the best by priority (ties in
    // declaration order), at most `max`.
    let limit: Int64?
    let byPriority: Bool
    switch policy.select {
    case .all: (limit, byPriority) = (nil, false)
    case .bestByPriority(let max): (limit, byPriority) = (max, true)
    }
    var ranks: [SQLFragment] = []
    for (i, reward) in compiled.enumerated() {
      let ahead = compiled.enumerated().filter { $0.offset != i }.map { j, other -> SQLFragment in
        let before: SQLFragment =
          byPriority
          ? sql(other.granted, other.priority, reward.priority) {
            "(\($0[0]) AND (\($0[1]) > \($0[2])\(j < i ? " OR \($0[1]) = \($0[2])" : "")))"
          } : (j < i ? other.granted : .no)
        return sql(before) { "CASE WHEN \($0[0]) THEN 1 ELSE 0 END" }
      }
      ranks.append(
        builder.bind(ahead.isEmpty ? .literal("0") : sql(ahead) { "(" + $0.joined(separator: " + ") + ")" }))
    }
    var selected: [SQLFragment] = []
    for (i, reward) in compiled.enumerated() {
      let within = limit.map { max in sql(ranks[i]) { "\($0[0]) < \(max)" } } ?? .yes
      let given = builder.bind(sql(reward.granted, within) { "(\($0[0]) AND \($0[1]))" })
      selected.append(given)
      rewardStates[i] = (rewardStates[i]?.holds ?? .no, given)
    }

    // `because` texts, only for the rewards given; a model without consent shows a fixed text.
    var becauses: [SQLFragment?] = []
    var unprintables: [SQLFragment?] = []
    var becauseStops: [SQLFragment?] = []
    for (index, reward) in policy.rewards.enumerated() {
      guard let because = reward.because else {
        becauses.append(nil)
        becauseStops.append(nil)
        continue
      }
      root = .because(index)
      path = []
      printStops = []
      let term = compile(because)
      if let unprintable = first(printStops) {
        unprintables.append(
          builder.bind(sql(unprintable, selected[index]) { "CASE WHEN \($0[1]) THEN \($0[0]) END" }))
      }
      let blocked = spelling.string("(not evaluated: no consent)")
      let text = builder.bind(
        sql(term.value, term.stop ?? .null) {
          "CASE WHEN \($0[1]) LIKE 'C%' THEN \(blocked) ELSE \($0[0]) END"
        })
      becauses.append(text)
      becauseStops.append(
        term.stop.map { stop in
          builder.bind(
            sql(stop, selected[index]) { "CASE WHEN \($0[1]) AND \($0[0]) LIKE 'P%' THEN \($0[0]) END" })
        })
    }

    // The rewards JSON, in selection order.
    func name(_ index: Int) -> String {
      spelling.string("{\"name\":" + jsonQuoted(policy.rewards[index].name.name) + ",\"kind\":\"")
    }
    var objects: [SQLFragment] = []
    for (index, reward) in compiled.enumerated() {
      var parts: [SQLFragment] = [.literal(name(index)), reward.give]
      if let value = reward.value {
        parts.append(.literal(spelling.string(",\"value\":\"")))
        parts.append(moneyText(value, digits: currencyDigits))
        parts.append(.literal(spelling.string("\"")))
      }
      if let because = becauses[index] {
        parts.append(.literal(spelling.string(",\"because\":")))
        parts.append(jsonText(because))
      }
      parts.append(.literal("'}'"))
      objects.append(builder.bind(sql(parts) { "(" + $0.joined(separator: " || ") + ")" }))
    }
    let count = limit.map { Int(clamping: $0) }.map { Swift.min($0, compiled.count) } ?? compiled.count
    var positions: [SQLFragment] = []
    if !byPriority {
      // Every reward given, in declaration order: no ranking needed.
      positions = compiled.indices.map { i in
        builder.bind(sql(selected[i], objects[i]) { "CASE WHEN \($0[0]) THEN \($0[1]) END" })
      }
    }
    for position in 0..<(byPriority ? count : 0) {
      let choices = compiled.indices.map { i in
        sql(selected[i], ranks[i], objects[i]) { "WHEN \($0[0]) AND \($0[1]) = \(position) THEN \($0[2])" }
      }
      positions.append(builder.bind(sql(choices) { "CASE " + $0.joined(separator: " ") + " END" }))
    }
    let rewards =
      positions.isEmpty
      ? SQLFragment.literal("'[]'")
      : builder.bind(sql(positions) { "'[' || concat_ws(',', \($0.joined(separator: ", "))) || ']'" })

    // `because` errors come after selection, in the order the rewards are given.
    var becauseErrors: [SQLFragment?] = []
    for position in 0..<count {
      let choices = compiled.indices.compactMap { i -> SQLFragment? in
        guard let stop = becauseStops[i] else { return nil }
        return sql(selected[i], ranks[i], stop) { "WHEN \($0[0]) AND \($0[1]) = \(position) THEN \($0[2])" }
      }
      if choices.isEmpty { continue }
      becauseErrors.append(builder.bind(sql(choices) { "CASE " + $0.joined(separator: " ") + " END" }))
    }

    // Reasons: the rules that ran to the end and held, in the order lowering created them.
    var reasons: [SQLFragment] = []
    for reference in blocks {
      guard case .rule(let index) = reference, let term = declarations[reference] else { continue }
      let ran = reached(reference)
      let quoted = spelling.string(jsonQuoted(policy.rules[index].name.name))
      reasons.append(
        builder.bind(
          sql(ran, term.stop ?? .null, term.value) {
            "CASE WHEN \($0[0]) AND \($0[1]) IS NULL AND \($0[2]) THEN \(quoted) END"
          }))
    }
    let reasonsText =
      reasons.isEmpty
      ? SQLFragment.literal("'[]'")
      : builder.bind(sql(reasons) { "'[' || concat_ws(',', \($0.joined(separator: ", "))) || ']'" })

    let rewardErrors = compiled.map(\.stop).map { stop in
      stop.map { s in builder.bind(sql(s) { "CASE WHEN \($0[0]) LIKE 'P%' THEN \($0[0]) END" }) }
    }
    return SQLOutcome(
      rewards: rewards, reasons: reasonsText, error: first(rewardErrors + becauseErrors + unprintables))
  }

  /// A condition split at its top-level `and`s, as lowering splits a `when`.
  func conjuncts(_ condition: TypedExpression) -> [TypedExpression] {
    if case .binary(.and, let left, let right) = condition.kind { return conjuncts(left) + conjuncts(right) }
    return [condition]
  }

  /// All of several conditions (TRUE for none).
  func conjunction(_ parts: [SQLFragment]) -> SQLFragment {
    let needed = parts.filter { $0 != .yes }
    if needed.isEmpty { return .yes }
    if needed.count == 1 { return needed[0] }
    return sql(needed) { "(" + $0.joined(separator: " AND ") + ")" }
  }
}
