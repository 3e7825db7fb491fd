/// Turns terminal input bytes into keys: UTF-8 characters, control keys and escape sequences.
///
/// Bytes arrive in arbitrary pieces, so an incomplete escape sequence or UTF-8 character is kept
/// until more bytes come. A lone Escape cannot be told from the start of a sequence until the
/// terminal stays quiet; the reader then calls `flush()`.
struct KeyDecoder: Sendable {
  private var pending: [UInt8] = []
  private var afterCarriageReturn = false

  /// Whether bytes are waiting for the rest of a sequence.
  var hasPending: Bool { !pending.isEmpty }

  /// Decodes as many keys as the bytes so far complete.
  mutating func feed(_ bytes: [UInt8]) -> [Key] {
    pending += bytes
    var keys: [Key] = []
    while !pending.isEmpty {
      guard let (key, length) = decodeFirst() else { break }
      pending.removeFirst(length)
      if let key { keys.append(key) }
    }
    return keys
  }

  /// Gives up waiting: a pending Escape is a key of its own, a cut-off character is replaced.
  mutating func flush() -> [Key] {
    var keys: [Key] = []
    while !pending.isEmpty {
      if pending[0] == 0x1B {
        keys.append(.escape)
        pending.removeFirst()
        keys += feed([])
      } else {
        keys.append(.character("\u{FFFD}"))
        pending.removeFirst()
        keys += feed([])
      }
    }
    return keys
  }

  /// The key at the start of `pending` and how many bytes it used; nil when more bytes are needed.
  /// A nil key with a length means bytes that produce no key.
  private mutating func decodeFirst() -> (Key?, Int)? {
    let byte = pending[0]
    let wasCarriageReturn = afterCarriageReturn
    afterCarriageReturn = false
    switch byte {
    case 0x1B:
      return decodeEscape()
    case 0x0D:
      afterCarriageReturn = true
      return (.enter, 1)
    case 0x0A:
      // A pasted CRLF is one line break.
      return (wasCarriageReturn ? nil : .enter, 1)
    case 0x7F, 0x08: return (.backspace, 1)
    case 0x09: return (.tab, 1)
    case 0x01...0x1A: return (.control(Character(Unicode.Scalar(byte + 0x60))), 1)
    case 0x00, 0x1C...0x1F: return (.unknown, 1)
    case 0x20...0x7E: return (.character(Character(Unicode.Scalar(byte))), 1)
    default: return decodeUTF8()
    }
  }

  private func decodeEscape() -> (Key?, Int)? {
    guard pending.count >= 2 else { return nil }
    switch pending[1] {
    case UInt8(ascii: "["):
      // CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, then a final byte 0x40–0x7E.
      var index = 2
      while index < pending.count, (0x20...0x3F).contains(pending[index]) { index += 1 }
      guard index < pending.count else { return nil }
      let parameters = String(decoding: pending[2..<index], as: UTF8.self)
      return (csi(parameters: parameters, final: pending[index]), index + 1)
    case UInt8(ascii: "O"):
      guard pending.count >= 3 else { return nil }
      let key: Key =
        switch pending[2] {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        default: .unknown
        }
      return (key, 3)
    case UInt8(ascii: "b"): return (.wordLeft, 2)
    case UInt8(ascii: "f"): return (.wordRight, 2)
    case 0x7F, 0x08: return (.deleteWordBackward, 2)
    case 0x1B: return (.escape, 1)
    default:
      // Escape followed by an ordinary key: the Escape stands alone.
      return (.escape, 1)
    }
  }

  private func csi(parameters: String, final: UInt8) -> Key {
    let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
    let modifier = fields.count > 1 ? Int(fields[1]) ?? 1 : 1
    // Modifier 3 is Alt, 5 is Ctrl: both move by words on the arrows.
    let byWord = modifier == 3 || modifier == 5
    switch final {
    case UInt8(ascii: "A"): return .up
    case UInt8(ascii: "B"): return .down
    case UInt8(ascii: "C"): return byWord ? .wordRight : .right
    case UInt8(ascii: "D"): return byWord ? .wordLeft : .left
    case UInt8(ascii: "H"): return .home
    case UInt8(ascii: "F"): return .end
    case UInt8(ascii: "~"):
      switch fields.first.flatMap({ Int($0) }) {
      case 1, 7: return .home
      case 4, 8: return .end
      case 3: return .delete
      default: return .unknown
      }
    default: return .unknown
    }
  }

  private func decodeUTF8() -> (Key?, Int)? {
    let lead = pending[0]
    let length: Int
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return (.character("\u{FFFD}"), 1)
    }
    var index = 1
    while index < length {
      guard index < pending.count else { return nil }
      guard pending[index] & 0xC0 == 0x80 else { return (.character("\u{FFFD}"), index) }
      index += 1
    }
    var decoder = UTF8()
    var iterator = pending[0..<length].makeIterator()
    switch decoder.decode(&iterator) {
    case .scalarValue(let scalar): return (.character(Character(scalar)), length)
    default: return (.character("\u{FFFD}"), length)
    }
  }
}
