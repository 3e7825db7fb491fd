/// One field of a record schema: its dotted path, its type and whether it may be missing.
public struct FieldSpec: Hashable, Sendable {
  /// The dotted path, such as `age` or `consent.marketing`.
  ///
  /// In CSV the path is the column header; in JSON Lines each component is one level of nesting.
  public var path: String
  /// The value's type.
  public var type: FieldType
  /// Whether the value may be missing (an empty CSV field, a JSON `null` or an absent key).
  public var isOptional: Bool
  /// Whether a CSV header may leave out the field's column, as for the columns `plum train` adds
  /// to a policy's input (`as_of`). A header must have a column for every other field, optional
  /// ones included, so that a misspelt column is never read as a missing value on every record.
  public var isColumnOptional: Bool

  /// Creates a field specification.
  public init(path: String, type: FieldType, isOptional: Bool = false, isColumnOptional: Bool = false) {
    self.path = path
    self.type = type
    self.isOptional = isOptional
    self.isColumnOptional = isColumnOptional
  }

  /// The path's components, such as `["consent", "marketing"]`.
  public var components: [Substring] {
    path.split(separator: ".", omittingEmptySubsequences: false)
  }
}
