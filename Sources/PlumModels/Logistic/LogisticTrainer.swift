import Foundation

extension LogisticRegression {
  /// Fits a logistic regression by Newton's method (IRLS) with step-halving line search.
  ///
  /// Each iteration accumulates the gradient and `XᵀWX` in one pass over the row-major data and
  /// solves the Newton system by Cholesky. Unpenalised fits on separable data are refused.
  /// - Parameters:
  ///   - data: one row per record, one column per feature.
  ///   - target: 0 or 1 per row.
  /// - Throws: `ModelError` for bad shapes, NaN or infinite values, a target not 0/1, a single
  ///   class, a constant feature, collinear features, (quasi-)separation or non-convergence.
  public static func fit(
    _ data: FeatureMatrix, target: [Double], options: Options = Options()
  ) throws(ModelError) -> Fit {
    try validate(data, target: target, options: options)
    let standardization = options.standardize ? try Standardization.fit(data) : nil
    let trainer = LogisticTrainer(data: data, target: target, standardization: standardization)
    let weights = try trainer.classWeights(options.classWeights)
    let penalty = options.c.map { 1 / $0 } ?? 0
    let (beta, iterations, state) = try trainer.run(
      weights: weights, penalty: penalty, tolerance: options.tolerance, maxIterations: options.maxIterations)
    let terms = try LinearTerms(
      featureNames: data.columnNames, standardization: standardization, intercept: beta[0],
      coefficients: Array(beta.dropFirst()))
    let report = TrainingReport(
      rows: data.rowCount,
      metrics: [
        "iterations": Double(iterations),
        "log_likelihood": -state.unweightedLoss,
        "objective": state.objective,
      ])
    return Fit(model: LogisticRegression(terms: terms), report: report)
  }

  private static func validate(_ data: FeatureMatrix, target: [Double], options: Options) throws(ModelError) {
    try data.requireNonEmpty()
    guard target.count == data.rowCount else {
      throw .shapeMismatch(what: "target values", expected: data.rowCount, actual: target.count)
    }
    try data.requireFinite()
    for (row, value) in target.enumerated() {
      guard value.isFinite else { throw .nonFiniteTarget(row: row) }
      guard value == 0 || value == 1 else { throw .targetNotBinary(row: row, value: value) }
    }
    if let first = target.first, target.allSatisfy({ $0 == first }) { throw .singleClass(value: first) }
    try requireVarying(data)
    if let c = options.c, !(c > 0 && c.isFinite) {
      throw .invalidOption(name: "c", reason: "must be positive and finite")
    }
    if case .custom(let negative, let positive) = options.classWeights,
      !(negative > 0 && negative.isFinite && positive > 0 && positive.isFinite)
    {
      throw .invalidOption(name: "class weights", reason: "must be positive and finite")
    }
    guard options.maxIterations > 0 else {
      throw .invalidOption(name: "max iterations", reason: "must be positive")
    }
    guard options.tolerance > 0 else { throw .invalidOption(name: "tolerance", reason: "must be positive") }
  }

  /// Throws `constantFeature` for the first column whose value never changes.
  static func requireVarying(_ data: FeatureMatrix) throws(ModelError) {
    let width = data.columnCount
    var varies = [Bool](repeating: false, count: width)
    for row in 1..<max(1, data.rowCount) {
      for column in 0..<width where !varies[column] && data[row, column] != data[0, column] {
        varies[column] = true
      }
    }
    if let column = varies.firstIndex(of: false) { throw .constantFeature(feature: data.columnNames[column]) }
  }
}

/// The numeric core of logistic training: a design matrix with a leading column of ones.
struct LogisticTrainer {
  /// Objective, gradient and Hessian at one point.
  struct State {
    var objective = 0.0
    var unweightedLoss = 0.0
    var gradient: [Double]
    var hessian: [Double]
    var allCorrect = false
    var saturated = false

    /// Whether the objective and, when computed, every derivative are finite numbers.
    var isFinite: Bool {
      objective.isFinite && gradient.allSatisfy(\.isFinite) && hessian.allSatisfy(\.isFinite)
    }
  }

  let rows: Int
  let width: Int
  let target: [Double]
  let design: [Double]

  init(data: FeatureMatrix, target: [Double], standardization: Standardization?) {
    let rows = data.rowCount
    let width = data.columnCount + 1
    self.rows = rows
    self.width = width
    self.target = target
    var design = [Double](repeating: 1, count: rows * width)
    let features = data.columnCount
    data.values.withUnsafeBufferPointer { values in
      design.withUnsafeMutableBufferPointer { design in
        for row in 0..<rows {
          for column in 0..<features {
            var value = values[row * features + column]
            if let standardization {
              value = (value - standardization.means[column]) / standardization.scales[column]
            }
            design[row * width + column + 1] = value
          }
        }
      }
    }
    self.design = design
  }

