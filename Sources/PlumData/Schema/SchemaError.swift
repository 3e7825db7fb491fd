/// A reason a list of field specifications does not form a valid `RecordSchema`.
public enum SchemaError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A path is empty or has an empty component, such as `a..b`.
  case invalidPath(String)
  /// Two fields have the same path.
  case duplicatePath(String)
  /// One field's path is a prefix of another's, such as `consent` and `consent.marketing`.
  case conflictingPaths(String, String)
  /// The key path names no field.
  case unknownKey(String)
  /// The key field is optional.
  case optionalKey(String)
  /// A money field's scale is outside 0...18.
  case invalidScale(path: String, scale: Int)
  /// An enumeration has no cases or repeats one.
  case invalidCases(path: String)

  /// A one-line lowercase description.
  public var description: String {
    switch self {
    case .invalidPath(let path): "invalid field path `\(path)`"
    case .duplicatePath(let path): "duplicate field path `\(path)`"
    case .conflictingPaths(let a, let b): "field path `\(a)` conflicts with `\(b)`"
    case .unknownKey(let path): "key `\(path)` is not a field of the schema"
    case .optionalKey(let path): "key field `\(path)` must not be optional"
    case .invalidScale(let path, let scale): "money field `\(path)` has scale \(scale), expected 0 to 18"
    case .invalidCases(let path): "enumeration field `\(path)` needs distinct, non-empty cases"
    }
  }
}
