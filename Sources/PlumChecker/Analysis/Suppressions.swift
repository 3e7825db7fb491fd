import PlumDiagnostics
import PlumSyntax

/// `// plum:allow(P2xxx) reason` comments: each silences the named lints on its own line and on the
/// line after it, and on the whole part of the policy it belongs to (see `SuppressionScopes`). The
/// reason is required, and only lints (`P2xxx`) can be silenced.
struct Suppressions {
  /// One allow comment.
  struct Allow {
    /// The codes it names.
    var codes: Set<String>
    /// The first line it covers (its own); it also covers the next one.
    var line: Int
    /// The declarations, clauses or fields it covers as a whole.
    var spans: [SourceRange]
  }

  /// The well-formed allow comments.
  private(set) var allows: [Allow] = []
  /// Problems with the comments themselves.
  private(set) var problems: [Diagnostic] = []

  /// Reads the allow comments of a source file.
  ///
  /// - Parameters:
  ///   - source: The source text.
  ///   - file: Its syntax tree, for the declarations, clauses and fields a comment covers.
  init(source: SourceFile, file: PolicyFile) {
    let (tokens, _) = Lexer.tokenize(source, keepingComments: true)
    let scopes = SuppressionScopes(file: file, source: source)
    let codeLines = Self.codeLines(of: tokens, in: source)
    for token in tokens {
      guard case .comment(let text) = token.kind else { continue }
      guard var allow = read(text, range: token.range, source: source) else { continue }
      let standalone = Self.startsLine(token.range.start, in: source)
      let nextCode = Self.nextCodeLine(after: token.range, codeLines: codeLines, in: source)
      allow.spans = scopes.covered(byCommentOn: allow.line, standalone: standalone, nextCodeLine: nextCode)
      allows.append(allow)
    }
  }

  /// The lines on which a token other than a comment starts or ends.
  private static func codeLines(of tokens: [Token], in source: SourceFile) -> Set<Int> {
    var lines: Set<Int> = []
    for token in tokens {
      if case .comment = token.kind { continue }
      if case .docComment = token.kind { continue }
      if token.range.length == 0 { continue }
      lines.insert(source.line(of: token.range.start))
      lines.insert(source.line(of: token.range.end - 1))
    }
    return lines
  }

  /// The line of the code a comment that opens its line stands before: the comment's own line when
  /// code follows it there, else the next line with code, reached over comment lines but no blank one.
  private static func nextCodeLine(after comment: SourceRange, codeLines: Set<Int>, in source: SourceFile)
    -> Int
  {
    let first = source.line(of: comment.start)
    if codeLines.contains(first) { return first }
    var line = source.line(of: max(comment.start, comment.end - 1)) + 1
    while line <= source.lineStarts.count {
      if codeLines.contains(line) { return line }
      let text = source.lineText(line)
      guard text.contains(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return 0 }
      line += 1
    }
    return 0
  }

  /// Whether only blanks precede an offset on its line.
  private static func startsLine(_ offset: Int, in source: SourceFile) -> Bool {
    let line = source.line(of: offset)
    let start = source.lineStarts[line - 1]
    return source.bytes[start..<offset].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
  }

  /// Reads one comment: nil when it is no well-formed allow comment; problems are recorded.
  private mutating func read(_ text: String, range: SourceRange, source: SourceFile) -> Allow? {
    let marker = "plum:allow"
    // Only a comment that starts with the marker is an allow comment, so prose may mention it.
    let body = text.drop { $0 == "/" || $0 == "*" || $0 == " " || $0 == "\t" }
    guard body.hasPrefix(marker), let found = Self.find(marker, in: text) else { return nil }
    let markerStart = range.start + text.utf8.distance(from: text.startIndex, to: found)
    let markerRange = SourceRange(start: markerStart, end: markerStart + marker.utf8.count)
    var rest = text[text.index(found, offsetBy: marker.count)...]
    if text.hasPrefix("/*"), rest.hasSuffix("*/") { rest = rest.dropLast(2) }
    guard rest.first == "(", let close = rest.firstIndex(of: ")") else {
      problems.append(
        Diagnostic(
          LintDiagnostics.invalidSuppression, "`plum:allow` needs a code in parentheses", at: markerRange,
          notes: ["write `// plum:allow(P2001) reason`"]))
      return nil
    }
    let list = rest[rest.index(after: rest.startIndex)..<close]
    let codes = list.split(separator: ",").map { Self.trimmed($0) }
    var valid: Set<String> = []
    for code in codes {
      if LintDiagnostics.all.contains(where: { $0.id == code }) {
        valid.insert(code)
      } else {
        let why =
          FrontEndDiagnostics.code(code) != nil
          ? "`\(code)` is not a lint; only `P2xxx` warnings can be allowed" : "`\(code)` is not a lint code"
        problems.append(
          Diagnostic(
            LintDiagnostics.invalidSuppression, why, at: markerRange,
            notes: ["errors report unsafe or invalid policies and cannot be silenced"]))
      }
    }
    if codes.isEmpty {
      problems.append(
        Diagnostic(LintDiagnostics.invalidSuppression, "`plum:allow()` names no code", at: markerRange))
    }
    let reason = Self.trimmed(rest[rest.index(after: close)...])
    if reason.isEmpty {
      problems.append(
        Diagnostic(
          LintDiagnostics.suppressionWithoutReason, "`plum:allow` needs a reason after the code",
          at: markerRange,
          notes: ["say why the finding is acceptable: `// plum:allow(P2002) exported by the CRM`"]))
    }
    guard !valid.isEmpty else { return nil }
    return Allow(codes: valid, line: source.line(of: range.start), spans: [])
  }

  /// Where `needle` first occurs in `text`.
  private static func find(_ needle: String, in text: String) -> String.Index? {
    var index = text.startIndex
    while index < text.endIndex {
      if text[index...].hasPrefix(needle) { return index }
      index = text.index(after: index)
    }
    return nil
  }

  /// The text without leading and trailing blanks.
  private static func trimmed(_ text: Substring) -> String {
    String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }

  /// Whether a diagnostic is silenced by an allow comment on its line or the line before, or by
  /// one that covers the declaration, reward clause or schema field it is reported in.
  func silences(_ diagnostic: Diagnostic, in source: SourceFile) -> Bool {
    guard diagnostic.severity != .error else { return false }
    let offset = diagnostic.range.start
    let line = source.line(of: offset)
    return allows.contains { allow in
      guard allow.codes.contains(diagnostic.code.id) else { return false }
      if allow.line == line || allow.line + 1 == line { return true }
      return allow.spans.contains { $0.start <= offset && offset < max($0.end, $0.start + 1) }
    }
  }
}
