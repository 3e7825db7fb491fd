import Foundation

/// A parsed JSON value, for validating output in tests without untyped containers.
indirect enum JSON: Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  /// Parses JSON text; nil when it is malformed.
  static func parse(_ text: String) -> JSON? {
    var parser = JSONTextParser(bytes: Array(text.utf8))
    guard let value = parser.value() else { return nil }
    parser.skipSpace()
    return parser.index == parser.bytes.count ? value : nil
  }

  /// A member of an object.
  subscript(key: String) -> JSON? {
    if case .object(let members) = self { return members[key] }
    return nil
  }
}

/// A small recursive-descent JSON parser.
private struct JSONTextParser {
  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  mutating func value() -> JSON? {
    skipSpace()
    guard index < bytes.count else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "{"): return object()
    case UInt8(ascii: "["): return array()
    case UInt8(ascii: "\""): return string().map(JSON.string)
    case UInt8(ascii: "t"): return literal("true", .bool(true))
    case UInt8(ascii: "f"): return literal("false", .bool(false))
    case UInt8(ascii: "n"): return literal("null", .null)
    default: return number()
    }
  }

  mutating func literal(_ word: String, _ value: JSON) -> JSON? {
    let word = Array(word.utf8)
    guard index + word.count <= bytes.count, Array(bytes[index..<index + word.count]) == word else {
      return nil
    }
    index += word.count
    return value
  }

  mutating func number() -> JSON? {
    let start = index
    while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
    return Double(String(decoding: bytes[start..<index], as: UTF8.self)).map(JSON.number)
  }

  mutating func string() -> String? {
    index += 1
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flush() {
      scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
      raw = []
    }
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\"") {
        flush()
        return String(scalars)
      }
      guard byte == UInt8(ascii: "\\") else {
        raw.append(byte)
        continue
      }
      flush()
      guard index < bytes.count else { return nil }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "u"):
        guard index + 4 <= bytes.count,
          let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
          let scalar = Unicode.Scalar(code)
        else { return nil }
        index += 4
        scalars.append(scalar)
      default: scalars.append(Unicode.Scalar(escape))
      }
    }
    return nil
  }

  mutating func array() -> JSON? {
    index += 1
    var elements: [JSON] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array([])
    }
    while true {
      guard let element = value() else { return nil }
      elements.append(element)
      skipSpace()
      guard index < bytes.count else { return nil }
      index += 1
      if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
      if bytes[index - 1] != UInt8(ascii: ",") { return nil }
    }
  }

  mutating func object() -> JSON? {
    index += 1
    var members: [String: JSON] = [:]
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object([:])
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
      index += 1
      guard let member = value() else { return nil }
      members[key] = member
      skipSpace()
      guard index < bytes.count else { return nil }
      index += 1
      if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
      if bytes[index - 1] != UInt8(ascii: ",") { return nil }
    }
  }
}

/// Validates JSON against a draft-04 JSON Schema, for the keywords the SARIF 2.1.0 schema uses:
/// `type`, `properties`, `required`, `additionalProperties`, `items`, `enum`, `$ref`, `minItems`,
/// `uniqueItems`, `minimum`, `maximum`, `pattern`, `anyOf`, `oneOf`, `allOf` and `format: uri`.
struct JSONSchemaValidator {
  let root: JSON

  /// Every violation, each as "path: problem"; empty when the value is valid.
  func validate(_ value: JSON) -> [String] {
    var errors: [String] = []
    check(value, against: root, path: "$", errors: &errors)
    return errors
  }

  private func resolve(_ reference: String) -> JSON? {
    guard reference.hasPrefix("#") else { return nil }
    var node = root
    for part in reference.dropFirst().split(separator: "/") {
      guard let next = node[String(part)] else { return nil }
      node = next
    }
    return node
  }

  private func matches(_ value: JSON, type: String) -> Bool {
    switch (type, value) {
    case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
      ("number", .number):
      return true
    case ("integer", .number(let number)): return number.rounded() == number
    default: return false
    }
  }

  private func check(_ value: JSON, against schema: JSON, path: String, errors: inout [String]) {
    if case .string(let reference)? = schema["$ref"] {
      guard let target = resolve(reference) else { return errors.append("\(path): unresolved \(reference)") }
      return check(value, against: target, path: path, errors: &errors)
    }
    if let type = schema["type"] {
      let types: [String]
      switch type {
      case .string(let one): types = [one]
      case .array(let many): types = many.compactMap { if case .string(let t) = $0 { t } else { nil } }
      default: types = []
      }
      if !types.contains(where: { matches(value, type: $0) }) {
        errors.append("\(path): expected \(types.joined(separator: "|"))")
        return
      }
    }
    if case .array(let allowed)? = schema["enum"], !allowed.contains(value) {
      errors.append("\(path): not one of the allowed values")
    }
    if case .array(let options)? = schema["anyOf"] {
      let passing = options.filter { option in
        var inner: [String] = []
        check(value, against: option, path: path, errors: &inner)
        return inner.isEmpty
      }
      if passing.isEmpty { errors.append("\(path): matches none of anyOf") }
    }
    if case .array(let options)? = schema["oneOf"] {
      let passing = options.filter { option in
        var inner: [String] = []
        check(value, against: option, path: path, errors: &inner)
        return inner.isEmpty
      }
      if passing.count != 1 { errors.append("\(path): matches \(passing.count) of oneOf") }
    }
    if case .array(let all)? = schema["allOf"] {
      for option in all { check(value, against: option, path: path, errors: &errors) }
    }
    switch value {
    case .object(let members):
      let properties: [String: JSON]
      if case .object(let declared)? = schema["properties"] {
        properties = declared
      } else {
        properties = [:]
      }
      if case .array(let required)? = schema["required"] {
        for case .string(let key) in required where members[key] == nil {
          errors.append("\(path): missing required `\(key)`")
        }
      }
      for (key, member) in members.sorted(by: { $0.key < $1.key }) {
        if let property = properties[key] {
          check(member, against: property, path: "\(path).\(key)", errors: &errors)
        } else if case .bool(false)? = schema["additionalProperties"] {
          errors.append("\(path): unexpected property `\(key)`")
        } else if let additional = schema["additionalProperties"], case .object = additional {
          check(member, against: additional, path: "\(path).\(key)", errors: &errors)
        }
      }
    case .array(let elements):
      if case .number(let minimum)? = schema["minItems"], Double(elements.count) < minimum {
        errors.append("\(path): fewer than \(Int(minimum)) items")
      }
      if case .bool(true)? = schema["uniqueItems"] {
        for (index, element) in elements.enumerated() where elements[..<index].contains(element) {
          errors.append("\(path)[\(index)]: duplicate item")
        }
      }
      if let items = schema["items"] {
        for (index, element) in elements.enumerated() {
          check(element, against: items, path: "\(path)[\(index)]", errors: &errors)
        }
      }
    case .number(let number):
      if case .number(let minimum)? = schema["minimum"], number < minimum {
        errors.append("\(path): below the minimum \(minimum)")
      }
      if case .number(let maximum)? = schema["maximum"], number > maximum {
        errors.append("\(path): above the maximum \(maximum)")
      }
    case .string(let text):
      if case .string(let pattern)? = schema["pattern"],
        let regex = try? NSRegularExpression(pattern: pattern),
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil
      {
        errors.append("\(path): does not match \(pattern)")
      }
      if case .string("uri")? = schema["format"], URL(string: text)?.scheme == nil {
        errors.append("\(path): not an absolute URI")
      }
    default:
      break
    }
  }
}
