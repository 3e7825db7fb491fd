import PlumDiagnostics
import PlumSyntax

/// Why a policy was not formatted.
public enum FormatError: Error, Sendable {
  /// The policy has syntax errors (lexer or parser diagnostics, in source order); a file that does
  /// not parse is never formatted.
  case syntaxErrors([Diagnostic])
  /// The formatter could not lay the file out without changing its tokens, comments or syntax
  /// tree (a formatter bug); the message says where.
  case unsafeLayout(String)
}

/// Formats Plum source in the one canonical layout of `plum fmt`.
///
/// The layout is built from the file's tokens and comments, guided by its syntax tree, so only the
/// space between tokens changes: 2-space indentation, single spaces around operators and after
/// commas and colons, one field, clause or statement per line, aligned schema types, conditions
/// wider than the line width broken before `and` / `or`, one empty line between declarations,
/// comments kept where they were, no trailing blanks, and a final line break.
///
/// Before returning, the result is parsed again and compared with the original: same tokens, same
/// comments, same syntax tree apart from positions. A layout that fails the comparison is refused
/// with `FormatError.unsafeLayout` rather than returned.
public enum SourceFormatter {
  /// The widest a line may grow before a condition or a record is broken over several lines.
  public static let lineWidth = 100

  /// Formats a policy file.
  ///
  /// - Returns: The formatted text; empty for a file with neither tokens nor comments.
  /// - Throws: `FormatError.syntaxErrors` for a file with syntax errors, `FormatError.unsafeLayout`
  ///   when the layout would not keep the file's meaning.
  public static func format(_ file: SourceFile) throws(FormatError) -> String {
    let (ast, diagnostics) = Parser.parse(file)
    let errors = diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty else { throw .syntaxErrors(errors) }
    let (tokens, _) = TriviaScanner.scan(file)
    var layout = SourceLayout(tokens: tokens)
    let lines: [OutputLine]
    do {
      lines = try layout.file(ast, width: lineWidth)
    } catch {
      let location = file.location(of: error.offset)
      throw .unsafeLayout(
        "expected \(error.expected) at \(file.name):\(location.line):\(location.column)")
    }
    let aligned = CommentAlignment.align(lines)
    let text = aligned.isEmpty ? "" : aligned.map(\.rendered).joined(separator: "\n") + "\n"
    let formatted = SourceFile(name: file.name, text: text)
    if let difference = SyntaxEquivalence.difference(between: file, ast, and: formatted) {
      throw .unsafeLayout("the formatted text would change the policy: \(difference)")
    }
    return text
  }

  /// Formats policy source text; see `format(_:)`.
  public static func format(_ text: String, name: String = "<input>") throws(FormatError) -> String {
    try format(SourceFile(name: name, text: text))
  }
}
