/// Byte classes of Plum's lexical grammar; identifiers and numbers are ASCII.
extension UInt8 {
  var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
  var isASCIIUppercase: Bool { self >= 0x41 && self <= 0x5A }
  var isASCIILetter: Bool { isASCIIUppercase || (self >= 0x61 && self <= 0x7A) }
  var isHexDigit: Bool { isASCIIDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66) }
  var isIdentifierStart: Bool { isASCIILetter || self == UInt8(ascii: "_") }
  var isIdentifierContinue: Bool { isIdentifierStart || isASCIIDigit }
  /// A space or tab: the blanks allowed between a number and its currency or unit.
  var isBlank: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }
}

/// Decodes the UTF-8 scalar starting at `offset`, or nil when the bytes there are not valid UTF-8
/// (a stray continuation byte, a truncated or overlong sequence, a surrogate, or past U+10FFFF).
func decodeScalar(_ bytes: [UInt8], at offset: Int, end: Int) -> (scalar: Unicode.Scalar, length: Int)? {
  let lead = bytes[offset]
  if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
  let length: Int
  var value: UInt32
  switch lead {
  case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
  case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
  case 0xF0...0xF4: (length, value) = (4, UInt32(lead & 0x07))
  default: return nil
  }
  guard offset + length <= end else { return nil }
  for index in 1..<length {
    let byte = bytes[offset + index]
    guard byte & 0xC0 == 0x80 else { return nil }
    value = value << 6 | UInt32(byte & 0x3F)
  }
  let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
  guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
  return (scalar, length)
}

/// Shows user text inside backticks, with control characters made visible.
func displayed(_ text: String) -> String {
  var out = ""
  for scalar in text.unicodeScalars {
    if scalar.value < 0x20 || scalar.value == 0x7F {
      out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    } else {
      out.unicodeScalars.append(scalar)
    }
  }
  return out
}
