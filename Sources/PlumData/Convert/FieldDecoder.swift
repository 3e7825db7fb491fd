/// Converts one field's text into its typed slot of a `RecordRow`; shared by both readers.
struct FieldDecoder {
  /// A field's type, prepared for fast conversion.
  enum Kind {
    case bool
    case int
    case float
    case money(scale: Int)
    case string
    case date
    /// Case names are in `FieldDecoder.enumerations[field]`; no payload here keeps `Kind` trivial
    /// so reading it costs no reference counting.
    case enumeration

    /// The type's name in messages.
    var name: String {
      switch self {
      case .bool: "bool"
      case .int: "int"
      case .float: "float"
      case .money: "money"
      case .string: "string"
      case .date: "date"
      case .enumeration: "enum"
      }
    }
  }

  /// Where a field's text comes from, which decides which types may read it.
  enum Origin {
    /// A CSV field: every type is read from text.
    case csv
    /// A JSON string: only string, date, enumeration and money fields accept one.
    case jsonString
  }

  /// Each field's kind, by field index.
  let kinds: [Kind]
  /// Each field's slot index in its storage array.
  let slots: [Int]
  /// Each enumeration field's case names as UTF-8 and as a list for messages (empty otherwise).
  let enumerations: [(names: [[UInt8]], display: String)]

  /// Prepares conversions for `schema`.
  init(schema: RecordSchema) {
    kinds = schema.fields.map { field in
      switch field.type {
      case .bool: .bool
      case .int: .int
      case .float: .float
      case .money(let scale): .money(scale: scale)
      case .string: .string
      case .date: .date
      case .enumeration: .enumeration
      }
    }
    enumerations = schema.fields.map { field in
      guard case .enumeration(let cases) = field.type else { return ([], "") }
      return (cases.map { Array($0.utf8) }, cases.joined(separator: ", "))
    }
    slots = schema.slots.map(\.index)
  }

  /// Stores the value written as `text` for `field`, or describes why it is not valid.
  func decode(
    text: UnsafeBufferPointer<UInt8>, field: Int, origin: Origin, into row: RowStorage
  ) -> FieldFailure? {
    let slot = slots[field]
    switch kinds[field] {
    case .string:
      guard UTF8Text.isValid(text) else { return Self.invalidEncoding() }
      row.strings[slot] = String(decoding: text, as: UTF8.self)
    case .int:
      guard origin == .csv else { return Self.mismatch(expected: "int", found: "a string") }
      switch IntegerText.parse(text, allowsPlus: true) {
      case .value(let value): row.ints[slot] = value
      case .invalid: return Self.invalid(text, "int")
      case .overflow: return Self.overflow(text)
      }
    case .bool:
      guard origin == .csv else { return Self.mismatch(expected: "bool", found: "a string") }
      guard let value = Self.bool(text) else { return Self.invalid(text, "bool") }
      row.ints[slot] = value ? 1 : 0
    case .float:
      guard origin == .csv else { return Self.mismatch(expected: "float", found: "a string") }
      if let failure = decodeFloat(text, slot: slot, into: row) { return failure }
    case .money(let scale):
      if let failure = decodeMoney(text, scale: scale, slot: slot, into: row) { return failure }
    case .date:
      guard let days = CivilDate.parse(text) else {
        return validated(text)
          ?? FieldFailure(
            code: .invalidValue, message: "\(FieldFailure.quote(text)) is not a valid date (YYYY-MM-DD)")
      }
      row.ints[slot] = days
    case .enumeration:
      guard let index = enumerations[field].names.firstIndex(where: { Self.equal($0, text) }) else {
        let display = enumerations[field].display
        return validated(text)
          ?? FieldFailure(
            code: .invalidValue, message: "\(FieldFailure.quote(text)) is not one of \(display)")
      }
      row.ints[slot] = Int64(index)
    }
    row.present[field] = true
    return nil
  }

