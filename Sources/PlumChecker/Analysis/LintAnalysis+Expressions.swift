import PlumDiagnostics

extension LintAnalysis {
  /// Conditions that do not depend on the record: literal-only ones and self-contradicting ones.
  func reportConstantConditions(into diagnostics: inout DiagnosticBag) {
    var roots: [TypedExpression] = context.policy.rules.map(\.condition)
    for reward in context.policy.rewards {
      roots += reward.requires
      // A `when` that is always false is reported as an unreachable reward instead.
      if let when = reward.when, ConstantFolding.bool(when) != false { roots.append(when) }
    }
    for (_, value) in expressions {
      value.forEachNode { node in
        if case .conditional(let condition, _, _) = node.kind { roots.append(condition) }
      }
    }
    for root in roots where !root.isLiteralTrue {
      if ConstantFolding.isLiteralOnly(root), let value = ConstantFolding.bool(root) {
        diagnostics.report(
          LintDiagnostics.constantCondition, "condition is always \(value)", at: root.range,
          notes: ["it is made of literals only, so it never depends on the record"])
      } else if root.type.unwrapped == .bool, ConditionFacts.of(expanded(root, depth: 0)).isContradictory {
        if context.policy.rewards.contains(where: { $0.when == root }) { continue }
        diagnostics.report(
          LintDiagnostics.constantCondition, "condition is always false", at: root.range,
          notes: ["its conjuncts contradict each other"])
      }
    }
  }

  /// The values an expression can take, when the standard library fixes them.
  func knownRange(_ expression: TypedExpression) -> (low: Double, high: Double, why: String)? {
    switch expression.kind {
    case .narrowed(let inner), .intToFloat(let inner): return knownRange(inner)
    case .call(let builtin, _):
      switch builtin {
      case .len, .count, .abs, .sqrt, .distance:
        return (0, .infinity, "`\(builtin.name)(…)` is never negative")
      case .month: return (1, 12, "`month(…)` is between 1 and 12")
      case .day: return (1, 31, "`day(…)` is between 1 and 31")
      case .weekday: return (1, 7, "`weekday(…)` is between 1 and 7")
      default: return nil
      }
    default: return nil
    }
  }

  /// Comparisons that always give the same result.
  func reportComparisons(into diagnostics: inout DiagnosticBag) {
    for (_, value) in expressions {
      value.forEachNode { node in
        guard case .binary(.compare(let comparison, let comparand), let left, let right) = node.kind else {
          return
        }
        var outcome: Bool?
        var why = ""
        if let range = knownRange(left), let literal = ConstantFolding.number(right) {
          outcome = decide(comparison, range.low, range.high, literal)
          why = range.why
        } else if let range = knownRange(right), let literal = ConstantFolding.number(left) {
          outcome = decide(comparison.mirrored, range.low, range.high, literal)
          why = range.why
        } else if comparand != .float, ExpressionKey.of(left) == ExpressionKey.of(right),
          !ConstantFolding.isLiteralOnly(left)
        {
          switch comparison {
          case .equal, .lessEqual, .greaterEqual: outcome = true
          case .notEqual, .less, .greater: outcome = false
          }
          why = "both sides are the same value"
        }
        guard let outcome else { return }
        diagnostics.report(
          LintDiagnostics.alwaysSameComparison, "comparison is always \(outcome)", at: node.range,
          notes: [why])
      }
    }
  }

  /// The fixed outcome of `x op literal` when `x` lies in `low…high`, if the outcome is fixed.
  private func decide(_ comparison: Comparison, _ low: Double, _ high: Double, _ literal: Double) -> Bool? {
    let atLow = comparison.holds(low, literal)
    let atHigh = comparison.holds(high, literal)
    switch comparison {
    case .less, .lessEqual, .greater, .greaterEqual:
      // Monotone in x: the same outcome at both ends holds in between.
      return atLow == atHigh ? atLow : nil
    case .equal:
      return literal < low || literal > high ? false : nil
    case .notEqual:
      return literal < low || literal > high ? true : nil
    }
  }

  /// Whether a value is computed from `amount(…)`, looking through lets.
  private func readsAmount(_ expression: TypedExpression, depth: Int) -> Bool {
    guard depth < 32 else { return false }
    return expression.containsNode { node in
      if case .call(.amount, _) = node.kind { return true }
      if case .letRef(let index) = node.kind {
        return readsAmount(context.policy.lets[index].value, depth: depth + 1)
      }
      return false
    }
  }

  /// Money taken through floats, or compared exactly after float rounding.
  func reportMoney(into diagnostics: inout DiagnosticBag) {
    func isAmount(_ node: TypedExpression) -> Bool { readsAmount(node, depth: 0) }
    func isFloatScaled(_ node: TypedExpression) -> Bool {
      switch node.kind {
      case .binary(.multiply(.moneyByFloat), _, _), .binary(.divide(.moneyByFloat), _, _): true
      default: false
      }
    }
    for (_, value) in expressions {
      value.forEachNode { node in
        switch node.kind {
        case .binary(.multiply(.moneyByFloat), _, let factor), .binary(.divide(.moneyByFloat), _, let factor):
          guard factor.containsNode(where: isAmount) else { return }
          diagnostics.report(
            LintDiagnostics.suspiciousMoney, "money is converted to a float and back to money",
            at: node.range,
            notes: [
              "`amount(…)` gives a binary float; computing money from it may round away cents",
              "compute with money directly, e.g. `a / b` for a ratio and `m * ratio` once",
            ])
        case .binary(.compare(let comparison, .money), let left, let right)
        where comparison == .equal || comparison == .notEqual:
          guard left.containsNode(where: isFloatScaled) || right.containsNode(where: isFloatScaled) else {
            return
          }
          diagnostics.report(
            LintDiagnostics.suspiciousMoney, "money rounded from a float product is compared exactly",
            at: node.range,
            notes: ["the product is rounded half-to-even to the minor unit; compare with `<`, `>` or a range"]
          )
        case .binary(.compare(let comparison, .float), let left, let right)
        where comparison == .equal || comparison == .notEqual:
          guard left.containsNode(where: isAmount) || right.containsNode(where: isAmount) else { return }
          diagnostics.report(
            LintDiagnostics.suspiciousMoney, "money is compared as a float", at: node.range,
            notes: ["compare the money value itself with a money literal, which is exact"])
        default:
          break
        }
      }
    }
  }
}
