import PlumDiagnostics
import PlumSyntax

/// Something flow typing can narrow: an optional field, let or model reference.
enum NarrowKey: Hashable {
  case field(Int)
  case `let`(Int)
  case model(Int)
}

/// Where an expression is checked: what it may refer to and what is known to be present.
struct ExpressionContext {
  /// The kind of place, which decides the contextual names available.
  enum Place: Equatable {
    /// A let, rule or model input, or a reward's `when`, `give`, `value`, `priority`, `because`.
    case declaration
    /// A reward's `requires`: `consent.X` may be written without the input's name.
    case requires
    /// A run-level `constraint`: `rewarded` and `disparate_impact` are available.
    case constraint
    /// A budget amount: only constants.
    case budget
    /// A test's `expect`: `rewards`, `reason` and reward names are available.
    case test
    /// A value in a test record: only constants and enum cases.
    case testRecord
  }

  /// The let, rule or model whose definition this is, to record dependencies.
  var owner: DeclarationReference?
  /// The kind of place.
  var place: Place
  /// References known to be present here.
  var narrowed: Set<NarrowKey> = []
  /// Where the enclosing condition starts, for the `present(x) and …` fix-it.
  var conditionStart: Int?

  /// Whether declared names (fields, lets, rules, models) may be used.
  var allowsReferences: Bool { place != .testRecord && place != .budget }

  /// The same context with more references known present.
  func narrowing(_ keys: Set<NarrowKey>) -> ExpressionContext {
    var copy = self
    copy.narrowed.formUnion(keys)
    return copy
  }
}

extension TypedExpression {
  /// The reference flow typing can narrow, if this is an un-narrowed optional reference.
  var narrowKey: NarrowKey? {
    guard type.isOptional else { return nil }
    switch kind {
    case .field(let index): return .field(index)
    case .letRef(let index): return .let(index)
    case .modelRef(let index): return .model(index)
    default: return nil
    }
  }

  /// The references known present when this condition is true: `present(x)` operands, through `and`.
  var presenceFacts: Set<NarrowKey> {
    switch kind {
    case .call(.present, let arguments):
      if let key = arguments.first?.narrowKey { return [key] }
      return []
    case .binary(.and, let lhs, let rhs):
      return lhs.presenceFacts.union(rhs.presenceFacts)
    default:
      return []
    }
  }
}

extension Expression {
  /// The expression without enclosing parentheses.
  var unparenthesized: Expression {
    if case .parenthesized(let inner) = kind { return inner.unparenthesized }
    return self
  }
}
