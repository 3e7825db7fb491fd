import PlumDiagnostics
import PlumSyntax

/// The parts of a policy a `plum:allow` comment can cover: top-level declarations, the clauses of a
/// reward and the fields of an input schema.
///
/// The formatter may split a long declaration over several lines and keeps a trailing comment on the
/// last one, so an allow comment covers the whole part it belongs to rather than only nearby lines.
struct SuppressionScopes {
  /// One coverable part of the policy.
  struct Scope {
    /// Its source span.
    var range: SourceRange
    /// Its first and last line, 1-based.
    var lines: ClosedRange<Int>
    /// How deeply it is nested: 0 for a declaration, more for a clause or field.
    var depth: Int
  }

  /// Every scope, outer ones before the ones they contain.
  private(set) var scopes: [Scope] = []

  /// Collects the scopes of a parsed file.
  init(file: PolicyFile, source: SourceFile) {
    for declaration in file.declarations {
      add(declaration.range, depth: 0, source: source)
      switch declaration {
      case .reward(let reward):
        for clause in reward.clauses { add(Self.range(of: clause), depth: 1, source: source) }
      case .input(let input):
        addFields(input.fields, depth: 1, source: source)
      default:
        break
      }
    }
  }

  /// The spans covered by an allow comment on `line`, beyond that line and the next.
  ///
  /// - Parameters:
  ///   - line: The comment's line.
  ///   - standalone: Whether nothing but blanks precedes the comment on its line.
  ///   - nextCodeLine: The first line after the comment's that is neither blank nor only comments.
  /// - Returns: For a comment on its own line, the outermost part starting on the next line of code;
  ///   for a trailing comment, the innermost parts containing its line.
  func covered(byCommentOn line: Int, standalone: Bool, nextCodeLine: Int) -> [SourceRange] {
    if standalone {
      let starting = scopes.filter { $0.lines.lowerBound == nextCodeLine }
      guard let outer = starting.map(\.depth).min() else { return [] }
      return starting.filter { $0.depth == outer }.map(\.range)
    }
    let containing = scopes.filter { $0.lines.contains(line) }
    guard let inner = containing.map(\.depth).max() else { return [] }
    return containing.filter { $0.depth == inner }.map(\.range)
  }

  private mutating func addFields(_ fields: [FieldDecl], depth: Int, source: SourceFile) {
    for field in fields {
      add(field.range, depth: depth, source: source)
      if case .group(let members) = field.kind { addFields(members, depth: depth + 1, source: source) }
    }
  }

  private mutating func add(_ range: SourceRange, depth: Int, source: SourceFile) {
    let first = source.line(of: range.start)
    let last = source.line(of: max(range.start, range.end - 1))
    scopes.append(Scope(range: range, lines: first...max(first, last), depth: depth))
  }

  /// A clause's span: from its keyword to the end of its last expression.
  private static func range(of clause: RewardClause) -> SourceRange {
    let expressions: [Expression]
    switch clause.kind {
    case .when(let e), .give(let e), .value(let e), .cost(let e), .priority(let e), .because(let e):
      expressions = [e]
    case .requires(let conditions): expressions = conditions
    }
    return expressions.reduce(clause.keywordRange) { $0.union($1.range) }
  }
}
