/// A linear-regression model: `ŷ = b + Σ βⱼ zⱼ`.
public struct LinearRegression: Sendable, Equatable {
  /// The intercept, coefficients, feature order and standardisation.
  public let terms: LinearTerms

  /// Creates a model from trained or stored terms.
  public init(terms: LinearTerms) {
    self.terms = terms
  }

  /// The prediction for a raw feature vector, with no allocation.
  /// - Returns: NaN when the vector's length differs from `terms.featureCount`.
  public func prediction(_ features: UnsafeBufferPointer<Double>) -> Double {
    terms.linkValue(features)
  }

  /// The prediction for a raw feature vector.
  public func prediction(_ features: [Double]) -> Double {
    features.withUnsafeBufferPointer { terms.linkValue($0) }
  }

  /// Each feature's contribution to the prediction (coefficient × standardised value) and the intercept.
  public func contributions(_ features: [Double]) -> LinearTerms.Contributions {
    terms.contributions(features)
  }
}

extension LinearRegression {
  /// How to fit a linear regression.
  ///
  /// Ridge follows scikit-learn's `alpha` convention: the fit minimises `‖y − b − Xβ‖² + α‖β‖²`,
  /// with the intercept `b` unpenalised. `alpha == 0` is ordinary least squares.
  public struct Options: Sendable, Equatable {
    /// scikit-learn's ridge `alpha`; 0 for ordinary least squares.
    public var alpha: Double
    /// Whether to standardise features (population standard deviation) before fitting.
    public var standardize: Bool

    /// Creates options; the defaults fit ordinary least squares on raw features.
    public init(alpha: Double = 0, standardize: Bool = false) {
      self.alpha = alpha
      self.standardize = standardize
    }
  }

  /// A trained model with the report of how the fit went.
  public struct Fit: Sendable, Equatable {
    /// The trained model.
    public let model: LinearRegression
    /// Rows, R² and root-mean-square error on the training data.
    public let report: TrainingReport
  }

  /// Fits by Householder QR of the design (with ridge rows `√α·I` appended when `alpha > 0`).
  /// - Throws: `ModelError` for bad shapes, NaN or infinite values, a constant feature or
  ///   linearly dependent features (without ridge).
  public static func fit(
    _ data: FeatureMatrix, target: [Double], options: Options = Options()
  ) throws(ModelError) -> Fit {
    try data.requireNonEmpty()
    guard target.count == data.rowCount else {
      throw .shapeMismatch(what: "target values", expected: data.rowCount, actual: target.count)
    }
    try data.requireFinite()
    if let row = target.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteTarget(row: row) }
    guard options.alpha >= 0, options.alpha.isFinite else {
      throw .invalidOption(name: "alpha", reason: "must be zero or positive and finite")
    }
    try LogisticRegression.requireVarying(data)
    let standardization = options.standardize ? try Standardization.fit(data) : nil
    let features = data.columnCount
    let width = features + 1
    let ridgeRows = options.alpha > 0 ? features : 0
    let height = data.rowCount + ridgeRows
    guard height >= width else { throw .singularDesign }
    var design = [Double](repeating: 0, count: height * width)
    for row in 0..<data.rowCount { design[row] = 1 }
    for column in 0..<features {
      let start = (column + 1) * height
      for row in 0..<data.rowCount {
        var value = data.values[row * features + column]
        if let standardization {
          value = (value - standardization.means[column]) / standardization.scales[column]
        }
        design[start + row] = value
      }
      if ridgeRows > 0 { design[start + data.rowCount + column] = options.alpha.squareRoot() }
    }
    let rhs = target + [Double](repeating: 0, count: ridgeRows)
    guard
      let beta = HouseholderQR.solve(columnMajor: design, rows: height, columns: width, rhs: rhs)
    else { throw .singularDesign }
    let terms = try LinearTerms(
      featureNames: data.columnNames, standardization: standardization, intercept: beta[0],
      coefficients: Array(beta.dropFirst()))
    let model = LinearRegression(terms: terms)
    return Fit(model: model, report: report(model, data, target))
  }

  private static func report(_ model: LinearRegression, _ data: FeatureMatrix, _ target: [Double])
    -> TrainingReport
  {
    let mean = target.reduce(0, +) / Double(target.count)
    var residualSquares = 0.0
    var totalSquares = 0.0
    data.values.withUnsafeBufferPointer { values in
      for row in 0..<data.rowCount {
        let features = UnsafeBufferPointer(
          rebasing: values[(row * data.columnCount)..<((row + 1) * data.columnCount)])
        let residual = target[row] - model.prediction(features)
        residualSquares += residual * residual
        totalSquares += (target[row] - mean) * (target[row] - mean)
      }
    }
    let rSquared = totalSquares > 0 ? 1 - residualSquares / totalSquares : 1
    return TrainingReport(
      rows: data.rowCount,
      metrics: ["r_squared": rSquared, "rmse": (residualSquares / Double(data.rowCount)).squareRoot()])
  }
}
