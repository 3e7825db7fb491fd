import PlumDiagnostics

/// Proves that every purpose-bound model or field is read only where its consent is true.
///
/// Like definite assignment: walking a condition left to right, `A and B` checks `B` with what `A`
/// establishes, `if C then A else B` checks `A` with what `C` establishes, and a reward's
/// `requires` and `when` establish facts for its other clauses. `or` and `not` establish nothing.
/// A let or rule that reads a purpose-bound value without establishing the consent itself passes
/// the need on to every place that uses it.
struct ConsentAnalysis {
  /// One step of the path from a use to the purpose-bound value it reaches.
  struct Step {
    /// The declaration that uses the next value, such as "rule `r`".
    var holder: String
    /// The value it uses, such as "model `churn`".
    var used: String
    /// Where the next value is referenced.
    var range: SourceRange

    /// The label shown at `range`.
    var label: String { "\(holder) uses \(used) here" }
  }

  /// A consent a declaration needs from every place that uses it.
  struct Need {
    /// The purpose, such as `profiling`.
    var purpose: String
    /// The value that is purpose-bound at the end of the path, such as "model `churn`".
    var origin: String
    /// The steps inside declarations, outermost first.
    var steps: [Step]
  }

  /// A use whose consent is not established, found while walking one expression.
  struct Gap {
    var need: Need
    /// The reference in the walked expression.
    var range: SourceRange
    /// What the reference names, such as "model `churn`" or "let `score`".
    var subject: String
    /// Where a guard may be inserted, if the use sits in a condition.
    var anchor: Int?
  }

  let context: AnalysisContext
  private var establishedCache: [DeclarationReference: Set<String>] = [:]
  private var needsCache: [DeclarationReference: [Need]] = [:]
  private var inProgress: Set<DeclarationReference> = []

  init(context: AnalysisContext) {
    self.context = context
  }

  // MARK: Establishing

  /// The purposes whose consent is true whenever `expression` is true.
  mutating func established(by expression: TypedExpression) -> Set<String> {
    switch expression.kind {
    case .field(let index):
      return context.consentPurpose(ofField: index).map { [$0] } ?? []
    case .narrowed(let inner):
      return established(by: inner)
    case .binary(.and, let left, let right):
      return established(by: left).union(established(by: right))
    case .binary(.compare(.equal, .bool), let left, let right):
      if case .bool(true) = right.kind { return established(by: left) }
      if case .bool(true) = left.kind { return established(by: right) }
      return []
    case .conditional(let condition, let then, let otherwise):
      return established(by: condition).union(established(by: then)).intersection(established(by: otherwise))
    case .ruleRef, .letRef:
      guard let reference = expression.declarationReference, expression.type.unwrapped == .bool else {
        return []
      }
      return established(byDeclaration: reference)
    default:
      return []
    }
  }

  private mutating func established(byDeclaration reference: DeclarationReference) -> Set<String> {
    if let cached = establishedCache[reference] { return cached }
    guard !inProgress.contains(reference) else { return [] }
    inProgress.insert(reference)
    defer { inProgress.remove(reference) }
    var result: Set<String> = []
    if let value = context.expressions(of: reference).first?.value {
      result = established(by: value)
    }
    establishedCache[reference] = result
    return result
  }

  // MARK: Needs

  /// The consents a let, rule or model needs wherever it is used.
  mutating func needs(of reference: DeclarationReference) -> [Need] {
    if let cached = needsCache[reference] { return cached }
    guard !inProgress.contains(reference) else { return [] }
    inProgress.insert(reference)
    defer { inProgress.remove(reference) }
    var result: [Need] = []
    if case .model(let index) = reference, let purpose = context.policy.models[index].purpose?.name {
      result.append(Need(purpose: purpose, origin: context.describe(reference), steps: []))
    }
    for (_, value) in context.expressions(of: reference) {
      var gaps: [Gap] = []
      walk(value, facts: [], anchor: nil, frozen: true, gaps: &gaps)
      for gap in gaps where !result.contains(where: { $0.purpose == gap.need.purpose }) {
        let step = Step(holder: context.describe(reference), used: gap.subject, range: gap.range)
        result.append(
          Need(purpose: gap.need.purpose, origin: gap.need.origin, steps: [step] + gap.need.steps))
      }
    }
    needsCache[reference] = result
    return result
  }

