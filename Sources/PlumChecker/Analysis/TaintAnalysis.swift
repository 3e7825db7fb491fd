import PlumDiagnostics

/// Traces `protected` and `pii` fields through lets, rules and models to the places they may not
/// reach, and reports each flow with its whole derivation path.
///
/// Protected attributes may not influence a decision at all, so every dependency counts, including
/// a bool derived from one. Personal data may decide but not be shown: every dependency counts too
/// (a value chosen by a condition on it reveals it), but only in what is shown, as
/// `PersonalDataFlow` decides; the derivations here walk the same operands to say how.
struct TaintAnalysis {
  /// Which attribute is traced.
  enum Mode {
    case protected
    case pii
  }

  /// One step of a derivation: a declaration that uses the previous value.
  struct Link {
    /// The declaration, such as "let `g`" or "model `m` (input `age`)".
    var holder: String
    /// The value it uses, such as "`participant.gender`" or "let `g`".
    var used: String
    /// Where the value is referenced inside the declaration.
    var range: SourceRange
  }

  /// How a tainted field reaches a value: the field, then each declaration in turn.
  struct Derivation {
    /// The field's path as written, such as `participant.gender`.
    var origin: String
    /// The declarations from the field outward.
    var links: [Link]
    /// How the other tainted fields reach the same value (`nickname ?? email`), one per field.
    var others: [Derivation] = []
    /// Whether the field reaches the value through a condition on it (`if starts_with(email, "a")
    /// then …`, a comparison, a rule) rather than as part of the value itself.
    var isDecided = false

    /// Marks this derivation and the others as reaching through a condition.
    mutating func decide() {
      isDecided = true
      for index in others.indices { others[index].isDecided = true }
    }

    /// This derivation and the others, each without others of its own.
    var all: [Derivation] {
      var first = self
      first.others = []
      return [first] + others
    }

    /// The derivations of every field, extended by one declaration, one per field in first-seen order.
    static func merged(_ derivations: [Derivation], through link: Link?) -> Derivation? {
      var seen: Set<String> = []
      var list: [Derivation] = []
      for derivation in derivations.flatMap(\.all) where seen.insert(derivation.origin).inserted {
        var extended = derivation
        if let link { extended.links.append(link) }
        list.append(extended)
      }
      guard var first = list.first else { return nil }
      first.others = Array(list.dropFirst())
      return first
    }
  }

  /// A tainted reference found in an expression.
  struct Hit {
    /// The reference's span.
    var range: SourceRange
    /// What it names, such as "`participant.gender`" or "rule `r`".
    var subject: String
    /// How the taint reaches the reference.
    var derivation: Derivation
  }

  let context: AnalysisContext
  let mode: Mode
  private var cache: [DeclarationReference: Derivation?] = [:]
  private var inProgress: Set<DeclarationReference> = []

  init(context: AnalysisContext, mode: Mode) {
    self.context = context
    self.mode = mode
  }

  private func isTainted(field index: Int) -> Bool {
    guard context.policy.input.fields.indices.contains(index) else { return false }
    let attributes = context.policy.input.fields[index].attributes
    return mode == .protected ? attributes.isProtected : attributes.isPII
  }

  /// How a let, rule or model derives from a traced field, if it does.
  mutating func derivation(of reference: DeclarationReference) -> Derivation? {
    if let cached = cache[reference] { return cached }
    guard !inProgress.contains(reference) else { return nil }
    inProgress.insert(reference)
    defer { inProgress.remove(reference) }
    // Every tainted field counts, not only the first: `nickname ?? email` reveals both.
    var derivations: [Derivation] = []
    for (input, value) in context.expressions(of: reference) {
      var holder = context.describe(reference)
      if let input { holder += " (input `\(input)`)" }
      for hit in hits(in: value) {
        let link = Link(holder: holder, used: hit.subject, range: hit.range)
        if let derivation = Derivation.merged([hit.derivation], through: link) {
          derivations.append(derivation)
        }
      }
    }
    let result = Derivation.merged(derivations, through: nil)
    cache[reference] = result
    return result
  }

  /// Every tainted reference in an expression, in source order.
  mutating func hits(in expression: TypedExpression) -> [Hit] {
    var found: [Hit] = []
    collect(expression, into: &found)
    return found
  }

  /// - Parameter decided: whether a bool lies between `expression` and where the value is used.
  private mutating func collect(_ expression: TypedExpression, decided: Bool = false, into found: inout [Hit])
  {
    let decided = decided || expression.type.unwrapped == .bool
    switch expression.kind {
    case .field(let index):
      if isTainted(field: index) {
        let path = "`\(context.fieldPath(index))`"
        found.append(
          Hit(
            range: expression.range, subject: path,
            derivation: Derivation(origin: path, links: [], isDecided: decided)))
      }
      return
    case .letRef, .ruleRef, .modelRef:
      guard let reference = expression.declarationReference else { return }
      if var derivation = derivation(of: reference) {
        if decided { derivation.decide() }
        found.append(
          Hit(range: expression.range, subject: context.describe(reference), derivation: derivation))
      }
      return
    default:
      break
    }
    for child in expression.children {
      collect(child, decided: decided, into: &found)
    }
  }

