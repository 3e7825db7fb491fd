/// The ordered fields of the records a policy reads, with the slot each value is stored in.
///
/// Slots are numbered per storage kind in field order: the first int-stored field gets
/// `ints[0]`, the next `ints[1]`, and so on; likewise for floats and strings.
public struct RecordSchema: Hashable, Sendable {
  /// The fields, in declaration order.
  public let fields: [FieldSpec]
  /// The index in `fields` of the key field, if any.
  public let keyField: Int?
  /// The slot of each field, parallel to `fields`.
  public let slots: [FieldSlot]
  /// How many int slots a row needs.
  public let intSlotCount: Int
  /// How many float slots a row needs.
  public let floatSlotCount: Int
  /// How many string slots a row needs.
  public let stringSlotCount: Int

  /// Creates a schema, checking that paths are well formed and distinct.
  /// - Parameters:
  ///   - fields: the fields in order.
  ///   - keyPath: the path of the field that identifies a record, if any.
  /// - Throws: `SchemaError` when paths are malformed, repeated or conflicting, when the key is
  ///   unknown or optional, or when a type's parameters are out of range.
  public init(fields: [FieldSpec], keyPath: String? = nil) throws(SchemaError) {
    var seen = Set<String>()
    for field in fields {
      if field.path.isEmpty || field.components.contains(where: \.isEmpty) {
        throw .invalidPath(field.path)
      }
      if !seen.insert(field.path).inserted { throw .duplicatePath(field.path) }
      switch field.type {
      case .money(let scale) where !(0...18).contains(scale):
        throw .invalidScale(path: field.path, scale: scale)
      case .enumeration(let cases)
      where cases.isEmpty || Set(cases).count != cases.count
        || cases.contains(where: \.isEmpty):
        throw .invalidCases(path: field.path)
      default: break
      }
    }
    for field in fields {
      var prefix = ""
      for component in field.components.dropLast() {
        prefix += prefix.isEmpty ? String(component) : "." + component
        if seen.contains(prefix) { throw .conflictingPaths(prefix, field.path) }
      }
    }
    var key: Int?
    if let keyPath {
      guard let index = fields.firstIndex(where: { $0.path == keyPath }) else { throw .unknownKey(keyPath) }
      if fields[index].isOptional { throw .optionalKey(keyPath) }
      key = index
    }
    var counts = (ints: 0, floats: 0, strings: 0)
    var slots: [FieldSlot] = []
    slots.reserveCapacity(fields.count)
    for field in fields {
      let storage = field.type.storage
      switch storage {
      case .int:
        slots.append(FieldSlot(storage: storage, index: counts.ints))
        counts.ints += 1
      case .float:
        slots.append(FieldSlot(storage: storage, index: counts.floats))
        counts.floats += 1
      case .string:
        slots.append(FieldSlot(storage: storage, index: counts.strings))
        counts.strings += 1
      }
    }
    self.fields = fields
    self.keyField = key
    self.slots = slots
    self.intSlotCount = counts.ints
    self.floatSlotCount = counts.floats
    self.stringSlotCount = counts.strings
  }

  /// The index in `fields` of the field with this dotted path.
  public func fieldIndex(ofPath path: String) -> Int? {
    fields.firstIndex { $0.path == path }
  }

  /// A row sized for this schema, with every field absent; reuse it across records.
  public func makeRow() -> RecordRow {
    RecordRow(schema: self)
  }
}
