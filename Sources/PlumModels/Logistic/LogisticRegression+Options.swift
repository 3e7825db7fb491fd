extension LogisticRegression {
  /// How to fit a logistic regression.
  ///
  /// Regularisation follows scikit-learn's `C` convention: the fit minimises
  /// `½‖β‖² + C · Σᵢ wᵢ · logloss(yᵢ, pᵢ)`, equivalently `Σᵢ wᵢ · logloss + ‖β‖² / (2C)`.
  /// The intercept is never penalised. With `c == nil` the fit is plain maximum likelihood.
  public struct Options: Sendable, Equatable {
    /// scikit-learn's `C`, the inverse L2 strength (smaller is stronger); `nil` for no penalty.
    public var c: Double?
    /// Per-class weights multiplying each row's log-loss.
    public var classWeights: ClassWeights
    /// Whether to standardise features (population standard deviation) before fitting.
    public var standardize: Bool
    /// Convergence: the Newton step's largest change is below `tolerance × (1 + max |β|)`.
    public var tolerance: Double
    /// The most Newton iterations before giving up.
    public var maxIterations: Int

    /// Creates options; the defaults fit an unpenalised, unweighted, unstandardised model.
    public init(
      c: Double? = nil, classWeights: ClassWeights = .uniform, standardize: Bool = false,
      tolerance: Double = 1e-10, maxIterations: Int = 100
    ) {
      self.c = c
      self.classWeights = classWeights
      self.standardize = standardize
      self.tolerance = tolerance
      self.maxIterations = maxIterations
    }
  }

  /// Weights given to the rows of each class.
  public enum ClassWeights: Sendable, Equatable {
    /// Every row weighs 1.
    case uniform
    /// scikit-learn's `"balanced"`: class `c` weighs `n / (2 · n_c)`.
    case balanced
    /// Explicit weights for the rows with target 0 and target 1.
    case custom(negative: Double, positive: Double)
  }

  /// A trained model with the report of how the fit went.
  public struct Fit: Sendable, Equatable {
    /// The trained model.
    public let model: LogisticRegression
    /// Rows, iterations, log-likelihood and objective.
    public let report: TrainingReport
  }
}
