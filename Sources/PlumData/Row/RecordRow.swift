/// One record's typed values, stored in flat arrays indexed by `RecordSchema.slots`.
///
/// A reader fills the same row again for every record, so the arrays are allocated once.
/// After a record that failed, the row's contents are unspecified.
public struct RecordRow: Hashable, Sendable {
  /// Values of bool (0/1), int, money (minor units), date (days since 1970-01-01) and enumeration
  /// (case index) fields.
  public var ints: [Int64]
  /// Values of float fields.
  public var floats: [Double]
  /// Values of string fields.
  public var strings: [String]
  /// Whether each field, by index in `RecordSchema.fields`, has a value.
  public var present: [Bool]
  /// The 1-based physical line number where the record starts in its input.
  public var line: Int

  /// Creates a row sized for `schema`, with every field absent and zero values.
  public init(schema: RecordSchema) {
    ints = Array(repeating: 0, count: schema.intSlotCount)
    floats = Array(repeating: 0, count: schema.floatSlotCount)
    strings = Array(repeating: "", count: schema.stringSlotCount)
    present = Array(repeating: false, count: schema.fields.count)
    line = 0
  }

  /// The value of field `field` (an index in `schema.fields`), or `nil` when it is absent.
  public func value(ofField field: Int, in schema: RecordSchema) -> FieldValue? {
    guard present[field] else { return nil }
    let slot = schema.slots[field].index
    switch schema.fields[field].type {
    case .bool: return .bool(ints[slot] != 0)
    case .int: return .int(ints[slot])
    case .float: return .float(floats[slot])
    case .money(let scale): return .money(minorUnits: ints[slot], scale: scale)
    case .string: return .string(strings[slot])
    case .date: return .date(daysSince1970: ints[slot])
    case .enumeration: return .enumeration(caseIndex: Int(ints[slot]))
    }
  }

  /// Every field's value in schema order, `nil` where absent; convenient for tests and debugging.
  public func values(in schema: RecordSchema) -> [FieldValue?] {
    schema.fields.indices.map { value(ofField: $0, in: schema) }
  }
}
