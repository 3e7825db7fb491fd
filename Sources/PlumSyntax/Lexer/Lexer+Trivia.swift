import PlumDiagnostics

extension Lexer {
  /// Skips blanks, line breaks and comments; emits `///` lines, and other comments when kept.
  mutating func skipTrivia() {
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        position += 1
      case UInt8(ascii: "\n"):
        position += 1
        sawLineBreak = true
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
        lexLineComment()
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
        lexBlockComment()
      default:
        return
      }
    }
  }

  /// A `//` comment up to the end of the line; a `///` line that starts a line is documentation.
  mutating func lexLineComment() {
    let start = position
    var stop = position
    while stop < end, bytes[stop] != UInt8(ascii: "\n") { stop += 1 }
    validateUTF8(from: start, to: stop)
    position = stop
    var textEnd = stop
    if textEnd > start, bytes[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
    let isDoc =
      sawLineBreak && stop - start >= 3 && bytes[start + 2] == UInt8(ascii: "/")
      && (stop - start == 3 || bytes[start + 3] != UInt8(ascii: "/"))
    if isDoc {
      tokens.append(
        Token(
          .docComment(text(start + 3, textEnd)), SourceRange(start: start, end: textEnd), startsLine: true))
    } else if keepsComments {
      tokens.append(
        Token(
          .comment(text(start, textEnd)), SourceRange(start: start, end: textEnd), startsLine: sawLineBreak))
    }
  }

  /// A `/* … */` comment; block comments nest.
  mutating func lexBlockComment() {
    let start = position
    let startedLine = sawLineBreak
    var depth = 0
    var index = position
    while index < end {
      if bytes[index] == UInt8(ascii: "/"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "*") {
        depth += 1
        index += 2
      } else if bytes[index] == UInt8(ascii: "*"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "/") {
        depth -= 1
        index += 2
        if depth == 0 { break }
      } else {
        if bytes[index] == UInt8(ascii: "\n") { sawLineBreak = true }
        index += 1
      }
    }
    validateUTF8(from: start, to: index)
    position = index
    if depth > 0 {
      report(
        LexerDiagnostics.unterminatedBlockComment, "unterminated block comment",
        at: SourceRange(start: start, end: start + 2),
        notes: ["block comments nest: each `/*` needs its own `*/`"])
    }
    if keepsComments {
      tokens.append(
        Token(.comment(text(start, index)), SourceRange(start: start, end: index), startsLine: startedLine))
    }
  }

  /// Reports each run of bytes in a comment that is not valid UTF-8.
  mutating func validateUTF8(from start: Int, to stop: Int) {
    var index = start
    while index < stop {
      if bytes[index] < 0x80 {
        index += 1
        continue
      }
      if let length = decodeScalar(bytes, at: index, end: stop)?.length {
        index += length
        continue
      }
      let runStart = index
      index += 1
      while index < stop, bytes[index] >= 0x80, decodeScalar(bytes, at: index, end: stop) == nil {
        index += 1
      }
      report(
        LexerDiagnostics.invalidUTF8, "invalid UTF-8 byte sequence",
        at: SourceRange(start: runStart, end: index), notes: ["Plum source files must be UTF-8"])
    }
  }
}
