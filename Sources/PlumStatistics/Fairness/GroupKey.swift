/// The group a record belongs to: one value per audited attribute (several make an intersection).
public struct GroupKey: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The attribute values, in the order the attributes were given.
  public let values: [String]

  /// Creates a key from attribute values.
  public init(_ values: [String]) {
    self.values = values
  }

  /// Orders keys by their values, attribute by attribute.
  public static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
    lhs.values.lexicographicallyPrecedes(rhs.values)
  }

  /// The values joined by " × ", as an audit table shows an intersection.
  public var description: String {
    values.joined(separator: " × ")
  }

  /// Each record's key from one column per attribute; a record missing any attribute gets nil.
  public static func keys(attributes columns: [[String?]]) throws(StatisticsError) -> [GroupKey?] {
    guard let first = columns.first else { return [] }
    for column in columns where column.count != first.count {
      throw .lengthMismatch(
        first: "first attribute", firstCount: first.count, second: "another attribute",
        secondCount: column.count)
    }
    return (0..<first.count).map { row in
      var values: [String] = []
      values.reserveCapacity(columns.count)
      for column in columns {
        guard let value = column[row] else { return nil }
        values.append(value)
      }
      return GroupKey(values)
    }
  }
}
