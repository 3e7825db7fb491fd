/// Where a field's value is stored in a `RecordRow`: which array, and which index in it.
public struct FieldSlot: Hashable, Sendable {
  /// The array of a `RecordRow` that holds a value.
  public enum Storage: Hashable, Sendable {
    /// `RecordRow.ints`: bool, int, money, date and enumeration values.
    case int
    /// `RecordRow.floats`: float values.
    case float
    /// `RecordRow.strings`: string values.
    case string
  }

  /// The array holding the value.
  public var storage: Storage
  /// The index in that array.
  public var index: Int

  /// Creates a slot.
  public init(storage: Storage, index: Int) {
    self.storage = storage
    self.index = index
  }
}