  /// Stores a JSON number (already checked against JSON's grammar) for `field`.
  func decode(number text: UnsafeBufferPointer<UInt8>, field: Int, into row: RowStorage) -> FieldFailure? {
    let slot = slots[field]
    switch kinds[field] {
    case .int:
      switch IntegerText.parse(text, allowsPlus: false) {
      case .value(let value): row.ints[slot] = value
      case .invalid:
        return FieldFailure(
          code: .invalidValue, message: "expected an int, found \(FieldFailure.quote(text))")
      case .overflow: return Self.overflow(text)
      }
    case .float:
      if let failure = decodeFloat(text, slot: slot, into: row) { return failure }
    case .money(let scale):
      if let failure = decodeMoney(text, scale: scale, slot: slot, into: row) { return failure }
    case let kind:
      return Self.mismatch(expected: kind.name, found: "a number")
    }
    row.present[field] = true
    return nil
  }

  /// Stores a JSON `true` or `false` for `field`.
  func decode(bool value: Bool, field: Int, into row: RowStorage) -> FieldFailure? {
    guard case .bool = kinds[field] else {
      return Self.mismatch(expected: kinds[field].name, found: "a bool")
    }
    row.ints[slots[field]] = value ? 1 : 0
    row.present[field] = true
    return nil
  }

  /// The failure for a JSON value of the wrong kind (an object, an array…) for `field`.
  func mismatch(field: Int, found: String) -> FieldFailure {
    Self.mismatch(expected: kinds[field].name, found: found)
  }

  private func decodeFloat(_ text: UnsafeBufferPointer<UInt8>, slot: Int, into row: RowStorage)
    -> FieldFailure?
  {
    switch FloatText.parse(text) {
    case .value(let value): row.floats[slot] = value
    case .invalid: return Self.invalid(text, "float")
    case .outOfRange:
      return FieldFailure(
        code: .invalidValue, message: "\(FieldFailure.quote(text)) is out of range for a float")
    }
    return nil
  }

  private func decodeMoney(
    _ text: UnsafeBufferPointer<UInt8>, scale: Int, slot: Int, into row: RowStorage
  ) -> FieldFailure? {
    switch DecimalText.parse(text, scale: scale) {
    case .value(let value): row.ints[slot] = value
    case .invalid: return Self.invalid(text, "money")
    case .tooPrecise:
      let places = scale == 1 ? "1 decimal place" : "\(scale) decimal places"
      return FieldFailure(code: .invalidValue, message: "\(FieldFailure.quote(text)) has more than \(places)")
    case .overflow: return Self.overflow(text)
    }
    return nil
  }

  /// A bad-encoding failure when `text` is not UTF-8, which explains a failed conversion better.
  private func validated(_ text: UnsafeBufferPointer<UInt8>) -> FieldFailure? {
    UTF8Text.isValid(text) ? nil : Self.invalidEncoding()
  }

  /// `true` or `false` in any letter case, as spreadsheets write `TRUE`.
  private static func bool(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
    func lower(_ index: Int) -> UInt8 { text[index] | 0x20 }
    if text.count == 4 && lower(0) == UInt8(ascii: "t") && lower(1) == UInt8(ascii: "r")
      && lower(2) == UInt8(ascii: "u") && lower(3) == UInt8(ascii: "e")
    {
      return true
    }
    if text.count == 5 && lower(0) == UInt8(ascii: "f") && lower(1) == UInt8(ascii: "a")
      && lower(2) == UInt8(ascii: "l") && lower(3) == UInt8(ascii: "s") && lower(4) == UInt8(ascii: "e")
    {
      return false
    }
    return nil
  }

  private static func equal(_ name: [UInt8], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard name.count == text.count else { return false }
    for index in 0..<name.count where name[index] != text[index] { return false }
    return true
  }

  private static func invalid(_ text: UnsafeBufferPointer<UInt8>, _ type: String) -> FieldFailure {
    if !UTF8Text.isValid(text) { return invalidEncoding() }
    return FieldFailure(code: .invalidValue, message: "\(FieldFailure.quote(text)) is not a valid \(type)")
  }

  private static func overflow(_ text: UnsafeBufferPointer<UInt8>) -> FieldFailure {
    FieldFailure(code: .integerOverflow, message: "\(FieldFailure.quote(text)) does not fit in 64 bits")
  }

  private static func mismatch(expected: String, found: String) -> FieldFailure {
    FieldFailure(code: .invalidValue, message: "expected \(expected), found \(found)")
  }

  private static func invalidEncoding() -> FieldFailure {
    FieldFailure(code: .invalidEncoding, message: "text is not valid UTF-8")
  }
}
