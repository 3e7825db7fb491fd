/// A JSON value together with its path in the document, so every read can fail with a
/// `ModelFileError` that names the exact field.
struct JSONField {
  let value: JSONValue
  let path: String

  /// The root of a document parsed from `bytes`.
  static func parse(_ bytes: [UInt8]) throws(ModelFileError) -> JSONField {
    do {
      return JSONField(value: try JSONParser.parse(bytes), path: "")
    } catch {
      throw .malformedJSON(offset: error.offset, reason: error.message)
    }
  }

  private func child(_ name: String) -> String {
    path.isEmpty ? name : "\(path).\(name)"
  }

  /// The member `key`, which must exist.
  func field(_ key: String) throws(ModelFileError) -> JSONField {
    guard case .object = value else {
      throw .wrongType(field: path, expected: "an object", found: value.typeName)
    }
    guard let member = value[key] else { throw .missingField(child(key)) }
    return JSONField(value: member, path: child(key))
  }

  /// The member `key`, or `nil` when it is absent or null.
  func optionalField(_ key: String) throws(ModelFileError) -> JSONField? {
    guard case .object = value else {
      throw .wrongType(field: path, expected: "an object", found: value.typeName)
    }
    guard let member = value[key], member != .null else { return nil }
    return JSONField(value: member, path: child(key))
  }

  /// The elements of an array.
  func elements() throws(ModelFileError) -> [JSONField] {
    guard case .array(let items) = value else {
      throw .wrongType(field: path, expected: "an array", found: value.typeName)
    }
    return items.enumerated().map { JSONField(value: $1, path: "\(path)[\($0)]") }
  }

  /// A number.
  func number() throws(ModelFileError) -> Double {
    guard case .number(let number) = value else {
      throw .wrongType(field: path, expected: "a number", found: value.typeName)
    }
    return number
  }

  /// A whole number that fits in `Int`.
  func integer() throws(ModelFileError) -> Int {
    let number = try number()
    guard number == number.rounded(), abs(number) < 9e15 else {
      throw .invalidValue(field: path, reason: "expected a whole number")
    }
    return Int(number)
  }

  /// A string.
  func string() throws(ModelFileError) -> String {
    guard case .string(let text) = value else {
      throw .wrongType(field: path, expected: "a string", found: value.typeName)
    }
    return text
  }

  /// A boolean; `0` and `1` are accepted too (XGBoost writes flags as numbers).
  func bool() throws(ModelFileError) -> Bool {
    switch value {
    case .bool(let flag): return flag
    case .number(0): return false
    case .number(1): return true
    default: throw .wrongType(field: path, expected: "a boolean", found: value.typeName)
    }
  }

  /// An array of numbers.
  func numbers() throws(ModelFileError) -> [Double] {
    var result: [Double] = []
    for element in try elements() { result.append(try element.number()) }
    return result
  }

  /// An array of numbers with exactly `count` entries.
  func numbers(count: Int) throws(ModelFileError) -> [Double] {
    let result = try numbers()
    guard result.count == count else {
      throw .lengthMismatch(field: path, expected: count, actual: result.count)
    }
    return result
  }

  /// An array of strings.
  func strings() throws(ModelFileError) -> [String] {
    var result: [String] = []
    for element in try elements() { result.append(try element.string()) }
    return result
  }
}