  /// The weight of a row with target 0 and of one with target 1.
  func classWeights(_ choice: LogisticRegression.ClassWeights) throws(ModelError) -> (Double, Double) {
    switch choice {
    case .uniform: return (1, 1)
    case .custom(let negative, let positive): return (negative, positive)
    case .balanced:
      let positives = target.reduce(0, +)
      let negatives = Double(rows) - positives
      return (Double(rows) / (2 * negatives), Double(rows) / (2 * positives))
    }
  }

  /// Runs Newton iterations from the weighted base rate to convergence.
  func run(
    weights: (Double, Double), penalty: Double, tolerance: Double, maxIterations: Int
  ) throws(ModelError) -> ([Double], Int, State) {
    var beta = [Double](repeating: 0, count: width)
    var positive = 0.0
    var total = 0.0
    for y in target {
      let weight = y == 1 ? weights.1 : weights.0
      positive += weight * y
      total += weight
    }
    beta[0] = log(positive / (total - positive))
    var state = evaluate(beta, weights: weights, penalty: penalty, derivatives: true)
    // Huge features overflow `XᵀWX` to infinity; that is not collinearity, so say what it is.
    guard state.isFinite else { throw .overflow }
    for iteration in 1...maxIterations {
      if penalty == 0 && state.allCorrect { throw .perfectSeparation(quasi: false) }
      var negativeGradient = state.gradient
      for j in 0..<width { negativeGradient[j] = -negativeGradient[j] }
      guard let step = Cholesky.solve(state.hessian, negativeGradient, size: width) else {
        throw penalty == 0 && state.saturated ? .perfectSeparation(quasi: true) : .singularDesign
      }
      var slope = 0.0
      for j in 0..<width { slope += state.gradient[j] * step[j] }
      var scale = 1.0
      var candidate = beta
      while true {
        for j in 0..<width { candidate[j] = beta[j] + scale * step[j] }
        let trial = evaluate(candidate, weights: weights, penalty: penalty, derivatives: false).objective
        let noise = 1e-13 * abs(state.objective)
        if trial <= state.objective + 1e-4 * scale * slope || trial - state.objective <= noise { break }
        scale /= 2
        if scale < 1e-10 { break }
      }
      var largestStep = 0.0
      var largestCoefficient = 0.0
      for j in 0..<width {
        largestStep = max(largestStep, abs(scale * step[j]))
        largestCoefficient = max(largestCoefficient, abs(candidate[j]))
      }
      beta = candidate
      state = evaluate(beta, weights: weights, penalty: penalty, derivatives: true)
      guard state.isFinite else { throw .overflow }
      if largestStep <= tolerance * (1 + largestCoefficient) || scale < 1e-10 {
        return (beta, iteration, state)
      }
    }
    if penalty == 0 && state.allCorrect { throw .perfectSeparation(quasi: false) }
    if penalty == 0 && state.saturated { throw .perfectSeparation(quasi: true) }
    throw .didNotConverge(iterations: maxIterations)
  }

  /// The penalised weighted log-loss at `beta` and, when asked, its gradient and Hessian (`XᵀWX`).
  func evaluate(_ beta: [Double], weights: (Double, Double), penalty: Double, derivatives: Bool) -> State {
    var state = State(
      gradient: [Double](repeating: 0, count: derivatives ? width : 0),
      hessian: [Double](repeating: 0, count: derivatives ? width * width : 0))
    var loss = 0.0
    var unweighted = 0.0
    var correct = 0
    var saturated = false
    let width = self.width
    design.withUnsafeBufferPointer { x in
      target.withUnsafeBufferPointer { y in
        beta.withUnsafeBufferPointer { beta in
          state.gradient.withUnsafeMutableBufferPointer { gradient in
            state.hessian.withUnsafeMutableBufferPointer { hessian in
              for row in 0..<rows {
                let base = row * width
                var eta = 0.0
                for j in 0..<width { eta += x[base + j] * beta[j] }
                let label = y[row]
                let weight = label == 1 ? weights.1 : weights.0
                let e = exp(-abs(eta))
                let softplus = max(eta, 0) + log1p(e)
                let rowLoss = softplus - label * eta
                unweighted += rowLoss
                loss += weight * rowLoss
                guard derivatives else { continue }
                let probability = eta >= 0 ? 1 / (1 + e) : e / (1 + e)
                if (label == 1) == (eta > 0) && eta != 0 { correct += 1 }
                if e < 1e-12 { saturated = true }
                let residual = weight * (probability - label)
                let curvature = weight * probability * (1 - probability)
                for j in 0..<width {
                  let xj = x[base + j]
                  gradient[j] += residual * xj
                  let scaled = curvature * xj
                  let rowStart = j * width
                  for k in 0...j { hessian[rowStart + k] += scaled * x[base + k] }
                }
              }
            }
          }
        }
      }
    }
    var penaltyValue = 0.0
    for j in 1..<width { penaltyValue += beta[j] * beta[j] }
    state.objective = loss + penalty / 2 * penaltyValue
    state.unweightedLoss = unweighted
    if derivatives {
      for j in 1..<width {
        state.gradient[j] += penalty * beta[j]
        state.hessian[j * width + j] += penalty
      }
      state.allCorrect = correct == rows
      state.saturated = saturated
    }
    return state
  }
}
