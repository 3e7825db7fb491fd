/// Lines up the trailing comments of consecutive lines.
enum CommentAlignment {
  /// Pads the code of each run of consecutive lines that all end in a one-line comment, so the
  /// comments of the run start in one column (one space after the widest code of the run).
  static func align(_ lines: [OutputLine]) -> [OutputLine] {
    var lines = lines
    var index = 0
    while index < lines.count {
      guard isAlignable(lines[index]) else {
        index += 1
        continue
      }
      var end = index
      while end < lines.count, isAlignable(lines[end]) { end += 1 }
      if end - index > 1 {
        let column = lines[index..<end].map(\.codeWidth).max() ?? 0
        for position in index..<end {
          lines[position].text += String(repeating: " ", count: column - lines[position].codeWidth)
        }
      }
      index = end
    }
    return lines
  }

  /// Whether a line has code and a trailing comment that fits on one line.
  static func isAlignable(_ line: OutputLine) -> Bool {
    guard let comment = line.comment, !line.text.isEmpty else { return false }
    return !comment.utf8.contains(UInt8(ascii: "\n"))
  }
}
