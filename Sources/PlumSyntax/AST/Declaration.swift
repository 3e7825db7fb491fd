import PlumDiagnostics

/// A parsed `.plum` file: its declarations in source order.
public struct PolicyFile: Hashable, Sendable {
  /// The declarations, in the order written (their order carries no meaning).
  public var declarations: [Declaration]

  /// Creates a file.
  public init(declarations: [Declaration]) {
    self.declarations = declarations
  }
}

/// A top-level declaration.
public enum Declaration: Hashable, Sendable {
  case policy(PolicyDecl)
  case currency(CurrencyDecl)
  case input(InputDecl)
  case `let`(LetDecl)
  case rule(RuleDecl)
  case model(ModelDecl)
  case reward(RewardDecl)
  case select(SelectDecl)
  case budget(BudgetDecl)
  case pointValue(PointValueDecl)
  case constraint(ConstraintDecl)
  case test(TestDecl)

  /// The span of the whole declaration.
  public var range: SourceRange {
    switch self {
    case .policy(let d): d.range
    case .currency(let d): d.range
    case .input(let d): d.range
    case .let(let d): d.range
    case .rule(let d): d.range
    case .model(let d): d.range
    case .reward(let d): d.range
    case .select(let d): d.range
    case .budget(let d): d.range
    case .pointValue(let d): d.range
    case .constraint(let d): d.range
    case .test(let d): d.range
    }
  }
}

/// `policy NAME [version "…"]`.
public struct PolicyDecl: Hashable, Sendable {
  public var name: Identifier
  public var version: String?
  public var doc: String?
  public var range: SourceRange
  public init(name: Identifier, version: String?, doc: String?, range: SourceRange) {
    self.name = name
    self.version = version
    self.doc = doc
    self.range = range
  }
}

/// `currency EUR`: the policy's default currency.
public struct CurrencyDecl: Hashable, Sendable {
  public var code: Identifier
  public var doc: String?
  public var range: SourceRange
  public init(code: Identifier, doc: String?, range: SourceRange) {
    self.code = code
    self.doc = doc
    self.range = range
  }
}

/// `input participant { … }`: the schema of the records a policy decides on.
public struct InputDecl: Hashable, Sendable {
  public var name: Identifier
  public var fields: [FieldDecl]
  public var doc: String?
  public var range: SourceRange
  public init(name: Identifier, fields: [FieldDecl], doc: String?, range: SourceRange) {
    self.name = name
    self.fields = fields
    self.doc = doc
    self.range = range
  }
}

/// A field of an input schema: a typed value or a nested group such as `consent { … }`.
public struct FieldDecl: Hashable, Sendable {
  /// A value field's type and attributes, or a group's fields.
  public enum Kind: Hashable, Sendable {
    case value(TypeSyntax, [FieldAttribute])
    case group([FieldDecl])
  }
  public var name: Identifier
  public var kind: Kind
  public var doc: String?
  public var range: SourceRange
  public init(name: Identifier, kind: Kind, doc: String?, range: SourceRange) {
    self.name = name
    self.kind = kind
    self.doc = doc
    self.range = range
  }
}

/// An attribute after a field's type.
public enum FieldAttribute: Hashable, Sendable {
  /// `key`: identifies the record in output and errors.
  case key(SourceRange)
  /// `protected`: may be audited, never decided on.
  case protected(SourceRange)
  /// `pii`: never echoed in output or explanations.
  case pii(SourceRange)
  /// `purpose NAME`: reading the field needs `consent.NAME`.
  case purpose(Identifier)
}

