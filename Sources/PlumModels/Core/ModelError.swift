/// Why a model could not be trained, built or evaluated.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Two sizes that must agree do not, e.g. the number of targets and the number of rows.
  case shapeMismatch(what: String, expected: Int, actual: Int)
  /// The training data has no rows.
  case emptyData
  /// The training data has no feature columns.
  case noFeatures
  /// A feature value is NaN or infinite.
  case nonFiniteFeature(row: Int, feature: String)
  /// A target value is NaN or infinite.
  case nonFiniteTarget(row: Int)
  /// A binary model's target is neither 0 nor 1.
  case targetNotBinary(row: Int, value: Double)
  /// The target has only one class, so there is nothing to separate.
  case singleClass(value: Double)
  /// A feature takes one value on every row, so it cannot be scaled or told apart from the intercept.
  case constantFeature(feature: String)
  /// The classes can be separated by a hyperplane: the unpenalised likelihood has no maximum.
  case perfectSeparation(quasi: Bool)
  /// The features are linearly dependent (collinear), so the coefficients are not determined.
  case singularDesign
  /// The fit's arithmetic overflowed: feature values too large for doubles (their squares exceed
  /// about 1.8e308), so no coefficients can be computed until the features are rescaled.
  case overflow
  /// The fit did not converge within the iteration limit.
  case didNotConverge(iterations: Int)
  /// An option is out of its valid range.
  case invalidOption(name: String, reason: String)

  /// A one-line, lower-case explanation suitable for a diagnostic.
  public var description: String {
    switch self {
    case .shapeMismatch(let what, let expected, let actual):
      return "\(what): expected \(expected), found \(actual)"
    case .emptyData:
      return "the training data has no rows"
    case .noFeatures:
      return "the model has no input features"
    case .nonFiniteFeature(let row, let feature):
      return "feature `\(feature)` is NaN or infinite on row \(row + 1)"
    case .nonFiniteTarget(let row):
      return "the target is NaN or infinite on row \(row + 1)"
    case .targetNotBinary(let row, let value):
      return "the target must be 0 or 1, found \(value) on row \(row + 1)"
    case .singleClass(let value):
      return "the target is \(value) on every row; a classifier needs both 0 and 1"
    case .constantFeature(let feature):
      return "feature `\(feature)` has the same value on every row; remove it"
    case .perfectSeparation(let quasi):
      let kind = quasi ? "quasi-completely" : "perfectly"
      return "the features separate the classes \(kind), so the unpenalised fit has no finite "
        + "coefficients; add L2 regularisation (a finite `c`) or remove the separating feature"
    case .singularDesign:
      return "the features are linearly dependent (collinear); remove a redundant feature or add ridge"
    case .overflow:
      return "the fit overflowed: the feature values are too large for floating-point arithmetic; "
        + "standardise or rescale the features"
    case .didNotConverge(let iterations):
      return "the fit did not converge in \(iterations) iterations"
    case .invalidOption(let name, let reason):
      return "invalid option `\(name)`: \(reason)"
    }
  }
}
