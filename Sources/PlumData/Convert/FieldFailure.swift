/// Why one field's value could not be stored; the reader turns it into a `RecordError`.
struct FieldFailure: Error {
  /// The error code.
  var code: RecordErrorCode
  /// The one-line message.
  var message: String

  /// The text of `bytes` for a message: invalid UTF-8 repaired, control characters escaped and
  /// anything past 40 characters elided, so the message stays one readable line.
  static func quote(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    var shown = ""
    var length = 0
    for scalar in text.unicodeScalars {
      if length == 40 {
        shown += "…"
        break
      }
      if scalar.value < 0x20 || scalar.value == 0x7F {
        shown += scalar.escaped(asASCII: true)
      } else {
        shown.unicodeScalars.append(scalar)
      }
      length += 1
    }
    return "`" + shown + "`"
  }
}
