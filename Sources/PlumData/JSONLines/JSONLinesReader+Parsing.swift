/// The JSON grammar (RFC 8259) over one line's bytes: objects mapped to the schema, values
/// converted into their slots, and unknown values skipped but still checked.
extension JSONLinesReader {
  /// A string's content as found in the line.
  struct StringToken {
    /// The first byte after the opening quote.
    var start: Int
    /// The offset of the closing quote.
    var end: Int
    /// Whether the content has backslash escapes.
    var hasEscapes: Bool
    /// Whether the content has bytes outside ASCII (which need UTF-8 validation).
    var hasNonASCII: Bool
  }

  @inline(__always)
  func skipWhitespace(_ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int) {
    while p < end && Self.isWhitespace(bytes[p]) { p += 1 }
  }

  /// Parses the object at `p` (on its `{`) whose keys are those of `node`.
  func parseObject(
    _ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int, node: Int, row: RowStorage
  ) throws(JSONSyntaxError) {
    p += 1
    skipWhitespace(bytes, &p, end)
    if p < end && bytes[p] == UInt8(ascii: "}") {
      p += 1
      return
    }
    var hint = tree.nodeRanges[node].lowerBound
    while true {
      guard p < end && bytes[p] == UInt8(ascii: "\"") else {
        throw JSONSyntaxError(message: "expected a key in double quotes", offset: p)
      }
      if let match = tree.matchPredicted(bytes, at: p + 1, end: end, in: node, hint: &hint) {
        let key = UnsafeBufferPointer(start: bytes + p + 1, count: match.next - p - 2)
        p = match.next
        try expectColon(bytes, &p, end)
        try parseMember(bytes, &p, end, key: key, target: match.target, node: node, row: row)
      } else {
        try parseMemberWithScannedKey(bytes, &p, end, node: node, hint: &hint, row: row)
      }
      skipWhitespace(bytes, &p, end)
      guard p < end else { throw JSONSyntaxError(message: "expected `,` or `}`", offset: p) }
      if bytes[p] == UInt8(ascii: ",") {
        p += 1
        skipWhitespace(bytes, &p, end)
        continue
      }
      if bytes[p] == UInt8(ascii: "}") {
        p += 1
        return
      }
      throw JSONSyntaxError(message: "expected `,` or `}`", offset: p)
    }
  }

  /// Consumes optional whitespace, a `:` and optional whitespace.
  @inline(__always)
  private func expectColon(_ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int) throws(JSONSyntaxError)
  {
    skipWhitespace(bytes, &p, end)
    guard p < end && bytes[p] == UInt8(ascii: ":") else {
      throw JSONSyntaxError(message: "expected `:` after a key", offset: p)
    }
    p += 1
    skipWhitespace(bytes, &p, end)
  }

  /// Parses a member whose key was not the predicted one: scans the key, then looks it up.
  private func parseMemberWithScannedKey(
    _ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int, node: Int, hint: inout Int, row: RowStorage
  ) throws(JSONSyntaxError) {
    let keyToken = try scanString(bytes, &p, end)
    try expectColon(bytes, &p, end)
    if keyToken.hasEscapes || keyToken.hasNonASCII {
      try parseMemberSlowly(bytes, &p, end, key: keyToken, node: node, row: row)
    } else {
      let key = UnsafeBufferPointer(start: bytes + keyToken.start, count: keyToken.end - keyToken.start)
      let target = tree.lookup(key, in: node, hint: &hint)
      try parseMember(bytes, &p, end, key: key, target: target, node: node, row: row)
    }
  }

  /// Decodes a key with escapes or non-ASCII bytes before looking it up.
  private func parseMemberSlowly(
    _ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int, key token: StringToken, node: Int,
    row: RowStorage
  ) throws(JSONSyntaxError) {
    var key: [UInt8] = []
    let raw = UnsafeBufferPointer(start: bytes + token.start, count: token.end - token.start)
    if !token.hasEscapes {
      key = Array(raw)
    } else if let problem = Self.unescape(raw, into: &key) {
      note(problem, path: nil)
    }
    let valid = key.withUnsafeBufferPointer { UTF8Text.isValid($0) }
    if !valid { note(FieldFailure(code: .invalidEncoding, message: "key is not valid UTF-8"), path: nil) }
    try key.withUnsafeBufferPointer { (key) throws(JSONSyntaxError) in
      var hint = -1
      let target = tree.lookup(key, in: node, hint: &hint)
      try parseMember(bytes, &p, end, key: key, target: target, node: node, row: row)
    }
  }

