/// What a conjunction of conditions says about the record, used to find conditions that can never
/// hold and rewards that imply one another.
///
/// Only simple facts are tracked, so every conclusion is sound: bounds of a value against number
/// literals, equality of a value with a literal, and bool atoms that must be true or false.
struct ConditionFacts {
  /// The bounds known for one value.
  struct Bounds {
    var lower: (value: Double, inclusive: Bool)?
    var upper: (value: Double, inclusive: Bool)?
  }

  private(set) var bounds: [String: Bounds] = [:]
  private(set) var equalities: [String: String] = [:]
  private(set) var inequalities: [String: Set<String>] = [:]
  private(set) var atoms: [String: Bool] = [:]
  /// Whether the facts contradict each other, so the conjunction is always false.
  private(set) var isContradictory = false

  /// Adds one conjunct.
  mutating func add(_ condition: TypedExpression) {
    switch condition.kind {
    case .narrowed(let inner):
      add(inner)
    case .binary(.and, let left, let right):
      add(left)
      add(right)
    case .bool(let value):
      if !value { isContradictory = true }
    case .not(let inner):
      addAtom(inner, value: false)
    case .binary(.compare(let comparison, let comparand), let left, let right):
      if let literal = ConstantFolding.number(right) {
        addBound(ExpressionKey.of(left), comparison, literal, isInt: comparand == .int)
      } else if let literal = ConstantFolding.number(left) {
        addBound(ExpressionKey.of(right), comparison.mirrored, literal, isInt: comparand == .int)
      } else if let literal = ConstantFolding.literalKey(right), ConstantFolding.literalKey(left) == nil {
        addEquality(ExpressionKey.of(left), comparison, literal)
      } else if let literal = ConstantFolding.literalKey(left), ConstantFolding.literalKey(right) == nil {
        addEquality(ExpressionKey.of(right), comparison, literal)
      } else {
        addAtom(condition, value: true)
      }
    default:
      addAtom(condition, value: true)
    }
  }

  private mutating func addAtom(_ condition: TypedExpression, value: Bool) {
    let key = ExpressionKey.of(condition)
    if let known = atoms[key], known != value { isContradictory = true }
    atoms[key] = value
  }

  private mutating func addEquality(_ key: String, _ comparison: Comparison, _ literal: String) {
    switch comparison {
    case .equal:
      if let known = equalities[key], known != literal { isContradictory = true }
      if inequalities[key]?.contains(literal) == true { isContradictory = true }
      equalities[key] = literal
    case .notEqual:
      if equalities[key] == literal { isContradictory = true }
      inequalities[key, default: []].insert(literal)
    default:
      break
    }
  }

  private mutating func addBound(_ key: String, _ comparison: Comparison, _ value: Double, isInt: Bool) {
    var current = bounds[key] ?? Bounds()
    func raiseLower(_ bound: Double, _ inclusive: Bool) {
      var bound = bound
      var inclusive = inclusive
      if isInt, !inclusive {
        bound += 1
        inclusive = true
      }
      if let lower = current.lower, lower.value > bound || (lower.value == bound && !lower.inclusive) {
        return
      }
      current.lower = (bound, inclusive)
    }
    func lowerUpper(_ bound: Double, _ inclusive: Bool) {
      var bound = bound
      var inclusive = inclusive
      if isInt, !inclusive {
        bound -= 1
        inclusive = true
      }
      if let upper = current.upper, upper.value < bound || (upper.value == bound && !upper.inclusive) {
        return
      }
      current.upper = (bound, inclusive)
    }
    switch comparison {
    case .less: lowerUpper(value, false)
    case .lessEqual: lowerUpper(value, true)
    case .greater: raiseLower(value, false)
    case .greaterEqual: raiseLower(value, true)
    case .equal:
      raiseLower(value, true)
      lowerUpper(value, true)
    case .notEqual:
      return
    }
    if let lower = current.lower, let upper = current.upper {
      if lower.value > upper.value || (lower.value == upper.value && !(lower.inclusive && upper.inclusive)) {
        isContradictory = true
      }
    }
    bounds[key] = current
  }

  /// The facts of a whole conjunction.
  static func of(_ conditions: [TypedExpression]) -> ConditionFacts {
    var facts = ConditionFacts()
    for condition in conditions { facts.add(condition) }
    return facts
  }
}

extension Comparison {
  /// The comparison with its operands swapped: `a < b` is `b > a`.
  var mirrored: Comparison {
    switch self {
    case .less: .greater
    case .lessEqual: .greaterEqual
    case .greater: .less
    case .greaterEqual: .lessEqual
    case .equal, .notEqual: self
    }
  }
}
