/// Least squares by Householder QR: minimises `‖A x − b‖₂` without forming `AᵀA`, so the error
/// grows with the condition number of `A`, not its square (what keeps Longley-like designs exact).
enum HouseholderQR {
  /// Solves the least-squares problem for a column-major `rows × columns` matrix.
  /// - Parameter columnMajor: `A` stored column by column (`A[i, j]` at `j * rows + i`); consumed.
  /// - Returns: the solution, or `nil` when `A` is rank-deficient (a diagonal of `R` is below
  ///   `1e-12` times the norm of its original column).
  static func solve(columnMajor: [Double], rows m: Int, columns n: Int, rhs: [Double]) -> [Double]? {
    guard m >= n, n > 0 else { return nil }
    var a = columnMajor
    var b = rhs
    var columnNorms = [Double](repeating: 0, count: n)
    for j in 0..<n { columnNorms[j] = norm(a, from: j * m, count: m) }
    var diagonal = [Double](repeating: 0, count: n)
    a.withUnsafeMutableBufferPointer { a in
      b.withUnsafeMutableBufferPointer { b in
        for k in 0..<n {
          let start = k * m
          let alphaNorm = norm(Array(a[(start + k)..<(start + m)]), from: 0, count: m - k)
          guard alphaNorm > 0 else {
            diagonal[k] = 0
            continue
          }
          // v = x + sign(x₀)‖x‖e₀ avoids cancellation; R[k, k] = −sign(x₀)‖x‖.
          let alpha = a[start + k] >= 0 ? -alphaNorm : alphaNorm
          a[start + k] -= alpha
          diagonal[k] = alpha
          // vᵀv = 2‖x‖(‖x‖ + |x₀|) = −2 α v₀.
          let vtv = -2 * alpha * a[start + k]
          guard vtv > 0 else { continue }
          for j in (k + 1)..<n {
            let column = j * m
            var dot = 0.0
            for i in k..<m { dot += a[start + i] * a[column + i] }
            let factor = 2 * dot / vtv
            for i in k..<m { a[column + i] -= factor * a[start + i] }
          }
          var dot = 0.0
          for i in k..<m { dot += a[start + i] * b[i] }
          let factor = 2 * dot / vtv
          for i in k..<m { b[i] -= factor * a[start + i] }
        }
      }
    }
    for j in 0..<n where !(abs(diagonal[j]) > 1e-12 * columnNorms[j]) { return nil }
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = b[i]
      for j in (i + 1)..<max(i + 1, n) { sum -= a[j * m + i] * x[j] }
      x[i] = sum / diagonal[i]
    }
    return x
  }

  /// The Euclidean norm of `count` values from `from`, scaled to avoid overflow and underflow.
  private static func norm(_ values: [Double], from start: Int, count: Int) -> Double {
    var scale = 0.0
    for i in start..<(start + count) { scale = max(scale, abs(values[i])) }
    guard scale > 0, scale.isFinite else { return scale }
    var sum = 0.0
    for i in start..<(start + count) {
      let ratio = values[i] / scale
      sum += ratio * ratio
    }
    return scale * sum.squareRoot()
  }
}
