import PlumDiagnostics
import PlumSyntax

/// The result of checking one file.
public struct CheckResult: Sendable {
  /// Every diagnostic, ordered by position.
  public var diagnostics: [Diagnostic]
  /// The resolved, typed policy; nil only when the file is unusable (no single `input`).
  ///
  /// A policy is returned even when there are errors so tools can inspect it; parts that did not
  /// check are `.error` nodes. Lower it to IR only when `hasErrors` is false.
  public var policy: CheckedPolicy?

  /// Creates a result.
  public init(diagnostics: [Diagnostic], policy: CheckedPolicy?) {
    self.diagnostics = diagnostics
    self.policy = policy
  }

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A resolved, typed policy: what IR lowering and the evaluator consume.
public struct CheckedPolicy: Hashable, Sendable {
  /// `policy NAME`, if declared.
  public var name: Identifier?
  /// `version "…"`, if declared.
  public var version: String?
  /// The policy's currency (`currency EUR`), if declared.
  public var currency: String?
  /// The input schema.
  public var input: InputSchema
  /// The lets, in source order.
  public var lets: [CheckedLet]
  /// The rules, in source order.
  public var rules: [CheckedRule]
  /// The models, in source order.
  public var models: [CheckedModel]
  /// The rewards, in source order.
  public var rewards: [CheckedReward]
  /// The selection of rewards per record (`select all` when not declared).
  public var select: CheckedSelect
  /// The budget, if declared.
  public var budget: CheckedBudget?
  /// The run-level constraints, in source order.
  public var constraints: [CheckedConstraint]
  /// The tests, in source order.
  public var tests: [CheckedTest]
  /// Lets, rules and models in an order where each comes after everything it uses.
  public var evaluationOrder: [DeclarationReference]
  /// The syntax tree the policy was checked from: what model-feature fingerprints print
  /// canonically, and the scope `Checker.checkExpression` checks an expression in.
  public var syntax: PolicyFile
  /// What one loyalty point costs (`points worth 0.01 EUR`), a money constant, if declared.
  public var pointValue: TypedExpression? = nil

  /// The enumeration whose cases are the reward names, used for `rewards` in tests.
  public var rewardNames: EnumType {
    EnumType(name: "reward", cases: rewards.map(\.name.name))
  }
}

/// A reference to a let, rule or model by its index in the policy.
public enum DeclarationReference: Hashable, Sendable {
  case `let`(Int)
  case rule(Int)
  case model(Int)
}

/// `let NAME = EXPR`.
public struct CheckedLet: Hashable, Sendable {
  /// The name.
  public var name: Identifier
  /// The let's type (the declared type when written).
  public var type: PlumType
  /// The value, already of `type`.
  public var value: TypedExpression
  /// The documentation comment, if any.
  public var doc: String?
}

/// `rule NAME = EXPR`: a named boolean.
public struct CheckedRule: Hashable, Sendable {
  /// The name.
  public var name: Identifier
  /// The condition, of type bool.
  public var condition: TypedExpression
  /// The documentation comment, if any.
  public var doc: String?
}

/// The supported model kinds.
public enum ModelKind: String, Hashable, Sendable, CaseIterable {
  case logistic, linear, kmeans, anomaly, trees

