import PlumDiagnostics
import PlumSyntax

/// Splits a file into tokens that carry their comments, from the lexer's comment-keeping stream.
enum TriviaScanner {
  /// The file's tokens, ending with the end-of-file token, each with its leading and trailing
  /// comments; also the lexer's diagnostics.
  static func scan(_ file: SourceFile) -> (tokens: [TriviaToken], diagnostics: [Diagnostic]) {
    let (raw, diagnostics) = Lexer.tokenize(file, keepingComments: true)
    var tokens: [TriviaToken] = []
    var pending: [Comment] = []
    var previousEnd = hasByteOrderMark(file.bytes) ? 3 : 0
    var sawToken = false
    for token in raw {
      let breaks = lineBreaks(in: file.bytes, from: previousEnd, to: token.range.start)
      let startsLine = breaks > 0 || !sawToken
      defer {
        previousEnd = max(previousEnd, token.range.end)
        sawToken = true
      }
      if startsLine, let last = tokens.indices.last, pending.isEmpty, !tokens[last].trailing.isEmpty {
        tokens[last].trailing[tokens[last].trailing.count - 1].endsLine = true
      }
      switch token.kind {
      case .comment(let text), .docComment(let text):
        let isDoc = if case .docComment = token.kind { true } else { false }
        let full = isDoc ? "///" + text : text
        let trimmed = RangeErasure.trimmingLineEnds(full)
        var comment = Comment(
          text: trimmed, isLineComment: trimmed.hasPrefix("//"),
          spansLines: trimmed.utf8.contains(UInt8(ascii: "\n")), blankLineBefore: breaks > 1, endsLine: false)
        if !startsLine, pending.isEmpty, let last = tokens.indices.last {
          tokens[last].trailing.append(comment)
        } else if !startsLine, let last = pending.indices.last, !pending[last].needsLineBreak {
          // A second comment on the line of an own-line block comment stays on that line.
          comment.text = pending[last].text + " " + comment.text
          comment.blankLineBefore = pending[last].blankLineBefore
          pending[last] = comment
        } else {
          pending.append(comment)
        }
      default:
        var trivia = TriviaToken(
          token: token, text: text(of: token, in: file), startsLine: startsLine, blankLineBefore: breaks > 1)
        trivia.leading = pending
        pending.removeAll()
        tokens.append(trivia)
      }
    }
    if let last = tokens.indices.last, !tokens[last].trailing.isEmpty {
      tokens[last].trailing[tokens[last].trailing.count - 1].endsLine = true
    }
    return (tokens, diagnostics)
  }

  static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
  }

  /// How many line feeds lie between two offsets.
  static func lineBreaks(in bytes: [UInt8], from start: Int, to end: Int) -> Int {
    guard start < end else { return 0 }
    var count = 0
    for index in start..<min(end, bytes.count) where bytes[index] == UInt8(ascii: "\n") { count += 1 }
    return count
  }

  /// The printed text of a token: as written, with the blanks between a number and its unit
  /// (`10   EUR`, `30\tdays`) made one space.
  static func text(of token: Token, in file: SourceFile) -> String {
    let written = file.text(in: token.range)
    switch token.kind {
    case .money, .duration:
      return written.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    default:
      return written
    }
  }
}
