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
  /// `scalarCheckpoints[k]` is the number of Unicode scalars that start in the first
  /// `k * checkpointSpacing` bytes, so a column costs at most `checkpointSpacing` byte looks
  /// however long its line is (a line with thousands of diagnostics is not rescanned for each).
  private let scalarCheckpoints: [Int]
  private static let checkpointSpacing = 64

  /// Creates a source file from text.
  public init(name: String, text: String) {
    self.init(name: name, bytes: Array(text.utf8))
  }

  /// Creates a source file from raw bytes (which need not be valid UTF-8).
  public init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
    var starts = [0]
    var checkpoints = [0]
    checkpoints.reserveCapacity(bytes.count / Self.checkpointSpacing + 1)
    var scalars = 0
    for (index, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\n") { starts.append(index + 1) }
      // Only the first byte of each UTF-8 sequence starts a scalar.
      if byte & 0xC0 != 0x80 { scalars += 1 }
      if (index + 1) % Self.checkpointSpacing == 0 { checkpoints.append(scalars) }
    }
    self.lineStarts = starts
    self.scalarCheckpoints = checkpoints
  }

  /// The number of scalars that start in `bytes[0..<offset]`.
  private func scalars(before offset: Int) -> Int {
    let checkpoint = offset / Self.checkpointSpacing
    var count = scalarCheckpoints[checkpoint]
    var index = checkpoint * Self.checkpointSpacing
    while index < offset {
      if bytes[index] & 0xC0 != 0x80 { count += 1 }
      index += 1
    }
    return count
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
    let column = scalars(before: clamped) - scalars(before: lineStarts[low]) + 1
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
