/// A dense table of training features: one row per record, stored row-major in one contiguous array.
public struct FeatureMatrix: Sendable, Equatable {
  /// The number of rows (records).
  public let rowCount: Int
  /// The number of columns (features).
  public let columnCount: Int
  /// The feature names, one per column, in column order.
  public let columnNames: [String]
  /// The values, row-major: the value at `(row, column)` is `values[row * columnCount + column]`.
  public let values: [Double]

  /// Creates a matrix from row-major values, checking that the shape and the names agree.
  /// - Parameter columnNames: one name per column; `nil` names the columns `x1`, `x2`, ….
  /// - Throws: `ModelError.shapeMismatch` when `values.count` is not `rowCount × columnCount`.
  public init(
    rowCount: Int, columnCount: Int, values: [Double], columnNames: [String]? = nil
  ) throws(ModelError) {
    guard rowCount >= 0, columnCount >= 0, values.count == rowCount * columnCount else {
      throw .shapeMismatch(what: "feature values", expected: rowCount * columnCount, actual: values.count)
    }
    let names = columnNames ?? (0..<columnCount).map { "x\($0 + 1)" }
    guard names.count == columnCount else {
      throw .shapeMismatch(what: "feature names", expected: columnCount, actual: names.count)
    }
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.values = values
    self.columnNames = names
  }

  /// Creates a matrix from an array of rows, which must all have the same length.
  /// - Throws: `ModelError.shapeMismatch` when a row's length differs from the first row's.
  public init(rows: [[Double]], columnNames: [String]? = nil) throws(ModelError) {
    let width = rows.first?.count ?? columnNames?.count ?? 0
    var flat: [Double] = []
    flat.reserveCapacity(rows.count * width)
    for row in rows {
      guard row.count == width else {
        throw .shapeMismatch(what: "row length", expected: width, actual: row.count)
      }
      flat.append(contentsOf: row)
    }
    try self.init(rowCount: rows.count, columnCount: width, values: flat, columnNames: columnNames)
  }

  /// The value at `row`, `column`.
  public subscript(row: Int, column: Int) -> Double {
    values[row * columnCount + column]
  }

  /// A copy of one row.
  public func row(_ index: Int) -> [Double] {
    Array(values[(index * columnCount)..<((index + 1) * columnCount)])
  }

  /// Throws on the first value that is NaN or infinite, naming its row and feature.
  func requireFinite() throws(ModelError) {
    guard columnCount > 0 else { return }
    for (index, value) in values.enumerated() where !value.isFinite {
      throw .nonFiniteFeature(row: index / columnCount, feature: columnNames[index % columnCount])
    }
  }

  /// Throws when the matrix has no rows or no columns.
  func requireNonEmpty() throws(ModelError) {
    guard rowCount > 0 else { throw .emptyData }
    guard columnCount > 0 else { throw .noFeatures }
  }
}
