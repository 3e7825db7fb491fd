/// A source file: its name, its UTF-8 bytes and a table of line starts.
///
/// Positions are stored as UTF-8 byte offsets and converted to 1-based line and column only
/// when they are shown.
public struct SourceFile: Sendable {
  /// The name shown in diagnostics, usually the path as the user typed it.
  public let name: String
  /// The file's contents as UTF-8 bytes.
  public let bytes: [UInt8]
  /// Byte offset of the first byte of each line.
  public let lineStarts: [Int]

  /// Creates a source file from text.
  public init(name: String, text: String) {
    self.init(name: name, bytes: Array(text.utf8))
  }

  /// Creates a source file from raw bytes (which need not be valid UTF-8).
  public init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(index + 1)
    }
    self.lineStarts = starts
  }

  /// The file's contents as a string, with invalid UTF-8 repaired.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The 1-based line of a byte offset, without the column: a binary search of the line table.
  public func line(of offset: Int) -> Int {
    let clamped = max(0, min(offset, bytes.count))
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
    }
    return low + 1
  }

  /// The 1-based line and column of a byte offset; the column counts Unicode scalars.
  public func location(of offset: Int) -> SourceLocation {
    let clamped = max(0, min(offset, bytes.count))
    let low = line(of: clamped) - 1
    let start = lineStarts[low]
    var column = 1
    var index = start
    while index < clamped {
      // Count only the first byte of each UTF-8 sequence.
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return SourceLocation(offset: clamped, line: low + 1, column: column)
  }

  /// The text of a 1-based line, without its line terminator.
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
      end -= 1
    }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The source text covered by a range.
  public func text(in range: SourceRange) -> String {
    let start = max(0, min(range.start, bytes.count))
    let end = max(start, min(range.end, bytes.count))
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
