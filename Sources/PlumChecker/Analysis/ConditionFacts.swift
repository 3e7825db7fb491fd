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

  /// One conjunct reduced to a fact about a keyed value, so the expensive keys are computed once and
  /// the facts of two conjunctions can be combined by replaying both lists.
  enum Fact: Equatable {
    case bound(key: String, Comparison, Double, isInt: Bool)
    case equality(key: String, Comparison, String)
    case atom(key: String, Bool)
    case contradiction
  }

  /// The facts of a list of conjuncts, in order.
  static func facts(of conditions: [TypedExpression]) -> [Fact] {
    var facts: [Fact] = []
    for condition in conditions { collect(condition, into: &facts) }
    return facts
  }

  private static func collect(_ condition: TypedExpression, into facts: inout [Fact]) {
    switch condition.kind {
    case .narrowed(let inner):
      collect(inner, into: &facts)
    case .binary(.and, let left, let right):
      collect(left, into: &facts)
      collect(right, into: &facts)
    case .bool(let value):
      if !value { facts.append(.contradiction) }
    case .not(let inner):
      facts.append(.atom(key: ExpressionKey.of(inner), false))
    case .binary(.compare(let comparison, let comparand), let left, let right):
      if let literal = ConstantFolding.number(right) {
        facts.append(.bound(key: ExpressionKey.of(left), comparison, literal, isInt: comparand == .int))
      } else if let literal = ConstantFolding.number(left) {
        facts.append(
          .bound(key: ExpressionKey.of(right), comparison.mirrored, literal, isInt: comparand == .int))
      } else if let literal = ConstantFolding.literalKey(right), ConstantFolding.literalKey(left) == nil {
        facts.append(.equality(key: ExpressionKey.of(left), comparison, literal))
      } else if let literal = ConstantFolding.literalKey(left), ConstantFolding.literalKey(right) == nil {
        facts.append(.equality(key: ExpressionKey.of(right), comparison, literal))
      } else {
        facts.append(.atom(key: ExpressionKey.of(condition), true))
      }
    default:
      facts.append(.atom(key: ExpressionKey.of(condition), true))
    }
  }

  /// Adds one conjunct.
  mutating func add(_ condition: TypedExpression) {
    add(ConditionFacts.facts(of: [condition]))
  }

  /// Adds facts already reduced from conjuncts.
  mutating func add(_ facts: [Fact]) {
    for fact in facts {
      switch fact {
      case .bound(let key, let comparison, let value, let isInt):
        addBound(key, comparison, value, isInt: isInt)
      case .equality(let key, let comparison, let literal): addEquality(key, comparison, literal)
      case .atom(let key, let value): addAtom(key, value: value)
      case .contradiction: isContradictory = true
      }
    }
  }

  private mutating func addAtom(_ key: String, value: Bool) {
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

  /// Whether every record these facts hold for also satisfies `facts`, as far as simple facts tell.
  ///
  /// `age > 30` implies `age > 18` and `age >= 19`; `tier == gold` implies `tier != silver`. A fact
  /// that is not tracked (such as `name < "m"`) is implied only when this conjunction states it too.
  static func conjunction(_ premises: [Fact], implies conclusions: [Fact]) -> Bool {
    conjunction(premises, of(premises), implies: conclusions, of(conclusions))
  }

  /// `conjunction(_:implies:)` with each side's facts already gathered, for callers that compare
  /// many pairs.
  static func conjunction(
    _ premises: [Fact], _ known: ConditionFacts, implies conclusions: [Fact], _ wanted: ConditionFacts
  ) -> Bool {
    if known.isContradictory { return true }
    if wanted.isContradictory { return false }
    // Every value the conclusions constrain must be constrained by the premises too.
    for key in wanted.bounds.keys where known.bounds[key] == nil { return false }
    for key in wanted.equalities.keys where known.equalities[key] == nil { return false }
    for key in wanted.atoms.keys where known.atoms[key] == nil { return false }
    for fact in conclusions {
      switch fact {
      case .bound(_, .notEqual, _, _), .equality(_, .less, _), .equality(_, .lessEqual, _),
        .equality(_, .greater, _), .equality(_, .greaterEqual, _):
        if !premises.contains(fact) { return false }
      case .bound, .equality, .atom, .contradiction:
        continue
      }
    }
    for (key, bound) in wanted.bounds {
      guard let have = known.bounds[key] else { return false }
      if let lower = bound.lower {
        guard let haveLower = have.lower else { return false }
        let tighter =
          haveLower.value > lower.value
          || (haveLower.value == lower.value && (lower.inclusive || !haveLower.inclusive))
        if !tighter { return false }
      }
      if let upper = bound.upper {
        guard let haveUpper = have.upper else { return false }
        let tighter =
          haveUpper.value < upper.value
          || (haveUpper.value == upper.value && (upper.inclusive || !haveUpper.inclusive))
        if !tighter { return false }
      }
    }
    for (key, literal) in wanted.equalities where known.equalities[key] != literal { return false }
    for (key, literals) in wanted.inequalities {
      for literal in literals {
        let excluded =
          known.inequalities[key]?.contains(literal) == true
          || known.equalities[key].map { $0 != literal } == true
        if !excluded { return false }
      }
    }
    for (key, value) in wanted.atoms where known.atoms[key] != value { return false }
    return true
  }

  /// The facts of a whole conjunction.
  static func of(_ conditions: [TypedExpression]) -> ConditionFacts {
    of(facts(of: conditions))
  }

  /// The facts of a conjunction already reduced to facts.
  static func of(_ facts: [Fact]) -> ConditionFacts {
    var result = ConditionFacts()
    result.add(facts)
    return result
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