/// A written type.
public struct TypeSyntax: Hashable, Sendable {
  /// The type's form.
  public indirect enum Kind: Hashable, Sendable {
    /// `bool`, `int`, `float`, `money`, `string`, `date`, `duration`.
    case name(Identifier)
    /// `enum { a, b, c }`.
    case enumeration([Identifier])
    /// `list<T>`.
    case list(TypeSyntax)
    /// `T?`.
    case optional(TypeSyntax)
  }
  public var kind: Kind
  public var range: SourceRange
  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// `let NAME [: TYPE] = EXPR`.
public struct LetDecl: Hashable, Sendable {
  public var name: Identifier
  public var type: TypeSyntax?
  public var value: Expression
  public var doc: String?
  public var range: SourceRange
  public init(name: Identifier, type: TypeSyntax?, value: Expression, doc: String?, range: SourceRange) {
    self.name = name
    self.type = type
    self.value = value
    self.doc = doc
    self.range = range
  }
}

/// `rule NAME = EXPR`: a named boolean that shows up in explanations.
public struct RuleDecl: Hashable, Sendable {
  public var name: Identifier
  public var condition: Expression
  public var doc: String?
  public var range: SourceRange
  public init(name: Identifier, condition: Expression, doc: String?, range: SourceRange) {
    self.name = name
    self.condition = condition
    self.doc = doc
    self.range = range
  }
}

/// `model NAME = KIND("file") { inputs { … } purpose P }`.
public struct ModelDecl: Hashable, Sendable {
  public var name: Identifier
  /// The model kind: `logistic`, `linear`, `kmeans`, `anomaly`, `trees`.
  public var kind: Identifier
  /// The model file path as written, relative to the policy file.
  public var source: String
  public var sourceRange: SourceRange
  /// Named feature expressions, in order.
  public var inputs: [ModelInput]
  /// The consent purpose that gates evaluation.
  public var purpose: Identifier?
  /// A k-means model's names for its segments, in segment order, from `segments [a, b, c]`.
  public var segments: [Identifier]?
  public var doc: String?
  public var range: SourceRange
  public init(
    name: Identifier, kind: Identifier, source: String, sourceRange: SourceRange, inputs: [ModelInput],
    purpose: Identifier?, doc: String?, range: SourceRange, segments: [Identifier]? = nil
  ) {
    self.name = name
    self.kind = kind
    self.source = source
    self.sourceRange = sourceRange
    self.inputs = inputs
    self.purpose = purpose
    self.segments = segments
    self.doc = doc
    self.range = range
  }
}

/// One `name: expr` entry of a model's `inputs { … }`.
public struct ModelInput: Hashable, Sendable {
  public var name: Identifier
  public var value: Expression
  public init(name: Identifier, value: Expression) {
    self.name = name
    self.value = value
  }
}

/// `reward NAME { when … give … value … priority … because "…" requires … }`.
public struct RewardDecl: Hashable, Sendable {
  public var name: Identifier
  public var clauses: [RewardClause]
  public var doc: String?
  public var range: SourceRange
  public init(name: Identifier, clauses: [RewardClause], doc: String?, range: SourceRange) {
    self.name = name
    self.clauses = clauses
    self.doc = doc
    self.range = range
  }

  /// The `when` condition, if written.
  public var when: Expression? {
    clauses.lazy.compactMap { if case .when(let e) = $0.kind { e } else { nil } }.first
  }
  /// The `give` expression, if written.
  public var give: Expression? {
    clauses.lazy.compactMap { if case .give(let e) = $0.kind { e } else { nil } }.first
  }
  /// The `value` expression, if written.
  public var value: Expression? {
    clauses.lazy.compactMap { if case .value(let e) = $0.kind { e } else { nil } }.first
  }
  /// The `cost` expression, if written.
  public var cost: Expression? {
    clauses.lazy.compactMap { if case .cost(let e) = $0.kind { e } else { nil } }.first
  }
  /// The `priority` expression, if written.
  public var priority: Expression? {
    clauses.lazy.compactMap { if case .priority(let e) = $0.kind { e } else { nil } }.first
  }
  /// The `because` text, if written.
  public var because: Expression? {
    clauses.lazy.compactMap { if case .because(let e) = $0.kind { e } else { nil } }.first
  }
  /// Every `requires` condition.
  public var requires: [Expression] {
    clauses.flatMap { clause -> [Expression] in
      if case .requires(let conditions) = clause.kind { return conditions }
      return []
    }
  }
}

/// A clause of a reward, with the span of its leading word.
public struct RewardClause: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case when(Expression)
    /// `requires consent.profiling, consent.marketing`.
    case requires([Expression])
    case give(Expression)
    case value(Expression)
    /// `cost 4 EUR`: what the reward costs, counted against the budget.
    case cost(Expression)
    case priority(Expression)
    /// A string literal expression.
    case because(Expression)
  }
  public var kind: Kind
  public var keywordRange: SourceRange
  public init(kind: Kind, keywordRange: SourceRange) {
    self.kind = kind
    self.keywordRange = keywordRange
  }
}

