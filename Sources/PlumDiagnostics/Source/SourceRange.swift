/// A half-open range of UTF-8 byte offsets in one source file.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  /// Offset of the first byte.
  public var start: Int
  /// Offset one past the last byte.
  public var end: Int

  /// Creates a range from `start` up to, not including, `end`.
  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// An empty range at an offset.
  public static func at(_ offset: Int) -> SourceRange { SourceRange(start: offset, end: offset) }

  /// The smallest range covering both ranges.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }

  /// The number of bytes covered.
  public var length: Int { end - start }

  public var description: String { "\(start)..<\(end)" }
}

/// A position shown to the user: a byte offset with its 1-based line and column.
public struct SourceLocation: Hashable, Sendable {
  /// The UTF-8 byte offset.
  public var offset: Int
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, counted in Unicode scalars.
  public var column: Int

  /// Creates a location.
  public init(offset: Int, line: Int, column: Int) {
    self.offset = offset
    self.line = line
    self.column = column
  }
}
