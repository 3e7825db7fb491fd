import PlumChecker

/// What expressions of a policy read: input fields, through lets, rules and models.
public struct ExplainDependencies: Sendable {
  /// The policy.
  public let policy: CheckedPolicy

  /// Creates the analysis for a policy.
  public init(policy: CheckedPolicy) {
    self.policy = policy
  }

  /// The input fields (schema indexes) an expression reads, directly or through declarations.
  public func fields(readBy expression: TypedExpression) -> Set<Int> {
    var fields = Set<Int>()
    var visited = Set<DeclarationReference>()
    collect(expression, into: &fields, visited: &visited)
    return fields
  }

  /// The input fields any reward's conditions, give, value, priority or `because` read.
  public var fieldsReadByRewards: Set<Int> {
    var fields = Set<Int>()
    var visited = Set<DeclarationReference>()
    for reward in policy.rewards {
      let parts =
        reward.requires
        + [reward.when, reward.give, reward.value, reward.priority, reward.because]
        .compactMap { $0 }
      for part in parts { collect(part, into: &fields, visited: &visited) }
    }
    return fields
  }

  /// Whether an expression's value carries personal data, by the rule of the analysis and of
  /// `plum run`'s redaction (`PersonalDataFlow`).
  public func readsPII(_ expression: TypedExpression) -> Bool {
    PersonalDataFlow(policy: policy).carriesPersonalData(expression)
  }

  /// The declarations an expression refers to directly, in order of appearance.
  public func references(in expression: TypedExpression) -> [DeclarationReference] {
    var found: [DeclarationReference] = []
    forEachNode(in: expression) { node in
      switch node.kind {
      case .letRef(let index): found.append(.let(index))
      case .ruleRef(let index): found.append(.rule(index))
      case .modelRef(let index): found.append(.model(index))
      default: break
      }
    }
    var seen = Set<DeclarationReference>()
    return found.filter { seen.insert($0).inserted }
  }

  private func collect(
    _ expression: TypedExpression, into fields: inout Set<Int>, visited: inout Set<DeclarationReference>
  ) {
    var pending: [DeclarationReference] = []
    forEachNode(in: expression) { node in
      switch node.kind {
      case .field(let index): fields.insert(index)
      case .letRef(let index): pending.append(.let(index))
      case .ruleRef(let index): pending.append(.rule(index))
      case .modelRef(let index): pending.append(.model(index))
      default: break
      }
    }
    for reference in pending where visited.insert(reference).inserted {
      switch reference {
      case .let(let index): collect(policy.lets[index].value, into: &fields, visited: &visited)
      case .rule(let index): collect(policy.rules[index].condition, into: &fields, visited: &visited)
      case .model(let index):
        let model = policy.models[index]
        for input in model.inputs { collect(input.value, into: &fields, visited: &visited) }
        if let purpose = model.purpose, let flag = policy.input.index(ofPath: "consent.\(purpose.name)") {
          fields.insert(flag)
        }
      }
    }
  }

  /// Calls `visit` on every node of an expression, parents first.
  public func forEachNode(in expression: TypedExpression, _ visit: (TypedExpression) -> Void) {
    visit(expression)
    switch expression.kind {
    case .list(let elements):
      for element in elements { forEachNode(in: element, visit) }
    case .interpolation(let segments):
      for case .value(let inner, _) in segments { forEachNode(in: inner, visit) }
    case .narrowed(let inner), .intToFloat(let inner), .negate(_, let inner), .not(let inner):
      forEachNode(in: inner, visit)
    case .call(_, let arguments):
      for argument in arguments { forEachNode(in: argument, visit) }
    case .binary(_, let left, let right):
      forEachNode(in: left, visit)
      forEachNode(in: right, visit)
    case .conditional(let test, let then, let otherwise):
      forEachNode(in: test, visit)
      forEachNode(in: then, visit)
      forEachNode(in: otherwise, visit)
    default: break
    }
  }
}