/// `select all` or `select best by priority[, max N]`.
public struct SelectDecl: Hashable, Sendable {
  public enum Mode: Hashable, Sendable {
    case all
    case best(by: Identifier, max: Int64?)
  }
  public var mode: Mode
  public var doc: String?
  public var range: SourceRange
  public init(mode: Mode, doc: String?, range: SourceRange) {
    self.mode = mode
    self.doc = doc
    self.range = range
  }
}

/// `budget 50_000 EUR per run`.
public struct BudgetDecl: Hashable, Sendable {
  public var amount: Expression
  public var period: Identifier
  public var doc: String?
  public var range: SourceRange
  public init(amount: Expression, period: Identifier, doc: String?, range: SourceRange) {
    self.amount = amount
    self.period = period
    self.doc = doc
    self.range = range
  }
}

/// `points worth 0.01 EUR`: what one loyalty point costs, for a budget.
public struct PointValueDecl: Hashable, Sendable {
  public var amount: Expression
  public var doc: String?
  public var range: SourceRange
  public init(amount: Expression, doc: String?, range: SourceRange) {
    self.amount = amount
    self.doc = doc
    self.range = range
  }
}

/// `constraint NAME: EXPR` over the whole run.
public struct ConstraintDecl: Hashable, Sendable {
  public var name: Identifier
  public var condition: Expression
  public var doc: String?
  public var range: SourceRange
  public init(name: Identifier, condition: Expression, doc: String?, range: SourceRange) {
    self.name = name
    self.condition = condition
    self.doc = doc
    self.range = range
  }
}

/// `test "name" { given … expect … }`.
public struct TestDecl: Hashable, Sendable {
  public var name: String
  public var nameRange: SourceRange
  public var statements: [TestStatement]
  public var doc: String?
  public var range: SourceRange
  public init(
    name: String, nameRange: SourceRange, statements: [TestStatement], doc: String?, range: SourceRange
  ) {
    self.name = name
    self.nameRange = nameRange
    self.statements = statements
    self.doc = doc
    self.range = range
  }
}

/// A statement in a test block.
public struct TestStatement: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// `given participant { … }`.
    case given(input: Identifier, record: RecordLiteral)
    /// `given participant from "fixtures.csv" row 3`.
    case givenFrom(input: Identifier, path: String, row: Int64)
    /// `expect EXPR [within TOLERANCE]`.
    case expect(Expression, tolerance: Expression?)
    /// `expect EXPR contains EXPR`.
    case expectContains(Expression, Expression)
    /// `expect error P0601`.
    case expectError(Identifier)
    /// `expect withheld_by_budget save_10 at 1.25`: the budget withholds the reward at price λ.
    case expectWithheld(Identifier, multiplier: Expression)
  }
  public var kind: Kind
  public var range: SourceRange
  public init(kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// `{ id: "t1", consent { marketing: true } }`.
public struct RecordLiteral: Hashable, Sendable {
  public var fields: [RecordField]
  public var range: SourceRange
  public init(fields: [RecordField], range: SourceRange) {
    self.fields = fields
    self.range = range
  }
}

/// One field of a record literal: a value or a nested record.
public struct RecordField: Hashable, Sendable {
  public enum Value: Hashable, Sendable {
    case expression(Expression)
    case record(RecordLiteral)
  }
  public var name: Identifier
  public var value: Value
  public init(name: Identifier, value: Value) {
    self.name = name
    self.value = value
  }
}
