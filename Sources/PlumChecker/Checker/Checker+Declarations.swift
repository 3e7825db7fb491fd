import PlumDiagnostics
import PlumSyntax

extension CheckSession {
  /// Checks a let (once; later calls return the first result).
  @discardableResult
  mutating func checkLet(_ index: Int) -> CheckedLet {
    if case .checked(let checked) = letStates[index] { return checked }
    letStates[index] = .checking
    let decl = lets[index]
    let context = ExpressionContext(owner: .let(index), place: .declaration)
    let declared = decl.type.map { resolveType($0, enumName: decl.name.name) }
    var value = check(decl.value, expected: declared, context)
    var type = value.type
    if let declared {
      value = coerce(value, to: declared, context) { found in
        "`\(decl.name.name)` is declared `\(declared)` but its value is `\(found)`"
      }
      type = declared
      // Without a policy currency a declared `money` takes the currency of its value.
      if case .money(currency: "") = declared.unwrapped, case .money = value.type.unwrapped {
        type = declared.isOptional ? value.type.madeOptional : value.type
      }
    }
    let checked = CheckedLet(name: decl.name, type: type, value: value, doc: decl.doc)
    letStates[index] = .checked(checked)
    return checked
  }

  /// Checks a rule: its condition must be bool.
  mutating func checkRule(_ index: Int) {
    let decl = rules[index]
    let context = ExpressionContext(owner: .rule(index), place: .declaration)
    let condition = checkCondition(decl.condition, what: "rule `\(decl.name.name)`", context)
    checkedRules[index] = CheckedRule(name: decl.name, condition: condition, doc: decl.doc)
  }

  /// Checks a model: its kind, numeric inputs and purpose.
  mutating func checkModel(_ index: Int) {
    let decl = models[index]
    let kind = ModelKind(rawValue: decl.kind.name)
    if kind == nil {
      let kinds = ModelKind.allCases.map(\.rawValue)
      var notes: [String] = []
      var fixIts: [Diagnostic.FixIt] = []
      if let suggestion = closestName(to: decl.kind.name, among: kinds) {
        notes.append("did you mean `\(suggestion)`?")
        fixIts.append(
          .init(range: decl.kind.range, replacement: suggestion, message: "replace with `\(suggestion)`"))
      }
      notes.append("the model kinds are " + kinds.map { "`\($0)`" }.joined(separator: ", "))
      report(
        CheckerDiagnostics.unknownModelKind, "unknown model kind `\(decl.kind.name)`", at: decl.kind.range,
        notes: notes, fixIts: fixIts)
    }
    let context = ExpressionContext(owner: .model(index), place: .declaration)
    var seen: [String: SourceRange] = [:]
    var inputs: [CheckedModelInput] = []
    for input in decl.inputs {
      if let first = seen[input.name.name] {
        report(
          CheckerDiagnostics.duplicateField, "duplicate model input `\(input.name.name)`",
          at: input.name.range,
          labels: [.init(first, "first declared here")])
      }
      seen[input.name.name] = input.name.range
      // A tree ensemble sends a missing value down each split's default branch, as XGBoost does,
      // so its inputs may be optional; every other kind needs a value.
      let checked = check(input.value, context)
      var value = kind == .trees && checked.type.isOptional ? checked : requireValue(checked, context)
      switch value.type.unwrapped {
      case .int, .float, .money, .bool, .error: break
      default:
        report(
          CheckerDiagnostics.modelInputType,
          "model input `\(input.name.name)` must be int, float, money or bool, found `\(value.type)`",
          at: value.range,
          notes: ["turn other values into numbers first, e.g. `if participant.tier == gold then 1 else 0`"])
        value = .error(value.range)
      }
      inputs.append(CheckedModelInput(name: input.name, value: value))
    }
    if let purpose = decl.purpose { checkPurpose(purpose) }
    if let segments = decl.segments { checkSegments(segments, of: decl, kind: kind) }
    checkedModels[index] = CheckedModel(
      name: decl.name, kind: kind, kindName: decl.kind, source: decl.source, sourceRange: decl.sourceRange,
      inputs: inputs, purpose: decl.purpose, type: modelType(decl), doc: decl.doc,
      segments: kind == .kmeans ? decl.segments : nil)
  }