  /// The derivation written as a chain: `participant.gender` → let `g` → rule `r`.
  func chain(_ hit: Hit) -> [String] {
    chain(hit.derivation)
  }

  private func chain(_ derivation: Derivation) -> [String] {
    [derivation.origin] + derivation.links.map(\.holder)
  }

  /// The labels of a derivation, one per declaration it passes through, for every tainted field.
  func labels(_ hit: Hit) -> [Diagnostic.Label] {
    var seen: Set<SourceRange> = []
    return hit.derivation.all.flatMap(\.links).filter { seen.insert($0.range).inserted }
      .sorted { $0.range.start < $1.range.start }
      .map { Diagnostic.Label($0.range, "\($0.holder) uses \($0.used) here") }
  }

  /// One note per tainted field beyond the first, with its own derivation up to `target`.
  func otherFieldNotes(_ hit: Hit, target: String) -> [String] {
    hit.derivation.others.map { other in
      "also derived from \(other.origin): " + (chain(other) + [target]).joined(separator: " → ")
    }
  }

  // MARK: Reporting

  /// Reports protected attributes reaching a reward's decision clauses.
  mutating func reportProtected(into diagnostics: inout DiagnosticBag) {
    for reward in context.policy.rewards {
      for (clause, value) in reward.clauseExpressions where clause != .because {
        for hit in hits(in: value) {
          let place = "reward `\(reward.name.name)`"
          let origin = hit.derivation.origin
          var message = "protected attribute \(origin) influences the `\(clause)` of \(place)"
          if hit.subject != origin { message += " through \(hit.subject)" }
          diagnostics.report(
            GuaranteeDiagnostics.protectedInfluence, message, at: hit.range, labels: labels(hit),
            notes: [
              "derivation: " + (chain(hit) + ["\(place) (`\(clause)`)"]).joined(separator: " → ")
            ] + otherFieldNotes(hit, target: "\(place) (`\(clause)`)") + [
              "protected attributes may be used only in fairness constraints and tests"
            ])
        }
      }
    }
  }

  /// Reports personal data reaching explanations, a reward's `give`, `value` or `priority`, and model
  /// inputs: wherever `flow` refuses a value, every reference that brings personal data into it.
  mutating func reportPII(flow: PersonalDataFlow, into diagnostics: inout DiagnosticBag) {
    for reward in context.policy.rewards {
      let place = "reward `\(reward.name.name)`"
      // What is given and its value are written to the decision output; the priority picks which.
      let shown: [(RewardClauseName, PersonalDataFlow.Sink, TypedExpression?)] = [
        (.give, .give, reward.give), (.value, .value, reward.value), (.cost, .value, reward.cost),
        (.priority, .priority, reward.priority),
      ]
      if let because = reward.because, flow.isRefused(because, in: .explanation) {
        for hit in hits(in: because) {
          report(
            hit, code: GuaranteeDiagnostics.piiInExplanation, sink: .explanation,
            target: "the `because` text of \(place)", into: &diagnostics)
        }
      }
      for case (let clause, let sink, let expression?) in shown where flow.isRefused(expression, in: sink) {
        for hit in hits(in: expression) {
          report(
            hit, code: GuaranteeDiagnostics.piiInGive, sink: sink, target: "the `\(clause)` of \(place)",
            into: &diagnostics)
        }
      }
    }
    for model in context.policy.models {
      for input in model.inputs where flow.isRefused(input.value, in: .modelInput) {
        for hit in hits(in: input.value) {
          report(
            hit, code: GuaranteeDiagnostics.piiInModelInput, sink: .modelInput,
            target: "input `\(input.name.name)` of model `\(model.name.name)`", into: &diagnostics)
        }
      }
    }
  }

  private func report(
    _ hit: Hit, code: DiagnosticCode, sink: PersonalDataFlow.Sink, target: String,
    into diagnostics: inout DiagnosticBag
  ) {
    let origin = hit.derivation.origin
    var message =
      hit.derivation.isDecided
      ? "a condition on personal data \(origin) decides \(target)"
      : "personal data \(origin) reaches \(target)"
    if hit.subject != origin { message += " through \(hit.subject)" }
    var notes = ["derivation: " + (chain(hit) + [target]).joined(separator: " → ")]
    notes += otherFieldNotes(hit, target: target)
    if hit.derivation.all.contains(where: \.isDecided) {
      notes.append(
        sink == .modelInput
          ? "a bool derived from personal data may be a model input, but not a value that it chooses"
          : "what a condition on personal data chooses reveals it, one branch at a time: decide on it "
            + "in `when`, `requires` and the rules they use, never in what is shown")
    }
    notes.append("`pii` fields are never shown in output, explanations or rewards, nor fed to models")
    diagnostics.report(code, message, at: hit.range, labels: labels(hit), notes: notes)
  }
}
