import PlumDiagnostics
import PlumSyntax

/// `// plum:allow(P2xxx) reason` comments: each silences the named lints on its own line and on the
/// line after it. The reason is required, and only lints (`P2xxx`) can be silenced.
struct Suppressions {
  /// One allow comment.
  struct Allow {
    /// The codes it names.
    var codes: Set<String>
    /// The first line it covers (its own); it also covers the next one.
    var line: Int
  }

  /// The well-formed allow comments.
  private(set) var allows: [Allow] = []
  /// Problems with the comments themselves.
  private(set) var problems: [Diagnostic] = []

  /// Reads the allow comments of a source file.
  init(source: SourceFile) {
    let (tokens, _) = Lexer.tokenize(source, keepingComments: true)
    for token in tokens {
      guard case .comment(let text) = token.kind else { continue }
      read(text, range: token.range, source: source)
    }
  }

  private mutating func read(_ text: String, range: SourceRange, source: SourceFile) {
    let marker = "plum:allow"
    // Only a comment that starts with the marker is an allow comment, so prose may mention it.
    let body = text.drop { $0 == "/" || $0 == "*" || $0 == " " || $0 == "\t" }
    guard body.hasPrefix(marker), let found = Self.find(marker, in: text) else { return }
    let markerStart = range.start + text.utf8.distance(from: text.startIndex, to: found)
    let markerRange = SourceRange(start: markerStart, end: markerStart + marker.utf8.count)
    var rest = text[text.index(found, offsetBy: marker.count)...]
    if text.hasPrefix("/*"), rest.hasSuffix("*/") { rest = rest.dropLast(2) }
    guard rest.first == "(", let close = rest.firstIndex(of: ")") else {
      problems.append(
        Diagnostic(
          LintDiagnostics.invalidSuppression, "`plum:allow` needs a code in parentheses", at: markerRange,
          notes: ["write `// plum:allow(P2001) reason`"]))
      return
    }
    let list = rest[rest.index(after: rest.startIndex)..<close]
    let codes = list.split(separator: ",").map { Self.trimmed($0) }
    var valid: Set<String> = []
    for code in codes {
      if LintDiagnostics.all.contains(where: { $0.id == code }) {
        valid.insert(code)
      } else {
        let why =
          DiagnosticRegistry.code(code) != nil
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
    if !valid.isEmpty {
      allows.append(Allow(codes: valid, line: source.location(of: range.start).line))
    }
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

  /// Whether a diagnostic is silenced by an allow comment on its line or the line before.
  func silences(_ diagnostic: Diagnostic, in source: SourceFile) -> Bool {
    guard diagnostic.severity != .error else { return false }
    let line = source.location(of: diagnostic.range.start).line
    return allows.contains {
      ($0.line == line || $0.line + 1 == line) && $0.codes.contains(diagnostic.code.id)
    }
  }
}