  /// The type of a reference to a model: an enumeration of its segment names for a k-means model
  /// that names them, otherwise its kind's result type.
  func modelType(_ decl: ModelDecl) -> PlumType {
    let kind = ModelKind(rawValue: decl.kind.name)
    if kind == .kmeans, let segments = decl.segments {
      var seen: Set<String> = []
      return .enumeration(
        EnumType(name: decl.name.name, cases: segments.map(\.name).filter { seen.insert($0).inserted }))
    }
    return kind?.resultType ?? .error
  }

  /// Reports `segments` on a model that is not k-means, and a segment named twice.
  mutating func checkSegments(_ segments: [Identifier], of decl: ModelDecl, kind: ModelKind?) {
    guard kind == .kmeans else {
      if kind != nil, let first = segments.first {
        report(
          CheckerDiagnostics.notAvailableHere,
          "`segments` names the segments of a kmeans model; `\(decl.name.name)` is a \(decl.kind.name) model",
          at: first.range, notes: ["remove the `segments` clause"])
      }
      return
    }
    var seen: [String: SourceRange] = [:]
    for segment in segments {
      if let first = seen[segment.name] {
        report(
          CheckerDiagnostics.duplicateField, "duplicate segment name `\(segment.name)`", at: segment.range,
          labels: [.init(first, "first named here")])
      }
      seen[segment.name] = seen[segment.name] ?? segment.range
    }
  }

  /// Checks a reward's clauses; conditions that establish presence narrow the other clauses.
  mutating func checkReward(_ index: Int) -> CheckedReward {
    let decl = rewards[index]
    var context = ExpressionContext(owner: nil, place: .requires)
    let requires = decl.requires.map { checkCondition($0, what: "a `requires` condition", context) }
    for condition in requires { context = context.narrowing(condition.presenceFacts) }
    context.place = .declaration
    let when = decl.when.map { checkCondition($0, what: "the `when` condition", context) }
    if let when { context = context.narrowing(when.presenceFacts) }
    context.conditionStart = nil
    var give: TypedExpression?
    if let expr = decl.give {
      give = coerce(check(expr, context), to: .reward, context) { found in
        "`give` needs a reward such as `points(100)` or `voucher(10 EUR)`, found `\(found)`"
      }
    }
    let moneyType = PlumType.money(currency: currency ?? "")
    let value = decl.value.map { expr in
      let checked = check(expr, context)
      if currency == nil, case .money = checked.type { return checked }
      return coerce(checked, to: moneyType, context) { found in "`value` must be `money`, found `\(found)`" }
    }
    let cost = decl.cost.map { expr in
      let checked = check(expr, context)
      if currency == nil, case .money = checked.type { return checked }
      return coerce(checked, to: moneyType, context) { found in "`cost` must be `money`, found `\(found)`" }
    }
    let priority = decl.priority.map { expr in
      coerce(check(expr, context), to: .int, context) { found in "`priority` must be `int`, found `\(found)`"
      }
    }
    let because = decl.because.map { expr in
      coerce(check(expr, context), to: .string, context) { found in "`because` must be text, found `\(found)`"
      }
    }
    return CheckedReward(
      name: decl.name, when: when, requires: requires, give: give, value: value, cost: cost,
      priority: priority, because: because, doc: decl.doc)
  }

  /// Checks `select`: only `priority` is a known key, and `max` is at least 1.
  mutating func checkSelect() -> CheckedSelect {
    guard let selectDecl else { return .all }
    switch selectDecl.mode {
    case .all:
      return .all
    case .best(let key, let maximum):
      if key.name != "priority" {
        let suggestion = closestName(to: key.name, among: ["priority"])
        report(
          CheckerDiagnostics.unknownSelectKey, "cannot select by `\(key.name)`", at: key.range,
          notes: (suggestion.map { ["did you mean `\($0)`?"] } ?? []) + [
            "rewards are selected by `priority`"
          ],
          fixIts: [.init(range: key.range, replacement: "priority", message: "replace with `priority`")])
      }
      if let maximum, maximum < 1 {
        report(
          CheckerDiagnostics.invalidNumber, "`max` must be at least 1, found \(maximum)",
          at: selectDecl.range,
          notes: ["to give no rewards, remove them; to give all, write `select all`"])
      }
      return .bestByPriority(max: maximum)
    }
  }

