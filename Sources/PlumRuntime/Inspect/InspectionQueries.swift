import PlumChecker

/// The expressions explanations and tests usually ask the machine about, so their probes are
/// lowered once with the program instead of one at a time.
public enum InspectionQueries {
  /// What `plum explain` and test failure traces show: every let, rule and model, the models'
  /// inputs, and each reward's and rule's conjuncts with their parts and compared operands.
  public static func explaining(_ policy: CheckedPolicy) -> [TypedExpression] {
    var found: [TypedExpression] = []
    for index in policy.lets.indices {
      found.append(RecordInspector.expression(for: .let(index), in: policy))
    }
    for (index, rule) in policy.rules.enumerated() {
      found.append(RecordInspector.expression(for: .rule(index), in: policy))
      for part in rule.condition.conjuncts { collect(part, into: &found) }
    }
    for (index, model) in policy.models.enumerated() {
      found.append(RecordInspector.expression(for: .model(index), in: policy))
      found += model.inputs.map(\.value)
    }
    for reward in policy.rewards {
      for condition in reward.requires + (reward.when?.conjuncts ?? []) { collect(condition, into: &found) }
    }
    return found
  }

  /// What checking a test's expectations asks: each expectation's operands and parts.
  public static func testing(_ test: CheckedTest) -> [TypedExpression] {
    var found: [TypedExpression] = []
    for field in test.given.fieldValues { found.append(field.value) }
    for expectation in test.expectations {
      switch expectation.kind {
      case .holds(let condition): collect(condition, into: &found)
      case .approximately(let left, let right, let tolerance):
        found +=
          [left, right, tolerance] + [expectation.condition, expectation.difference].compactMap { $0 }
      case .contains(let whole, let part): found += [whole, part] + [expectation.condition].compactMap { $0 }
      case .error, .withheldByBudget: break
      }
    }
    return found
  }

  /// A condition, the parts of its `and`/`or` chains and `not`s, and the operands it compares.
  static func collect(_ condition: TypedExpression, into found: inout [TypedExpression]) {
    found.append(condition)
    switch condition.kind {
    case .binary(.and, _, _):
      for part in condition.conjuncts { collect(part, into: &found) }
    case .binary(.or, _, _):
      for part in condition.disjuncts { collect(part, into: &found) }
    case .not(let inner), .narrowed(let inner):
      collect(inner, into: &found)
    case .binary(.compare, let left, let right), .binary(.membership, let left, let right):
      found += [left, right]
    default:
      break
    }
  }
}

extension Optional where Wrapped == TestInput {
  /// The field values of an inline test record (none for a record read from a file).
  fileprivate var fieldValues: [TestFieldValue] {
    if case .record(let fields)? = self { return fields }
    return []
  }
}
