/// Solves a symmetric positive-definite system `A x = b` by Cholesky factorisation `A = L Lᵀ`.
///
/// Used for Newton steps, where `A` is small (features + 1) and rebuilt every iteration.
enum Cholesky {
  /// Solves `A x = b` for a row-major `n × n` matrix whose lower triangle is read.
  /// - Returns: `nil` when `A` is not numerically positive definite: a pivot is not above `1e-13`
  ///   times its own diagonal entry, so a column that is (nearly) a combination of the earlier ones
  ///   is found whatever the scale of the columns.
  static func solve(_ matrix: [Double], _ rhs: [Double], size n: Int) -> [Double]? {
    var l = matrix
    for j in 0..<n {
      var diagonal = l[j * n + j]
      let floor = abs(matrix[j * n + j]) * 1e-13
      for k in 0..<j { diagonal -= l[j * n + k] * l[j * n + k] }
      guard diagonal > floor, diagonal.isFinite else { return nil }
      let pivot = diagonal.squareRoot()
      l[j * n + j] = pivot
      for i in (j + 1)..<max(j + 1, n) {
        var sum = l[i * n + j]
        for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
        l[i * n + j] = sum / pivot
      }
    }
    var x = rhs
    for i in 0..<n {
      var sum = x[i]
      for k in 0..<i { sum -= l[i * n + k] * x[k] }
      x[i] = sum / l[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = x[i]
      for k in (i + 1)..<max(i + 1, n) { sum -= l[k * n + i] * x[k] }
      x[i] = sum / l[i * n + i]
    }
    return x
  }
}
