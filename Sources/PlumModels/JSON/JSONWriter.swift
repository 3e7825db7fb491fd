/// Writes `JSONValue`s as compact-but-readable text: one member per line in objects, arrays of
/// numbers on one line. Doubles use Swift's shortest round-trip form, so reading back is exact.
enum JSONWriter {
  /// The text of `value`, ending with a newline.
  static func write(_ value: JSONValue) -> String {
    var out = ""
    write(value, indent: 0, into: &out)
    out += "\n"
    return out
  }

  private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let flag): out += flag ? "true" : "false"
    case .number(let number): out += format(number)
    case .string(let text): writeString(text, into: &out)
    case .array(let elements):
      if elements.isEmpty {
        out += "[]"
      } else if elements.allSatisfy(isScalar) {
        out += "["
        for (index, element) in elements.enumerated() {
          if index > 0 { out += ", " }
          write(element, indent: indent, into: &out)
        }
        out += "]"
      } else {
        out += "[\n"
        for (index, element) in elements.enumerated() {
          out += String(repeating: " ", count: indent + 2)
          write(element, indent: indent + 2, into: &out)
          out += index + 1 < elements.count ? ",\n" : "\n"
        }
        out += String(repeating: " ", count: indent) + "]"
      }
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, member) in members.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        writeString(member.key, into: &out)
        out += ": "
        write(member.value, indent: indent + 2, into: &out)
        out += index + 1 < members.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  private static func isScalar(_ value: JSONValue) -> Bool {
    switch value {
    case .array, .object: return false
    default: return true
    }
  }

  /// Integers print without a fraction; other values in Swift's shortest round-trip form.
  static func format(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return "\(number)"
  }

  private static func writeString(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let control where control.value < 0x20:
        let hex = String(control.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
