import PlumDiagnostics
import PlumSyntax

/// What every analysis reads: the checked policy, its syntax tree and source, and name lookups.
struct AnalysisContext {
  /// The checked policy.
  let policy: CheckedPolicy
  /// The parsed file, for spans the checked tree does not keep (clause keywords).
  let file: PolicyFile
  /// The source text.
  let source: SourceFile

  /// The input's root name, such as `participant`.
  var root: String { policy.input.name.name }

  /// The dotted path of a field as written in expressions, such as `participant.consent.profiling`.
  func fieldPath(_ index: Int) -> String {
    guard policy.input.fields.indices.contains(index) else { return root }
    return root + "." + policy.input.fields[index].path
  }

  /// The consent purpose a field establishes when true: `X` for a bool `consent.X`.
  func consentPurpose(ofField index: Int) -> String? {
    guard policy.input.fields.indices.contains(index) else { return nil }
    let field = policy.input.fields[index]
    guard field.type.unwrapped == .bool, field.path.hasPrefix("consent."),
      !field.path.dropFirst("consent.".count).contains(".")
    else { return nil }
    return String(field.path.dropFirst("consent.".count))
  }

  /// The purpose that gates reading a field, if it has one.
  func purpose(ofField index: Int) -> String? {
    guard policy.input.fields.indices.contains(index) else { return nil }
    return policy.input.fields[index].attributes.purpose?.name
  }

  /// The expression that checks a purpose's consent, as written in a condition.
  func consentExpression(_ purpose: String) -> String { "\(root).consent.\(purpose)" }

  /// The name of a let, rule or model.
  func name(of reference: DeclarationReference) -> Identifier {
    switch reference {
    case .let(let index): policy.lets[index].name
    case .rule(let index): policy.rules[index].name
    case .model(let index): policy.models[index].name
    }
  }

  /// How a declaration is named in messages: "let `g`", "rule `r`", "model `m`".
  func describe(_ reference: DeclarationReference) -> String {
    switch reference {
    case .let(let index): "let `\(policy.lets[index].name.name)`"
    case .rule(let index): "rule `\(policy.rules[index].name.name)`"
    case .model(let index): "model `\(policy.models[index].name.name)`"
    }
  }

  /// The expressions a declaration evaluates, with the model input name where there is one.
  func expressions(of reference: DeclarationReference) -> [(input: String?, value: TypedExpression)] {
    switch reference {
    case .let(let index): [(nil, policy.lets[index].value)]
    case .rule(let index): [(nil, policy.rules[index].condition)]
    case .model(let index): policy.models[index].inputs.map { ($0.name.name, $0.value) }
    }
  }

  /// Every let, rule and model, in source order within each kind.
  var declarations: [DeclarationReference] {
    policy.lets.indices.map { .let($0) } + policy.rules.indices.map { .rule($0) }
      + policy.models.indices.map { .model($0) }
  }

  /// The syntax of a reward, matched by position in source order.
  func rewardDecl(_ index: Int) -> RewardDecl? {
    let decls = file.declarations.compactMap { declaration -> RewardDecl? in
      if case .reward(let reward) = declaration { return reward }
      return nil
    }
    return decls.indices.contains(index) ? decls[index] : nil
  }

  /// The source text of a span, for messages.
  func text(_ range: SourceRange) -> String { source.text(in: range) }
}

/// The clauses of a reward, as named in messages.
enum RewardClauseName: String {
  case requires, when, give, value, cost, priority, because
}

extension CheckedReward {
  /// Every written clause expression with its clause name, in evaluation order.
  var clauseExpressions: [(clause: RewardClauseName, value: TypedExpression)] {
    var result: [(RewardClauseName, TypedExpression)] = requires.map { (.requires, $0) }
    if let when { result.append((.when, when)) }
    if let give { result.append((.give, give)) }
    if let value { result.append((.value, value)) }
    if let cost { result.append((.cost, cost)) }
    if let priority { result.append((.priority, priority)) }
    if let because { result.append((.because, because)) }
    return result
  }
}