  /// Parses the value of one member, whose key leads to `target` in the key tree (or nowhere).
  @inline(__always)
  private func parseMember(
    _ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int, key: UnsafeBufferPointer<UInt8>, target: Int?,
    node: Int, row: RowStorage
  ) throws(JSONSyntaxError) {
    guard let target else {
      noteUnknownKey(key, node: node)
      try skipValue(bytes, &p, end)
      return
    }
    if target >= 0 {
      if fieldStamps[target] == stamp {
        note(Self.duplicate(key), path: schema.fields[target].path)
        try skipValue(bytes, &p, end)
      } else {
        fieldStamps[target] = stamp
        try parseValue(bytes, &p, end, field: target, row: row)
      }
      return
    }
    let child = ~target
    if nodeStamps[child] == stamp {
      note(Self.duplicate(key), path: tree.nodePaths[child])
      try skipValue(bytes, &p, end)
      return
    }
    nodeStamps[child] = stamp
    guard p < end else { throw JSONSyntaxError(message: "expected a value", offset: p) }
    switch bytes[p] {
    case UInt8(ascii: "{"):
      try parseObject(bytes, &p, end, node: child, row: row)
    case UInt8(ascii: "n"):
      try expectLiteral("null", bytes, &p, end)
    default:
      let found = Self.describeValue(startingWith: bytes[p])
      note(
        FieldFailure(code: .invalidValue, message: "expected an object, found \(found)"),
        path: tree.nodePaths[child])
      try skipValue(bytes, &p, end)
    }
  }

  /// Parses a value for `field` and stores it, noting a conversion problem without stopping.
  private func parseValue(
    _ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int, field: Int, row: RowStorage
  ) throws(JSONSyntaxError) {
    guard p < end else { throw JSONSyntaxError(message: "expected a value", offset: p) }
    let byte = bytes[p]
    var problem: FieldFailure?
    switch byte {
    case UInt8(ascii: "\""):
      let token = try scanString(bytes, &p, end)
      let raw = UnsafeBufferPointer(start: bytes + token.start, count: token.end - token.start)
      if !token.hasEscapes {
        problem = decoder.decode(text: raw, field: field, origin: .jsonString, into: row)
      } else if let failure = Self.unescape(raw, into: &scratch) {
        problem = failure
      } else {
        problem = scratch.withUnsafeBufferPointer { text in
          decoder.decode(text: text, field: field, origin: .jsonString, into: row)
        }
      }
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      let start = p
      try scanNumber(bytes, &p, end)
      let text = UnsafeBufferPointer(start: bytes + start, count: p - start)
      problem = decoder.decode(number: text, field: field, into: row)
    case UInt8(ascii: "t"):
      try expectLiteral("true", bytes, &p, end)
      problem = decoder.decode(bool: true, field: field, into: row)
    case UInt8(ascii: "f"):
      try expectLiteral("false", bytes, &p, end)
      problem = decoder.decode(bool: false, field: field, into: row)
    case UInt8(ascii: "n"):
      try expectLiteral("null", bytes, &p, end)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      problem = decoder.mismatch(field: field, found: Self.describeValue(startingWith: byte))
      try skipValue(bytes, &p, end)
    default:
      throw JSONSyntaxError(message: "expected a value", offset: p)
    }
    if let problem { note(problem, path: schema.fields[field].path) }
  }

  /// Notes a repeated key among the keys the schema does not know.
  private func noteUnknownKey(_ key: UnsafeBufferPointer<UInt8>, node: Int) {
    for seen in unknownKeys where seen.node == node && seen.count == key.count {
      if unknownKeyBytes[seen.start..<(seen.start + seen.count)].elementsEqual(key) {
        note(Self.duplicate(key), path: nil)
        return
      }
    }
    unknownKeys.append((node, unknownKeyBytes.count, key.count))
    unknownKeyBytes.append(contentsOf: key)
  }

  private static func duplicate(_ key: UnsafeBufferPointer<UInt8>) -> FieldFailure {
    FieldFailure(code: .duplicateKey, message: "duplicate key \(FieldFailure.quote(key))")
  }

