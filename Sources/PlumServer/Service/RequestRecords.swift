#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a request body's records are: one JSON object, the elements of a JSON array, or the
/// lines of a JSON Lines body; found by scanning bytes, without decoding anything.
///
/// A JSON Lines body is split exactly as `plum run` splits a file (line feeds; blank lines
/// skipped but counted), so its records get the same record and line numbers, and the response
/// is byte for byte what `plum run` writes for the same lines.
struct RequestRecords: Equatable {
  /// How the body held its records.
  enum Shape: Equatable {
    /// One JSON object (possibly spread over several lines).
    case single
    /// A JSON array of records.
    case array
    /// One record per line.
    case lines
  }

  /// A record's bytes within the body, and the 1-based line where it starts.
  struct Record: Equatable {
    var range: Range<Int>
    var line: Int
  }

  /// A body whose framing is broken: where, and why.
  struct Malformed: Error, Equatable {
    var line: Int
    var column: Int
    var message: String
  }

  var shape: Shape
  var records: [Record]

  /// Finds the records in `body`.
  static func scan(_ body: UnsafeBufferPointer<UInt8>) -> Result<RequestRecords, Malformed> {
    var first = 0
    while first < body.count, isWhitespace(body[first]) { first += 1 }
    guard first < body.count else {
      return .failure(Malformed(line: 1, column: 1, message: "the body holds no record"))
    }
    if body[first] == UInt8(ascii: "[") { return scanArray(body, from: first) }
    var last = body.count
    while last > first, isWhitespace(body[last - 1]) { last -= 1 }
    // One value filling the body is one record, whatever its lines; so is a body of one line,
    // even when it is not valid JSON (its error is that record's).
    let oneLine = body.baseAddress.map { memchr($0 + first, 0x0A, last - first) == nil } ?? true
    if oneLine || valueEnd(body, from: first, to: last) == last {
      return .success(
        RequestRecords(
          shape: .single, records: [Record(range: first..<last, line: line(of: first, in: body))]))
    }
    return .success(RequestRecords(shape: .lines, records: lines(body)))
  }

  /// The lines of a JSON Lines body that are not blank.
  private static func lines(_ body: UnsafeBufferPointer<UInt8>) -> [Record] {
    var records: [Record] = []
    var start = 0
    var line = 1
    while start < body.count {
      var end = start
      while end < body.count, body[end] != 0x0A { end += 1 }
      var blank = true
      for index in start..<end where !isWhitespace(body[index]) {
        blank = false
        break
      }
      if !blank { records.append(Record(range: start..<end, line: line)) }
      line += 1
      start = end + 1
    }
    return records
  }

  /// The elements of a JSON array; the array must be the whole body.
  private static func scanArray(_ body: UnsafeBufferPointer<UInt8>, from open: Int) -> Result<
    RequestRecords, Malformed
  > {
    var records: [Record] = []
    var index = open + 1
    // Lines are counted as the scan moves forward, so a large array costs linear time.
    var counted = 0
    var currentLine = 1
    func lineAt(_ offset: Int) -> Int {
      while counted < offset {
        if body[counted] == 0x0A { currentLine += 1 }
        counted += 1
      }
      return currentLine
    }
    func malformed(_ at: Int, _ message: String) -> Result<RequestRecords, Malformed> {
      let position = min(at, body.count)
      return .failure(
        Malformed(
          line: line(of: position, in: body), column: column(of: position, in: body), message: message))
    }
    while true {
      while index < body.count, isWhitespace(body[index]) { index += 1 }
      guard index < body.count else { return malformed(index, "the array is not closed") }
      if body[index] == UInt8(ascii: "]"), records.isEmpty { break }
      guard let end = valueEnd(body, from: index, to: body.count) else {
        return malformed(index, "an array element is not complete JSON")
      }
      // A `,`, `]` or `}` where an element should start: `[1,]`, `[,1]`, `[1,,2]`.
      guard end > index else { return malformed(index, "an array element is missing") }
      records.append(Record(range: index..<end, line: lineAt(index)))
      index = end
      while index < body.count, isWhitespace(body[index]) { index += 1 }
      guard index < body.count else { return malformed(index, "the array is not closed") }
      if body[index] == UInt8(ascii: "]") { break }
      guard body[index] == UInt8(ascii: ",") else {
        return malformed(index, "expected `,` or `]` after an array element")
      }
      index += 1
    }
    index += 1
    while index < body.count, isWhitespace(body[index]) { index += 1 }
    guard index == body.count else { return malformed(index, "unexpected text after the array") }
    return .success(RequestRecords(shape: .array, records: records))
  }

  /// One past the end of the JSON value starting at `start`, found by matching brackets outside
  /// strings (without recursion, so any depth is fine); nil when it does not end before `limit`.
  /// A scalar ends at the next `,`, `]`, `}` or whitespace.
  private static func valueEnd(_ body: UnsafeBufferPointer<UInt8>, from start: Int, to limit: Int) -> Int? {
    var depth = 0
    var index = start
    var inString = false
    while index < limit {
      let byte = body[index]
      if inString {
        if byte == UInt8(ascii: "\\") {
          index += 1
        } else if byte == UInt8(ascii: "\"") {
          inString = false
          if depth == 0 { return index + 1 }
        }
      } else {
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          if depth == 0 { return index }
          depth -= 1
          if depth == 0 { return index + 1 }
        case UInt8(ascii: ","):
          if depth == 0 { return index }
        default:
          if depth == 0 && isWhitespace(byte) { return index }
        }
      }
      index += 1
    }
    return depth == 0 && !inString && index > start ? limit : nil
  }

  private static func line(of offset: Int, in body: UnsafeBufferPointer<UInt8>) -> Int {
    var line = 1
    for index in 0..<min(offset, body.count) where body[index] == 0x0A { line += 1 }
    return line
  }

  private static func column(of offset: Int, in body: UnsafeBufferPointer<UInt8>) -> Int {
    var start = min(offset, body.count)
    while start > 0, body[start - 1] != 0x0A { start -= 1 }
    return offset - start + 1
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
  }
}
