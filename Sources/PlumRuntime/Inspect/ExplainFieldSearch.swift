import PlumChecker

/// Proposes a change to one input field that conditions read directly or through lets, rules and
/// model inputs, where the structural search cannot see through them: a model score such as
/// `churn > 0.6`, or a sum of fields such as `c.age + c.visits > 100`.
///
/// Numbers, amounts, durations and dates are bisected over a plausible range, bool fields are
/// flipped; each candidate is confirmed by deciding the changed record again.
struct FieldSearch {
  let inspector: RecordInspector
  /// The reward that must become eligible.
  let reward: Int

  /// The first change, trying fields in schema order, that makes every condition hold and the
  /// reward eligible; `condition` names the conditions in the proposal.
  func proposal(making conditions: [TypedExpression], condition: String) -> ExplainCounterfactual.Proposal? {
    let policy = inspector.policy
    for field in Self.sharedFields(of: conditions, in: policy).sorted() {
      let attributes = policy.input.fields[field].attributes
      // A proposal never names a value for a `pii` field, and the key only identifies the record.
      guard !attributes.isPII, !attributes.isKey, !attributes.isProtected else { continue }
      guard let (value, requirement) = candidate(field, making: conditions) else { continue }
      var record = inspector.record
      record[field] = value
      guard inspector.with(record: record).decide().rewards[reward].isEligible else { continue }
      return ExplainCounterfactual.Proposal(
        condition: condition, field: policy.input.fields[field].path, fieldIndex: field, value: value,
        requirement: requirement, makesFalse: false)
    }
    return nil
  }

  /// The fields every one of the conditions reads, directly or through declarations.
  static func sharedFields(of conditions: [TypedExpression], in policy: CheckedPolicy) -> Set<Int> {
    let dependencies = ExplainDependencies(policy: policy)
    guard let first = conditions.first else { return [] }
    return conditions.dropFirst().reduce(dependencies.fields(readBy: first)) {
      $0.intersection(dependencies.fields(readBy: $1))
    }
  }

  /// A value of `field` that makes every condition hold, with the requirement in words.
  private func candidate(_ field: Int, making conditions: [TypedExpression])
    -> (value: ExplainValue, requirement: String)?
  {
    let holds = { (changed: RecordInspector) in
      conditions.allSatisfy { changed.evaluate($0) == .success(.bool(true)) }
    }
    guard inspector.policy.input.fields[field].type.unwrapped == .bool else {
      return BoundarySearch(inspector: inspector, field: field).plausibleBoundary(where: holds)
    }
    let flipped = inspector.record[field] != .bool(true)
    var record = inspector.record
    record[field] = .bool(flipped)
    return holds(inspector.with(record: record)) ? (.bool(flipped), String(flipped)) : nil
  }
}
