import PlumDiagnostics
import PlumSyntax

@testable import PlumFormatter

/// What formatting must keep: the tokens (kinds and values), the comments and the syntax tree.
enum Preservation {
  /// Everything formatting changed that it must not, as readable descriptions; empty when the
  /// formatted text keeps the policy.
  static func problems(from original: SourceFile, to formatted: String) -> [String] {
    var problems: [String] = []
    let after = SourceFile(name: "formatted.plum", text: formatted)
    let (beforeTokens, _) = Lexer.tokenize(original, keepingComments: true)
    let (afterTokens, afterLexing) = Lexer.tokenize(after, keepingComments: true)
    if !afterLexing.isEmpty { problems.append("the formatted text has lexical errors") }
    let codeBefore = code(beforeTokens)
    let codeAfter = code(afterTokens)
    if codeBefore != codeAfter {
      let index = zip(codeBefore, codeAfter).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      problems.append("tokens differ at token \(index.map(String.init) ?? "past the end")")
    }
    if comments(beforeTokens) != comments(afterTokens) {
      problems.append("comments differ: \(comments(beforeTokens)) vs \(comments(afterTokens))")
    }
    let (treeBefore, _) = Parser.parse(original)
    let (treeAfter, diagnostics) = Parser.parse(after)
    if !diagnostics.isEmpty { problems.append("the formatted text has \(diagnostics.count) diagnostics") }
    if RangeErasure.erase(treeBefore) != RangeErasure.erase(treeAfter) { problems.append("the trees differ") }
    return problems
  }

  /// Token kinds and values without positions (strings keep their interpolation source text).
  static func code(_ tokens: [Token]) -> [String] {
    tokens.compactMap { token in
      switch token.kind {
      case .comment, .docComment: return nil
      case .string(let parts):
        return "string "
          + parts.map { part in
            switch part {
            case .text(let text): "text(\(text))"
            case .interpolation(let source, _, let format): "interpolation(\(source), \(format ?? "-"))"
            }
          }.joined(separator: " ")
      default: return "\(token.kind)"
      }
    }
  }

  /// Every comment's text, the blanks at the ends of its lines removed (the one change allowed).
  static func comments(_ tokens: [Token]) -> [String] {
    tokens.compactMap { token in
      switch token.kind {
      case .comment(let text): trimmed(text)
      case .docComment(let text): "///" + trimmed(text)
      default: nil
      }
    }
  }

  static func trimmed(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { line in
        var line = Substring(line)
        while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
        return String(line)
      }
      .joined(separator: "\n")
  }
}

/// The canonical layout's line-level rules, checked on any formatted text.
enum LayoutRules {
  /// The rules a formatted text breaks, as readable descriptions; empty when it breaks none.
  static func violations(in text: String) -> [String] {
    var found: [String] = []
    if !text.isEmpty, !text.hasSuffix("\n") { found.append("no final line break") }
    if text.hasSuffix("\n\n") { found.append("empty lines at the end") }
    if text.contains("\r") { found.append("a carriage return") }
    if text.contains("\n\n\n") { found.append("two empty lines in a row") }
    var inBlockComment = false
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let wasInComment = inBlockComment
      inBlockComment = blockCommentOpen(after: line, open: inBlockComment)
      if wasInComment { continue }
      if line.last == " " || line.last == "\t" { found.append("line \(number + 1) ends in a blank") }
      let indentation = line.prefix { $0 == " " }.count
      if indentation % 2 != 0 { found.append("line \(number + 1) is indented by \(indentation)") }
      if line.hasPrefix("\t") || line.dropFirst(indentation).hasPrefix("\t") {
        found.append("line \(number + 1) is indented with a tab")
      }
    }
    return found
  }

  /// Whether a `/* */` comment is still open at the end of a line (outside strings, roughly).
  static func blockCommentOpen(after line: Substring, open: Bool) -> Bool {
    var depth = open ? 1 : 0
    var inString = false
    var previous: Character = " "
    for character in line {
      if depth == 0, character == "\"", previous != "\\" { inString.toggle() }
      if !inString {
        if depth == 0, previous == "/", character == "/" { return false }
        if previous == "/", character == "*" { depth += 1 }
        if previous == "*", character == "/", depth > 0 { depth -= 1 }
      }
      previous = character
    }
    return depth > 0
  }
}