  /// Walks an expression with the purposes already established, collecting unproven uses.
  ///
  /// - Parameters:
  ///   - anchor: The offset where a guard conjunct could be inserted for the current position.
  ///   - frozen: Whether inner `and`/`or` operands may no longer move the anchor (under `not`).
  mutating func walk(
    _ expression: TypedExpression, facts: Set<String>, anchor: Int?, frozen: Bool, gaps: inout [Gap]
  ) {
    func anchorFor(_ operand: TypedExpression) -> Int? {
      frozen || operand.type.unwrapped != .bool ? anchor : operand.range.start
    }
    switch expression.kind {
    case .field(let index):
      if let purpose = context.purpose(ofField: index), !facts.contains(purpose) {
        let subject = "field `\(context.fieldPath(index))`"
        gaps.append(
          Gap(
            need: Need(purpose: purpose, origin: subject, steps: []), range: expression.range,
            subject: subject,
            anchor: anchor))
      }
    case .letRef, .ruleRef, .modelRef:
      guard let reference = expression.declarationReference else { return }
      for need in needs(of: reference) where !facts.contains(need.purpose) {
        gaps.append(
          Gap(need: need, range: expression.range, subject: context.describe(reference), anchor: anchor))
      }
    case .binary(.and, let left, let right):
      walk(left, facts: facts, anchor: anchorFor(left), frozen: frozen, gaps: &gaps)
      let more = facts.union(established(by: left))
      walk(right, facts: more, anchor: anchorFor(right), frozen: frozen, gaps: &gaps)
    case .binary(.or, let left, let right):
      walk(left, facts: facts, anchor: anchorFor(left), frozen: frozen, gaps: &gaps)
      walk(right, facts: facts, anchor: anchorFor(right), frozen: frozen, gaps: &gaps)
    case .conditional(let condition, let then, let otherwise):
      walk(condition, facts: facts, anchor: anchorFor(condition), frozen: frozen, gaps: &gaps)
      let more = facts.union(established(by: condition))
      walk(then, facts: more, anchor: anchorFor(then), frozen: frozen, gaps: &gaps)
      walk(otherwise, facts: facts, anchor: anchorFor(otherwise), frozen: frozen, gaps: &gaps)
    case .not(let inner):
      walk(inner, facts: facts, anchor: anchor, frozen: true, gaps: &gaps)
    default:
      for child in expression.children {
        walk(child, facts: facts, anchor: anchor, frozen: true, gaps: &gaps)
      }
    }
  }

  // MARK: Reporting

  /// Checks every reward and constraint, the places where values are finally used.
  mutating func run(into diagnostics: inout DiagnosticBag) {
    for (index, reward) in context.policy.rewards.enumerated() {
      var facts: Set<String> = []
      for (clause, value) in reward.clauseExpressions {
        var gaps: [Gap] = []
        let isCondition = clause == .requires || clause == .when
        walk(
          value, facts: facts, anchor: isCondition ? value.range.start : nil, frozen: !isCondition,
          gaps: &gaps)
        for gap in gaps {
          diagnostics.report(
            diagnostic(for: gap, place: "reward `\(reward.name.name)` (`\(clause)`)", reward: index))
        }
        if isCondition { facts.formUnion(established(by: value)) }
      }
    }
    for constraint in context.policy.constraints {
      var gaps: [Gap] = []
      walk(constraint.condition, facts: [], anchor: nil, frozen: true, gaps: &gaps)
      for gap in gaps {
        diagnostics.report(diagnostic(for: gap, place: "constraint `\(constraint.name.name)`", reward: nil))
      }
    }
  }

  private func diagnostic(for gap: Gap, place: String, reward: Int?) -> Diagnostic {
    let consent = context.consentExpression(gap.need.purpose)
    var message = "\(gap.subject) needs `\(consent)`, which is not established here"
    if gap.subject != gap.need.origin {
      message =
        "\(gap.subject) needs `\(consent)` (through \(gap.need.origin)), which is not established here"
    }
    var chain = [place, gap.subject] + gap.need.steps.map(\.used)
    if gap.need.origin.hasPrefix("model") { chain[chain.count - 1] += " (`purpose \(gap.need.purpose)`)" }
    let notes = [
      "path without consent: " + chain.joined(separator: " → "),
      "establish it first: an earlier `and` conjunct, an enclosing `if … then`, or `requires consent."
        + "\(gap.need.purpose)` on the reward",
    ]
    let labels = gap.need.steps.map { Diagnostic.Label($0.range, $0.label) }
    var fixIts: [Diagnostic.FixIt] = []
    if let anchor = gap.anchor {
      fixIts.append(
        Diagnostic.FixIt(
          range: .at(anchor), replacement: "\(consent) and ", message: "insert `\(consent) and `"))
    } else if let reward, let decl = context.rewardDecl(reward), let first = decl.clauses.first {
      let location = context.source.location(of: first.keywordRange.start)
      let indent = String(repeating: " ", count: max(0, location.column - 1))
      fixIts.append(
        Diagnostic.FixIt(
          range: .at(first.keywordRange.start),
          replacement: "requires consent.\(gap.need.purpose)\n\(indent)",
          message: "insert `requires consent.\(gap.need.purpose)` in the reward"))
    }
    return Diagnostic(
      GuaranteeDiagnostics.consentNotEstablished, message, at: gap.range, labels: labels, notes: notes,
      fixIts: fixIts)
  }
}