  /// The type of a reference to a model of this kind: its score, or a kmeans segment number.
  public var resultType: PlumType { self == .kmeans ? .int : .float }
}

/// `model NAME = KIND("file") { inputs { … } purpose P }`.
public struct CheckedModel: Hashable, Sendable {
  /// The name.
  public var name: Identifier
  /// The kind, or nil when the written kind is unknown (an error has been reported).
  public var kind: ModelKind?
  /// The kind as written.
  public var kindName: Identifier
  /// The model file path as written, relative to the policy file.
  public var source: String
  /// The span of the path string.
  public var sourceRange: SourceRange
  /// The named inputs, in order; each is int, float, money or bool.
  public var inputs: [CheckedModelInput]
  /// The consent purpose that gates evaluation, if any.
  public var purpose: Identifier?
  /// The type of a reference to the model: its score, a k-means segment number, or with
  /// `segments [a, b, c]` an enumeration of the segment names.
  public var type: PlumType
  /// The documentation comment, if any.
  public var doc: String?
  /// A k-means model's segment names, in segment order, when it declares them.
  public var segments: [Identifier]? = nil
}

/// One named model input.
public struct CheckedModelInput: Hashable, Sendable {
  /// The feature name.
  public var name: Identifier
  /// The feature value.
  public var value: TypedExpression
}

/// `reward NAME { when … give … value … priority … because … requires … }`.
public struct CheckedReward: Hashable, Sendable {
  /// The name.
  public var name: Identifier
  /// The `when` condition (bool), if written; a reward without one applies to every record.
  public var when: TypedExpression?
  /// The `requires` conditions (bool), in order.
  public var requires: [TypedExpression]
  /// The reward given: a call to `points`, `voucher`, `cashback` or `badge`.
  public var give: TypedExpression?
  /// The expected benefit (money), if written.
  public var value: TypedExpression?
  /// What giving the reward costs against the budget (money), if written.
  public var cost: TypedExpression? = nil
  /// The priority (int), if written.
  public var priority: TypedExpression?
  /// The explanation text (string), if written.
  public var because: TypedExpression?
  /// The documentation comment, if any.
  public var doc: String?
}

/// How rewards are selected per record.
public enum CheckedSelect: Hashable, Sendable {
  /// Every reward whose conditions hold.
  case all
  /// The best rewards by priority, at most `max` of them (nil: no limit).
  case bestByPriority(max: Int64?)
}

/// `budget AMOUNT per run`.
public struct CheckedBudget: Hashable, Sendable {
  /// The amount, of type money.
  public var amount: TypedExpression
  /// The period as written (`run`).
  public var period: Identifier
}

/// `constraint NAME: EXPR`.
public struct CheckedConstraint: Hashable, Sendable {
  /// The name.
  public var name: Identifier
  /// The condition, of type bool.
  public var condition: TypedExpression
}

/// `test "name" { given … expect … }`.
public struct CheckedTest: Hashable, Sendable {
  /// The test's name.
  public var name: String
  /// The span of the name string.
  public var nameRange: SourceRange
  /// The record the test runs on, if given.
  public var given: TestInput?
  /// The expectations, in order.
  public var expectations: [Expectation]
}

/// Where a test's record comes from.
public enum TestInput: Hashable, Sendable {
  /// A record literal: field indexes with their values; omitted optional fields are missing.
  case record([TestFieldValue])
  /// A row (1-based) of a CSV or JSON Lines file, relative to the policy file.
  case file(path: String, row: Int64)
}

/// One field value of a test record.
public struct TestFieldValue: Hashable, Sendable {
  /// The field's index in the schema.
  public var field: Int
  /// The value, of the field's type (unwrapped when the field is optional).
  public var value: TypedExpression
}

/// One `expect` of a test.
public struct Expectation: Hashable, Sendable {
  /// What is expected.
  public enum Kind: Hashable, Sendable {
    /// A bool expression that must hold.
    case holds(TypedExpression)
    /// `expect a == b within t`: float (or money) values equal within a tolerance.
    case approximately(TypedExpression, TypedExpression, tolerance: TypedExpression)
    /// `expect text contains part` (strings) or `expect list contains element`.
    case contains(TypedExpression, TypedExpression)
    /// `expect error P0601`: evaluating the record fails with this code.
    case error(code: String)
    /// `expect withheld_by_budget save_10 at 1.25`: the reward (an index into the policy's
    /// rewards) would be given without the budget and is not given at the price `multiplier` (λ).
    case withheldByBudget(reward: Int, multiplier: Double)
  }

  /// The expectation.
  public var kind: Kind
  /// The span of the statement.
  public var range: SourceRange
}