  /// Checks `points worth AMOUNT`: a money constant in the policy's currency.
  mutating func checkPointValue() -> TypedExpression? {
    guard let pointValueDecl else { return nil }
    let context = ExpressionContext(owner: nil, place: .budget)
    let amount = check(pointValueDecl.amount, context)
    if case .money = amount.type { return amount }
    return coerce(amount, to: .money(currency: currency ?? ""), context) { found in
      "what a point is worth must be money, found `\(found)`"
    }
  }

  /// Under a budget, every reward's cost must be known: its `cost` clause, or the money of its
  /// `give` — a voucher's amount, a badge's nothing, points times `points worth` — (P0224).
  mutating func checkRewardCosts(_ checked: [CheckedReward], budget: BudgetDecl, pointValue: TypedExpression?)
  {
    for (index, reward) in checked.enumerated() where reward.cost == nil {
      guard let give = reward.give, give.type != .error else { continue }
      let kinds = Self.giveKinds(give)
      let unknown: String?
      if let kinds {
        if kinds.contains(.cashback) {
          unknown = "a cashback rate has no amount until the purchase is made"
        } else if kinds.contains(.points) && pointValue == nil {
          unknown = "it gives points, and the policy does not say what a point is worth"
        } else {
          unknown = nil
        }
      } else {
        unknown = "its `give` is not a call to `points`, `voucher` or `badge`"
      }
      guard let unknown else { continue }
      let decl = rewards[index]
      var notes = [
        "a budget bounds the total cost of the rewards given, so each reward needs a cost",
        "write `cost AMOUNT` in the reward",
      ]
      if kinds?.contains(.points) == true && kinds?.contains(.cashback) == false {
        notes.append("or declare what a point is worth, e.g. `points worth 0.01 EUR`")
      }
      report(
        CheckerDiagnostics.unknownRewardCost,
        "the cost of reward `\(decl.name.name)` cannot be known: \(unknown)", at: decl.name.range,
        labels: [.init(budget.range, "the budget that needs it")], notes: notes)
    }
  }

  /// The reward constructors a `give` may call, or nil when it is not built from them directly.
  static func giveKinds(_ expression: TypedExpression) -> Set<Builtin>? {
    switch expression.kind {
    case .call(let builtin, _) where [.points, .voucher, .cashback, .badge].contains(builtin): [builtin]
    case .narrowed(let inner): giveKinds(inner)
    case .conditional(_, let then, let otherwise):
      giveKinds(then).flatMap { a in giveKinds(otherwise).map { a.union($0) } }
    default: nil
    }
  }

  /// Checks `budget`: the amount is money in the policy's currency, per `run`.
  mutating func checkBudget() -> CheckedBudget? {
    guard let budgetDecl else { return nil }
    let context = ExpressionContext(owner: nil, place: .budget)
    var amount = check(budgetDecl.amount, context)
    if case .money = amount.type {
    } else {
      amount = coerce(amount, to: .money(currency: currency ?? ""), context) { found in
        "a budget must be money, found `\(found)`"
      }
    }
    if budgetDecl.period.name != "run" {
      let suggestion = closestName(to: budgetDecl.period.name, among: ["run"])
      report(
        CheckerDiagnostics.unknownBudgetPeriod, "unknown budget period `\(budgetDecl.period.name)`",
        at: budgetDecl.period.range,
        notes: (suggestion.map { ["did you mean `\($0)`?"] } ?? []) + ["a budget applies `per run`"],
        fixIts: [.init(range: budgetDecl.period.range, replacement: "run", message: "replace with `run`")])
    }
    return CheckedBudget(amount: amount, period: budgetDecl.period)
  }

  /// Checks a run-level constraint: a bool condition where `rewarded` and `disparate_impact` exist.
  mutating func checkConstraint(_ decl: ConstraintDecl) -> CheckedConstraint {
    let context = ExpressionContext(owner: nil, place: .constraint)
    let condition = checkCondition(decl.condition, what: "constraint `\(decl.name.name)`", context)
    return CheckedConstraint(name: decl.name, condition: condition)
  }
}
