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

  /// Creates a field specification.
  public init(path: String, type: FieldType, isOptional: Bool = false) {
    self.path = path
    self.type = type
    self.isOptional = isOptional
  }

  /// The path's components, such as `["consent", "marketing"]`.
  public var components: [Substring] {
    path.split(separator: ".", omittingEmptySubsequences: false)
  }
}
