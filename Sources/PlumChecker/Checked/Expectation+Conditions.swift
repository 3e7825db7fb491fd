import PlumDiagnostics

extension Expectation {
  /// For `expect a == b within t`: `abs(a - b)`, the difference the machine computes and a failure
  /// shows; nil for other kinds.
  public var difference: TypedExpression? {
    guard case .approximately(let left, let right, _) = kind, let arithmetic = Self.arithmetic(of: left.type)
    else { return nil }
    let span = SourceRange(start: left.range.start, end: right.range.end)
    let gap = TypedExpression(.binary(.subtract(arithmetic), left, right), left.type, span)
    return TypedExpression(.call(.abs, [gap]), left.type, span)
  }

  /// The bool expression whose value, computed by the machine like any other condition, is
  /// whether the expectation holds: the condition of `expect c`, `abs(a - b) <= abs(t)` for
  /// `within`, `contains(text, part)` or `part in list` for `contains`; nil for `expect error`,
  /// `expect withheld_by_budget` and for operands of types the checker does not accept.
  public var condition: TypedExpression? {
    switch kind {
    case .holds(let condition):
      return condition
    case .approximately(_, _, let tolerance):
      guard let difference, let comparand = Comparand(equalityOf: tolerance.type) else { return nil }
      let margin = TypedExpression(.call(.abs, [tolerance]), tolerance.type, range)
      return TypedExpression(.binary(.compare(.lessEqual, comparand), difference, margin), .bool, range)
    case .contains(let whole, let part):
      switch whole.type {
      case .string:
        return TypedExpression(.call(.contains, [whole, part]), .bool, range)
      case .list(let element):
        guard let comparand = Comparand(equalityOf: element) else { return nil }
        return TypedExpression(.binary(.membership(negated: false, comparand), part, whole), .bool, range)
      default:
        return nil
      }
    case .error, .withheldByBudget:
      return nil
    }
  }

  /// How `a - b` is computed for a `within` expectation's operands (floats or money).
  private static func arithmetic(of type: PlumType) -> Arithmetic? {
    switch type {
    case .float: .float
    case .money: .money
    default: nil
    }
  }
}

extension Comparand {
  /// How two values of `type` are compared for equality, if they can be; nil for reward sets and
  /// types without equality.
  public init?(equalityOf type: PlumType) {
    switch type {
    case .bool: self = .bool
    case .int: self = .int
    case .float: self = .float
    case .money: self = .money
    case .string: self = .string
    case .date: self = .date
    case .duration: self = .duration
    case .enumeration: self = .enumeration
    default: return nil
    }
  }
}
