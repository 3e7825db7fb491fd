import PlumChecker

/// The smallest change to one input that would make a reward eligible, found from the structure of
/// its conditions and confirmed by deciding the changed record again.
public enum ExplainCounterfactual: Hashable, Sendable {
  /// Changing one input makes the reward eligible.
  case change(Proposal)
  /// Only `condition` fails, but no single change to an input was found that makes the reward
  /// eligible (it may depend on several inputs, or on values outside the range searched).
  case noSingleChange(condition: String)
  /// More than one condition fails, in order. `change` makes them all hold when one was found;
  /// `independent` says they read no input in common, so no single change can be enough.
  case several(failing: [Failing], change: Proposal?, independent: Bool)

  /// A condition that does not hold.
  public struct Failing: Hashable, Sendable {
    /// The condition as written.
    public var condition: String
    /// The consent purpose whose absence kept it from being evaluated, if that is why.
    public var missingConsent: String?
  }

  /// One proposed change.
  public struct Proposal: Hashable, Sendable {
    /// The condition the change makes hold, as written.
    public var condition: String
    /// The field's path below the input, such as `last_order`.
    public var field: String
    /// The field's index in the schema.
    public var fieldIndex: Int
    /// A value that makes the condition hold (the boundary for comparisons).
    public var value: ExplainValue
    /// How the field would have to be, such as `on or before 2026-10-26` or `gold or platinum`.
    public var requirement: String
    /// Whether the condition must become false (it is under a `not`).
    public var makesFalse: Bool

    /// "`recency > 30` would hold if last_order were on or before 2026-10-26".
    public var sentence: String {
      "`\(condition)` would \(makesFalse ? "be false" : "hold") if \(field) were \(requirement)"
    }
  }

  /// The counterfactual for a reward that is not eligible for the inspector's record; nil when it
  /// is eligible or failed for another reason than its conditions.
  public static func find(reward: Int, inspector: RecordInspector) -> ExplainCounterfactual? {
    let policyReward = inspector.policy.rewards[reward]
    let conditions = policyReward.requires + (policyReward.when?.conjuncts ?? [])
    // Every conjunct is evaluated, not only up to the first false one: a single change is only
    // proposed when all the others already hold.
    let failing = conditions.filter { inspector.evaluate($0) != .success(.bool(true)) }
    guard let only = failing.first else { return nil }
    let text = { (condition: TypedExpression) in explainSourceText(inspector.source, condition.range) }
    let falseOnes = failing.filter {
      if case .failure(.noConsent) = inspector.evaluate($0) { return false }
      return true
    }
    // A condition that needs a model the record may not use may hold once the consent changes.
    let target = falseOnes.count == 1 ? falseOnes[0] : only
    if falseOnes.count <= 1 {
      let search = ProposalSearch(inspector: inspector)
      // A proposal never names a value for a `pii` field.
      let proposals = search.proposals(for: target, want: true, outer: target).filter {
        !inspector.policy.input.fields[$0.fieldIndex].attributes.isPII
      }
      for proposal in proposals {
        var record = inspector.record
        record[proposal.fieldIndex] = proposal.value
        let changed = inspector.with(record: record).decide()
        if changed.rewards[reward].isEligible { return .change(proposal) }
      }
    }
    let fields = FieldSearch(inspector: inspector, reward: reward)
    if failing.count > 1 {
      let failures = failing.map { condition in
        var purpose: String?
        if case .failure(.noConsent(_, let name)) = inspector.evaluate(condition) { purpose = name }
        return Failing(condition: text(condition), missingConsent: purpose)
      }
      // Conditions that share no input cannot all be made to hold by changing one.
      guard !FieldSearch.sharedFields(of: failing, in: inspector.policy).isEmpty else {
        return .several(failing: failures, change: nil, independent: true)
      }
      let named = failing.map(text).joined(separator: " and ")
      let change = fields.proposal(making: failing, condition: named)
      return .several(failing: failures, change: change, independent: false)
    }
    if let proposal = fields.proposal(making: [only], condition: text(only)) { return .change(proposal) }
    return .noSingleChange(condition: text(only))
  }
}

/// Proposes single-field changes that make a condition take a wanted value.
struct ProposalSearch {
  let inspector: RecordInspector

  private var policy: CheckedPolicy { inspector.policy }

  /// Candidate changes, most direct first; `outer` is the condition named in the sentence.
  func proposals(for condition: TypedExpression, want: Bool, outer: TypedExpression)
    -> [ExplainCounterfactual.Proposal]
  {
    switch condition.kind {
    case .ruleRef(let index):
      let rule = policy.rules[index].condition
      return proposals(for: rule, want: want, outer: rule)
    case .narrowed(let inner):
      return proposals(for: inner, want: want, outer: outer)
    case .not(let inner):
      return proposals(for: inner, want: !want, outer: inner).map {
        var proposal = $0
        if proposal.condition == text(inner) {
          proposal.condition = text(condition)
          proposal.makesFalse = !want
        }
        return proposal
      }
    case .binary(.and, _, _) where want, .binary(.or, _, _) where !want:
      // Every part must take the wanted value: only one may be off.
      let parts = want ? condition.conjuncts : condition.disjuncts
      let off = parts.filter { inspector.evaluate($0) != .success(.bool(want)) }
      guard off.count == 1 else { return [] }
      return proposals(for: off[0], want: want, outer: off[0])
    case .binary(.or, _, _), .binary(.and, _, _):
      // Any one part taking the wanted value is enough.
      let parts = want ? condition.disjuncts : condition.conjuncts
      return parts.flatMap { proposals(for: $0, want: want, outer: $0) }
    case .field(let index):
      guard policy.input.fields[index].type.unwrapped == .bool else { return [] }
      return [
        proposal(outer, field: index, value: .bool(want), requirement: want ? "true" : "false", want: want)
      ]
    case .binary(.compare(let comparison, let comparand), let left, let right):
      return compare(condition, comparison, comparand, left, right, want: want, outer: outer)
    case .binary(.membership(let negated, _), let left, let right):
      return membership(left, right, negated: negated, want: want, outer: outer)
    default:
      return []
    }
  }