  private static func describeValue(startingWith byte: UInt8) -> String {
    switch byte {
    case UInt8(ascii: "{"): "an object"
    case UInt8(ascii: "["): "an array"
    case UInt8(ascii: "\""): "a string"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): "a bool"
    default: "a number"
    }
  }

  // MARK: Tokens

  /// Scans the string at `p` (on its opening quote) to just past its closing quote, checking
  /// escapes and rejecting raw control characters.
  func scanString(_ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int) throws(JSONSyntaxError)
    -> StringToken
  {
    var token = StringToken(start: p + 1, end: p + 1, hasEscapes: false, hasNonASCII: false)
    var q = p + 1
    while q < end {
      q = ByteScan.skipJSONText(bytes, from: q, to: end)
      guard q < end else { break }
      let byte = bytes[q]
      if byte == UInt8(ascii: "\"") {
        token.end = q
        p = q + 1
        return token
      }
      if byte == UInt8(ascii: "\\") {
        token.hasEscapes = true
        guard q + 1 < end else { break }
        switch bytes[q + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          q += 2
        case UInt8(ascii: "u"):
          guard q + 6 <= end, (2..<6).allSatisfy({ Self.hexValue(bytes[q + $0]) != nil }) else {
            throw JSONSyntaxError(message: "invalid `\\u` escape", offset: q)
          }
          q += 6
        default:
          throw JSONSyntaxError(message: "invalid escape in a string", offset: q)
        }
        continue
      }
      if byte < 0x20 { throw JSONSyntaxError(message: "control character in a string", offset: q) }
      if byte >= 0x80 { token.hasNonASCII = true }
      q += 1
    }
    throw JSONSyntaxError(message: "unterminated string", offset: p)
  }

  /// Scans a number at `p` that follows JSON's grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
  func scanNumber(_ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int) throws(JSONSyntaxError) {
    let start = p
    func isDigit(_ index: Int) -> Bool { index < end && bytes[index] &- UInt8(ascii: "0") <= 9 }
    if p < end && bytes[p] == UInt8(ascii: "-") { p += 1 }
    guard isDigit(p) else { throw JSONSyntaxError(message: "invalid number", offset: start) }
    if bytes[p] == UInt8(ascii: "0") {
      p += 1
    } else {
      while isDigit(p) { p += 1 }
    }
    if p < end && bytes[p] == UInt8(ascii: ".") {
      p += 1
      guard isDigit(p) else { throw JSONSyntaxError(message: "invalid number", offset: start) }
      while isDigit(p) { p += 1 }
    }
    if p < end && (bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E")) {
      p += 1
      if p < end && (bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-")) { p += 1 }
      guard isDigit(p) else { throw JSONSyntaxError(message: "invalid number", offset: start) }
      while isDigit(p) { p += 1 }
    }
  }

  /// Consumes `literal` (`true`, `false` or `null`) at `p`.
  func expectLiteral(_ literal: StaticString, _ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int)
    throws(JSONSyntaxError)
  {
    let count = literal.utf8CodeUnitCount
    let text = literal.utf8Start
    guard p + count <= end else { throw JSONSyntaxError(message: "invalid literal", offset: p) }
    for index in 0..<count where bytes[p + index] != text[index] {
      throw JSONSyntaxError(message: "invalid literal", offset: p)
    }
    p += count
  }

  /// Skips the value at `p`, of any shape, checking its syntax and its strings' encoding.
  func skipValue(_ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int) throws(JSONSyntaxError) {
    skipStack.removeAll(keepingCapacity: true)
    while true {
      skipWhitespace(bytes, &p, end)
      guard p < end else { throw JSONSyntaxError(message: "expected a value", offset: p) }
      switch bytes[p] {
      case UInt8(ascii: "{"):
        p += 1
        skipWhitespace(bytes, &p, end)
        if p < end && bytes[p] == UInt8(ascii: "}") {
          p += 1
        } else {
          skipStack.append(UInt8(ascii: "}"))
          try skipKey(bytes, &p, end)
          continue
        }
      case UInt8(ascii: "["):
        p += 1
        skipWhitespace(bytes, &p, end)
        if p < end && bytes[p] == UInt8(ascii: "]") {
          p += 1
        } else {
          skipStack.append(UInt8(ascii: "]"))
          continue
        }
      case UInt8(ascii: "\""):
        try skipString(bytes, &p, end)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        try scanNumber(bytes, &p, end)
      case UInt8(ascii: "t"): try expectLiteral("true", bytes, &p, end)
      case UInt8(ascii: "f"): try expectLiteral("false", bytes, &p, end)
      case UInt8(ascii: "n"): try expectLiteral("null", bytes, &p, end)
      default: throw JSONSyntaxError(message: "expected a value", offset: p)
      }
      // A value is complete: close containers until one expects another element.
      while true {
        guard let closer = skipStack.last else { return }
        skipWhitespace(bytes, &p, end)
        guard p < end else { throw JSONSyntaxError(message: "unexpected end of line", offset: p) }
        if bytes[p] == UInt8(ascii: ",") {
          p += 1
          if closer == UInt8(ascii: "}") {
            skipWhitespace(bytes, &p, end)
            try skipKey(bytes, &p, end)
          }
          break
        }
        guard bytes[p] == closer else {
          throw JSONSyntaxError(message: "expected `,` or `\(Character(Unicode.Scalar(closer)))`", offset: p)
        }
        skipStack.removeLast()
        p += 1
      }
    }
  }

  /// Skips `"key":` inside a skipped object.
  private func skipKey(_ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int) throws(JSONSyntaxError) {
    guard p < end && bytes[p] == UInt8(ascii: "\"") else {
      throw JSONSyntaxError(message: "expected a key in double quotes", offset: p)
    }
    try skipString(bytes, &p, end)
    skipWhitespace(bytes, &p, end)
    guard p < end && bytes[p] == UInt8(ascii: ":") else {
      throw JSONSyntaxError(message: "expected `:` after a key", offset: p)
    }
    p += 1
  }

  /// Skips a string, noting it when its text is not valid Unicode.
  private func skipString(_ bytes: UnsafePointer<UInt8>, _ p: inout Int, _ end: Int) throws(JSONSyntaxError) {
    let token = try scanString(bytes, &p, end)
    guard token.hasEscapes || token.hasNonASCII else { return }
    let raw = UnsafeBufferPointer(start: bytes + token.start, count: token.end - token.start)
    if token.hasEscapes, let problem = Self.unescape(raw, into: &scratch) {
      note(problem, path: nil)
    } else if token.hasNonASCII && !UTF8Text.isValid(raw) {
      note(FieldFailure(code: .invalidEncoding, message: "text is not valid UTF-8"), path: nil)
    }
  }

  // MARK: Escapes

  /// Decodes a string's escapes (already checked by `scanString`) into `output`, or describes a
  /// lone surrogate.
  static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> FieldFailure? {
    output.removeAll(keepingCapacity: true)
    var index = 0
    let count = raw.count
    while index < count {
      let byte = raw[index]
      guard byte == UInt8(ascii: "\\"), index + 1 < count else {
        output.append(byte)
        index += 1
        continue
      }
      let escape = raw[index + 1]
      index += 2
      switch escape {
      case UInt8(ascii: "b"): output.append(0x08)
      case UInt8(ascii: "f"): output.append(0x0C)
      case UInt8(ascii: "n"): output.append(0x0A)
      case UInt8(ascii: "r"): output.append(0x0D)
      case UInt8(ascii: "t"): output.append(0x09)
      case UInt8(ascii: "u"):
        let unit = hex4(raw, at: index)
        index += 4
        var scalar = unit
        if (0xD800...0xDBFF).contains(unit) {
          let hasLow =
            index + 6 <= count && raw[index] == UInt8(ascii: "\\") && raw[index + 1] == UInt8(ascii: "u")
            && (0xDC00...0xDFFF).contains(hex4(raw, at: index + 2))
          guard hasLow else { return loneSurrogate(unit) }
          scalar = 0x10000 + ((unit - 0xD800) << 10) + (hex4(raw, at: index + 2) - 0xDC00)
          index += 6
        } else if (0xDC00...0xDFFF).contains(unit) {
          return loneSurrogate(unit)
        }
        appendUTF8(scalar, to: &output)
      default: output.append(escape)
      }
    }
    return nil
  }

  private static func loneSurrogate(_ unit: UInt32) -> FieldFailure {
    let hex = String(unit, radix: 16)
    return FieldFailure(code: .invalidEncoding, message: "lone surrogate `\\u\(hex)` in a string")
  }

  private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
    var value: UInt32 = 0
    for offset in 0..<4 where index + offset < raw.count {
      value = value << 4 | UInt32(hexValue(raw[index + offset]) ?? 0)
    }
    return value
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      output.append(UInt8(scalar))
    case 0x80..<0x800:
      output.append(UInt8(0xC0 | scalar >> 6))
      output.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      output.append(UInt8(0xE0 | scalar >> 12))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    default:
      output.append(UInt8(0xF0 | scalar >> 18))
      output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    }
  }
}
