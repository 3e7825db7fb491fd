import PlumDiagnostics
import PlumSyntax

/// Resolves names and types of a parsed policy and reports every problem it finds.
public enum Checker {
  /// Checks a parsed file.
  ///
  /// - Parameters:
  ///   - file: The parsed declarations.
  ///   - source: The source text, used for fix-its that quote it.
  /// - Returns: The diagnostics ordered by position, and the checked policy unless the file has no
  ///   single `input` declaration.
  public static func check(_ file: PolicyFile, source: SourceFile) -> CheckResult {
    var session = CheckSession(file: file, source: source)
    return session.run()
  }
}

/// The mutable state of one check: the declarations, what has been resolved so far and the
/// diagnostics. It lives only for the duration of `Checker.check`.
struct CheckSession {
  /// What a top-level name refers to.
  enum Symbol: Equatable {
    case input
    case `let`(Int)
    case rule(Int)
    case model(Int)
    case reward(Int)
  }

  /// Progress of a let's inference, so lets can be checked on first use in any order.
  enum LetState {
    case unchecked
    case checking
    case checked(CheckedLet)
  }

  let file: PolicyFile
  let source: SourceFile
  /// The policy's source when `source` is an expression's of its own (`Checker.checkExpression`):
  /// a label at a declaration of the policy becomes a note naming its place there.
  var policySource: SourceFile?
  var diagnostics = DiagnosticBag()

  var policyDecl: PolicyDecl?
  var currencyDecl: CurrencyDecl?
  var inputDecl: InputDecl?
  var lets: [LetDecl] = []
  var rules: [RuleDecl] = []
  var models: [ModelDecl] = []
  var rewards: [RewardDecl] = []
  var selectDecl: SelectDecl?
  var budgetDecl: BudgetDecl?
  var pointValueDecl: PointValueDecl?
  var constraints: [ConstraintDecl] = []
  var tests: [TestDecl] = []

  /// Top-level names: the input, lets, rules, models and rewards share one namespace.
  var symbols: [String: Symbol] = [:]
  /// The names in declaration order, for suggestions.
  var symbolNames: [String] = []

  /// The flattened schema, once built.
  var schema: InputSchema?
  /// The policy currency, if declared.
  var currency: String? { currencyDecl?.code.name }

  var letStates: [LetState] = []
  /// How many lets are being checked on first use, one inside another.
  var letDepth = 0
  var checkedRules: [CheckedRule?] = []
  var checkedModels: [CheckedModel?] = []
  /// Where each let, rule and model refers to another, for cycles and evaluation order.
  var dependencies: [DeclarationReference: [(target: DeclarationReference, range: SourceRange)]] = [:]

  init(file: PolicyFile, source: SourceFile) {
    self.file = file
    self.source = source
  }

  /// Runs every phase of the check.
  mutating func run() -> CheckResult {
    collectDeclarations()
    buildSchema()
    letStates = Array(repeating: .unchecked, count: lets.count)
    checkedRules = Array(repeating: nil, count: rules.count)
    checkedModels = Array(repeating: nil, count: models.count)
    for index in letCheckOrder() { checkLet(index) }
    let checkedLets = lets.indices.map { checkLet($0) }
    for index in rules.indices { checkRule(index) }
    for index in models.indices { checkModel(index) }
    let checkedRewards = rewards.indices.map { checkReward($0) }
    let select = checkSelect()
    let budget = checkBudget()
    let pointValue = checkPointValue()
    if let budgetDecl, let budget, budget.amount.type != .error {
      checkRewardCosts(checkedRewards, budget: budgetDecl, pointValue: pointValue)
    }
    let checkedConstraints = constraints.map { checkConstraint($0) }
    let order = evaluationOrder()
    guard let schema else {
      return CheckResult(diagnostics: diagnostics.diagnostics.sortedByPosition(), policy: nil)
    }
    let rewardNames = EnumType(name: "reward", cases: rewards.map(\.name.name))
    let checkedTests = checkTests(rewardNames: rewardNames)
    let policy = CheckedPolicy(
      name: policyDecl?.name, version: policyDecl?.version, currency: currency, input: schema,
      lets: checkedLets, rules: checkedRules.indices.map { checkedRules[$0] ?? placeholderRule($0) },
      models: checkedModels.indices.map { checkedModels[$0] ?? placeholderModel($0) },
      rewards: checkedRewards, select: select, budget: budget, constraints: checkedConstraints,
      tests: checkedTests, evaluationOrder: order, syntax: file, pointValue: pointValue)
    return CheckResult(diagnostics: diagnostics.diagnostics.sortedByPosition(), policy: policy)
  }

  private func placeholderRule(_ index: Int) -> CheckedRule {
    CheckedRule(name: rules[index].name, condition: .error(rules[index].range), doc: rules[index].doc)
  }

  private func placeholderModel(_ index: Int) -> CheckedModel {
    let decl = models[index]
    return CheckedModel(
      name: decl.name, kind: nil, kindName: decl.kind, source: decl.source, sourceRange: decl.sourceRange,
      inputs: [], purpose: decl.purpose, type: .error, doc: decl.doc)
  }

  /// Reports a diagnostic.
  mutating func report(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange,
    labels: [Diagnostic.Label] = [], notes: [String] = [], fixIts: [Diagnostic.FixIt] = []
  ) {
    diagnostics.report(code, message, at: range, labels: labels, notes: notes, fixIts: fixIts)
  }
}