  private func text(_ expression: TypedExpression) -> String {
    explainSourceText(inspector.source, expression.range)
  }

  private func proposal(
    _ condition: TypedExpression, field: Int, value: ExplainValue, requirement: String, want: Bool
  ) -> ExplainCounterfactual.Proposal {
    ExplainCounterfactual.Proposal(
      condition: text(condition), field: policy.input.fields[field].path, fieldIndex: field, value: value,
      requirement: requirement, makesFalse: !want)
  }

  /// The value of an expression that reads no input (a literal, or a let of literals).
  private func constant(_ expression: TypedExpression) -> ExplainValue? {
    let dependencies = ExplainDependencies(policy: policy)
    guard dependencies.fields(readBy: expression).isEmpty else { return nil }
    guard
      !dependencies.references(in: expression).contains(where: { if case .model = $0 { true } else { false } }
      )
    else { return nil }
    return try? inspector.evaluate(expression).get()
  }

  /// The input field an expression is a monotone function of, through lets, `??`, `days_since`,
  /// `days_until`, `amount`, conversions and adding or subtracting a constant.
  private func monotoneField(_ expression: TypedExpression) -> Int? {
    switch expression.kind {
    case .field(let index): return index
    case .narrowed(let inner), .intToFloat(let inner): return monotoneField(inner)
    case .letRef(let index): return monotoneField(policy.lets[index].value)
    case .binary(.coalesce, let inner, let fallback) where constant(fallback) != nil:
      return monotoneField(inner)
    case .call(.daysSince, let arguments), .call(.daysUntil, let arguments), .call(.amount, let arguments):
      return arguments.count == 1 ? monotoneField(arguments[0]) : nil
    case .binary(.add, let left, let right):
      if constant(right) != nil { return monotoneField(left) }
      if constant(left) != nil { return monotoneField(right) }
      return nil
    case .binary(.subtract, let left, let right):
      if constant(right) != nil { return monotoneField(left) }
      if constant(left) != nil { return monotoneField(right) }
      return nil
    default: return nil
    }
  }

  /// The plain input field an expression reads, through narrowing and lets only.
  private func directField(_ expression: TypedExpression) -> Int? {
    switch expression.kind {
    case .field(let index): return index
    case .narrowed(let inner), .intToFloat(let inner): return directField(inner)
    case .letRef(let index): return directField(policy.lets[index].value)
    default: return nil
    }
  }

  private func compare(
    _ condition: TypedExpression, _ comparison: Comparison, _ comparand: Comparand, _ left: TypedExpression,
    _ right: TypedExpression, want: Bool, outer: TypedExpression
  ) -> [ExplainCounterfactual.Proposal] {
    let (side, other) = constant(right) != nil ? (left, right) : (right, left)
    guard let target = constant(other) else { return [] }
    switch comparison {
    case .equal, .notEqual:
      // Equality is proposed for the field itself: `tier == gold`, `consent.marketing == true`.
      guard comparison == .equal ? want : !want, let field = directField(side) else {
        if comparand == .bool, let field = directField(side), case .bool(let flag) = target {
          let wanted = (comparison == .equal) == want ? flag : !flag
          return [
            proposal(outer, field: field, value: .bool(wanted), requirement: String(wanted), want: want)
          ]
        }
        return []
      }
      return [proposal(outer, field: field, value: target, requirement: shown(target), want: want)]
    case .less, .lessEqual, .greater, .greaterEqual:
      guard let field = monotoneField(side) else { return [] }
      return BoundarySearch(inspector: inspector, field: field).boundary(for: condition, want: want).map {
        proposal(outer, field: field, value: $0.value, requirement: $0.requirement, want: want)
      }.map { [$0] } ?? []
    }
  }

  private func membership(
    _ left: TypedExpression, _ right: TypedExpression, negated: Bool, want: Bool, outer: TypedExpression
  ) -> [ExplainCounterfactual.Proposal] {
    guard let field = directField(left), case .list(let elements)? = constant(right), !elements.isEmpty else {
      return []
    }
    if negated == !want {
      // The field must be one of the elements.
      return [
        proposal(outer, field: field, value: elements[0], requirement: alternatives(elements), want: want)
      ]
    }
    // The field must be none of them: only enumerations have a known value outside the list.
    guard case .enumeration(let type, _) = elements[0],
      let outside = type.cases.indices.first(where: { index in !elements.contains(.enumeration(type, index)) }
      )
    else { return [] }
    return [
      proposal(
        outer, field: field, value: .enumeration(type, outside),
        requirement: "none of " + alternatives(elements),
        want: want)
    ]
  }

  private func shown(_ value: ExplainValue) -> String { value.description }

  /// `gold`, `gold or platinum`, `"FR", "BE" or "DE"`.
  private func alternatives(_ values: [ExplainValue]) -> String {
    let texts = values.map(shown)
    guard texts.count > 1 else { return texts.first ?? "" }
    return texts.dropLast().joined(separator: ", ") + " or " + (texts.last ?? "")
  }
}
