import PlumDiagnostics

extension Lexer {
  /// Lexes a string literal: text with escapes decoded, and `{expr[:format]}` interpolations whose
  /// expressions are lexed here (for their diagnostics) and parsed later by the parser.
  ///
  /// A string ends at its closing quote; a line break or the end of the file before it makes the
  /// string unterminated, which keeps the damage of a missing quote to one line.
  mutating func lexString() {
    let start = position
    position += 1
    var parts: [StringPart] = []
    var buffer: [UInt8] = []
    var broken = false

    func flush(_ parts: inout [StringPart], _ buffer: inout [UInt8]) {
      if !buffer.isEmpty { parts.append(.text(String(decoding: buffer, as: UTF8.self))) }
      buffer.removeAll()
    }

    while true {
      guard let byte = peek(), byte != UInt8(ascii: "\n") else {
        var stop = position
        if stop > start, bytes[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
        report(
          LexerDiagnostics.unterminatedString, "unterminated string literal",
          at: SourceRange(start: start, end: max(stop, start + 1)),
          notes: ["a string must end with `\"` on the line where it starts"])
        broken = true
        break
      }
      if byte == UInt8(ascii: "\"") {
        position += 1
        break
      }
      if byte == UInt8(ascii: "\\") {
        if !lexEscape(into: &buffer) { broken = true }
        continue
      }
      if byte == UInt8(ascii: "{") {
        flush(&parts, &buffer)
        guard let (part, valid) = lexInterpolation() else {
          broken = true
          break
        }
        parts.append(part)
        if !valid { broken = true }
        continue
      }
      if byte < 0x80 {
        buffer.append(byte)
        position += 1
      } else if let length = decodeScalar(bytes, at: position, end: end)?.length {
        buffer.append(contentsOf: bytes[position..<position + length])
        position += length
      } else {
        let runStart = position
        position += 1
        while let next = peek(), next >= 0x80, decodeScalar(bytes, at: position, end: end) == nil {
          position += 1
        }
        report(
          LexerDiagnostics.invalidUTF8, "invalid UTF-8 byte sequence",
          at: SourceRange(start: runStart, end: position), notes: ["Plum source files must be UTF-8"])
        buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])
        broken = true
      }
    }
    flush(&parts, &buffer)
    emit(broken ? .invalid : .string(parts), from: start)
  }

  /// Decodes one escape sequence into `buffer`; returns false (having reported it) when it is bad.
  mutating func lexEscape(into buffer: inout [UInt8]) -> Bool {
    let start = position
    position += 1
    guard let byte = peek(), byte != UInt8(ascii: "\n") else {
      // The string is unterminated; the caller reports that.
      return true
    }
    let simple: [UInt8: UInt8] = [
      UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
      UInt8(ascii: "n"): UInt8(ascii: "\n"), UInt8(ascii: "t"): UInt8(ascii: "\t"),
      UInt8(ascii: "r"): UInt8(ascii: "\r"), UInt8(ascii: "{"): UInt8(ascii: "{"),
      UInt8(ascii: "}"): UInt8(ascii: "}"),
    ]
    if let decoded = simple[byte] {
      buffer.append(decoded)
      position += 1
      return true
    }
    if byte == UInt8(ascii: "u") {
      return lexUnicodeEscape(start: start, into: &buffer)
    }
    position += decodeScalar(bytes, at: position, end: end)?.length ?? 1
    report(
      LexerDiagnostics.invalidEscape, "invalid escape sequence `\(displayed(text(start, position)))`",
      at: SourceRange(start: start, end: position),
      notes: ["the escapes are \\\" \\\\ \\n \\t \\r \\{ \\} and \\u{HEX}"])
    return false
  }

  /// `\u{1F600}`: one to eight hex digits naming a Unicode scalar.
  mutating func lexUnicodeEscape(start: Int, into buffer: inout [UInt8]) -> Bool {
    position += 1
    var value: UInt32?
    if peek() == UInt8(ascii: "{") {
      var index = position + 1
      var digits: UInt64 = 0
      var count = 0
      while index < end, bytes[index].isHexDigit, count < 9 {
        digits = digits * 16 + UInt64(hexValue(bytes[index]))
        index += 1
        count += 1
      }
      if index < end, bytes[index] == UInt8(ascii: "}"), (1...8).contains(count) {
        position = index + 1
        value = digits <= UInt64(UInt32.max) ? UInt32(digits) : nil
        if value.flatMap(Unicode.Scalar.init) == nil { value = nil }
      } else {
        position = index < end && bytes[index] == UInt8(ascii: "}") ? index + 1 : index
      }
    }
    guard let value, let scalar = Unicode.Scalar(value) else {
      report(
        LexerDiagnostics.invalidEscape,
        "invalid Unicode escape `\(displayed(text(start, position)))`",
        at: SourceRange(start: start, end: position),
        notes: ["write `\\u{` then 1 to 8 hex digits naming a Unicode scalar, then `}`"])
      return false
    }
    buffer.append(contentsOf: Array(String(scalar).utf8))
    return true
  }

  /// Lexes `{expr}` or `{expr:format}` at the current `{`; nil (reported) when it is unterminated,
  /// `valid` false (reported) when its format or its expression is bad.
  mutating func lexInterpolation() -> (part: StringPart, valid: Bool)? {
    let open = position
    guard let (close, colon) = scanInterpolation(from: open + 1) else {
      var stop = open + 1
      while stop < end, bytes[stop] != UInt8(ascii: "\n") { stop += 1 }
      report(
        LexerDiagnostics.unterminatedInterpolation, "unterminated string interpolation",
        at: SourceRange(start: open, end: open + 1),
        notes: ["an interpolation ends with `}` on the same line; write `\\{` for a literal brace"])
      position = stop
      return nil
    }
    position = close + 1
    let expressionEnd = colon ?? close
    let range = SourceRange(start: open + 1, end: expressionEnd)
    var format: String?
    var valid = true
    if let colon {
      let spec = text(colon + 1, close).trimmingBlanks()
      if isValidFormat(spec) {
        format = spec
      } else {
        report(
          LexerDiagnostics.invalidFormatSpecifier, "invalid interpolation format `\(displayed(spec))`",
          at: SourceRange(start: colon + 1, end: close),
          notes: ["a format is `%`, `.N` or `.N%`, such as `{share:.1%}`"])
        valid = false
      }
    }
    if bytes[range.start..<range.end].allSatisfy(\.isBlank) {
      report(
        LexerDiagnostics.emptyInterpolation, "empty string interpolation",
        at: SourceRange(start: open, end: close + 1), notes: ["write `\\{` for a literal brace"])
      valid = false
    } else if stringDepth + 1 > Lexer.maxStringDepth {
      report(
        LexerDiagnostics.interpolationTooDeep, "string interpolation nested too deeply",
        at: SourceRange(start: open, end: open + 1),
        notes: ["strings may nest inside interpolations at most \(Lexer.maxStringDepth) deep"])
      valid = false
    } else {
      let inner = Lexer.tokenize(file, in: range, stringDepth: stringDepth + 1)
      diagnostics.append(contentsOf: inner.diagnostics)
    }
    return (.interpolation(source: text(range.start, range.end), range: range, format: format), valid)
  }

  /// Finds the `}` closing an interpolation whose body starts at `offset`, skipping nested
  /// brackets and strings (with their own interpolations), and the last top-level `:`.
  ///
  /// Iterative, so hostile nesting cannot exhaust the stack. Nil when a line break or the end of
  /// the input comes first.
  func scanInterpolation(from offset: Int) -> (close: Int, colon: Int?)? {
    enum Frame {
      case string
      case interpolation(depth: Int)
    }
    var stack: [Frame] = [.interpolation(depth: 0)]
    var colon: Int?
    var index = offset
    while index < end, let frame = stack.last {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\n") { return nil }
      switch frame {
      case .string:
        if byte == UInt8(ascii: "\\") {
          if index + 1 < end, bytes[index + 1] == UInt8(ascii: "\n") { return nil }
          index += 2
          continue
        }
        if byte == UInt8(ascii: "\"") {
          stack.removeLast()
        } else if byte == UInt8(ascii: "{") {
          stack.append(.interpolation(depth: 0))
        }
      case .interpolation(let depth):
        switch byte {
        case UInt8(ascii: "\""):
          stack.append(.string)
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
          stack[stack.count - 1] = .interpolation(depth: depth + 1)
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
          if depth > 0 {
            stack[stack.count - 1] = .interpolation(depth: depth - 1)
          } else if byte == UInt8(ascii: "}") {
            stack.removeLast()
            if stack.isEmpty { return (index, colon) }
          }
        case UInt8(ascii: ":") where stack.count == 1 && depth == 0:
          colon = index
        default:
          break
        }
      }
      index += 1
    }
    return nil
  }

  /// `%`, `.N` or `.N%`.
  func isValidFormat(_ spec: String) -> Bool {
    if spec == "%" { return true }
    var rest = Substring(spec)
    guard rest.first == "." else { return false }
    rest = rest.dropFirst()
    if rest.last == "%" { rest = rest.dropLast() }
    return !rest.isEmpty && rest.count <= 2 && rest.allSatisfy(\.isASCIIDigitCharacter)
  }
}

private func hexValue(_ byte: UInt8) -> UInt32 {
  if byte.isASCIIDigit { return UInt32(byte - UInt8(ascii: "0")) }
  return UInt32((byte | 0x20) - UInt8(ascii: "a") + 10)
}

extension Character {
  fileprivate var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingBlanks() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
    return String(scalars)
  }
}
