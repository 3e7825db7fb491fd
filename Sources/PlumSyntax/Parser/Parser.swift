import PlumDiagnostics

/// Parses Plum source into a `PolicyFile`, recovering from errors so one run reports them all.
///
/// A recursive-descent parser split across files named for the grammar area they parse
/// (`Declarations.swift`, `Expressions.swift`, `Types.swift`, …); every production of
/// `grammar/plum.ebnf` is named by a `/// grammar:` line on the function that parses it.
///
/// Recovery works at two levels: a broken declaration is skipped up to the next line that starts
/// with a declaration word, and a broken clause, field or statement inside `{ … }` up to the next
/// line that starts one (or the block's `}`). A second error at the token of the previous one, or
/// at a token the lexer already rejected, is not reported, which keeps follow-on noise out.
///
/// Nesting is bounded (`maxDepth` levels of expression, type or record): deeper input gets a
/// diagnostic and is skipped without recursing, so no input can exhaust the stack, and later
/// recursive passes over the tree are safe.
public struct Parser {
  /// The deepest nesting of expressions (not counting the links of flat operator chains), types or
  /// records the parser builds.
  public static let maxDepth = 256

  /// The highest expression tree the parser builds, counting every link of an operator chain: a
  /// chain of this many operands still goes through every later pass on a 512 KiB stack.
  public static let maxHeight = 2_000

  /// Words that start a declaration at the top level.
  /// Words that continue a construct after an expression (`per`, `within`, `contains`, `by`…).
  static let continuationWords: Set<String> = ["per", "contains", "within", "by", "max", "from", "row"]

  static let declarationWords: Set<String> = [
    "policy", "currency", "input", "let", "rule", "model", "reward", "select", "budget", "points",
    "constraint",
    "test",
  ]

  let file: SourceFile
  /// The tokens without documentation comments.
  var tokens: [Token]
  /// The `///` block written right before the token at an index, lines joined with `\n`.
  var docs: [Int: String]
  /// For each `{`, the index of the `}` that balances it, when there is one.
  var closingBrace: [Int: Int]
  var index = 0
  var diagnostics: [Diagnostic] = []
  /// Index of the token the last error was reported at, to avoid a second error there.
  var lastErrorIndex = -1
  /// Counts every error found, reported or suppressed, so a block can tell it had one.
  var errorCount = 0
  /// How many expressions, types or records enclose the current position.
  var level: Int
  /// How many strings enclose this parser's tokens (for interpolations).
  let stringDepth: Int
  /// Set after "nested too deeply": stay silent until the enclosing top-level expression ends.
  var abandoning = false
  /// Whether "nested too deeply" was reported for the current top-level expression.
  var reportedDepth = false
  /// The words that start an item of the block being parsed: such a word at the start of a line
  /// ends an expression left open by a trailing operator instead of becoming its operand.
  var itemWords: Set<String> = []
  /// How messages name the end of the source: a file's, or an expression's typed input.
  var endDescription = "end of file"

  init(file: SourceFile, tokens rawTokens: [Token], level: Int, stringDepth: Int) {
    self.file = file
    self.level = level
    self.stringDepth = stringDepth
    var tokens: [Token] = []
    var docs: [Int: String] = [:]
    var pending: [String] = []
    for token in rawTokens {
      switch token.kind {
      case .docComment(let text):
        pending.append(text.hasPrefix(" ") ? String(text.dropFirst()) : text)
      case .comment:
        continue
      default:
        if !pending.isEmpty {
          docs[tokens.count] = pending.joined(separator: "\n")
          pending.removeAll()
        }
        tokens.append(token)
      }
    }
    if tokens.isEmpty { tokens.append(Token(.endOfFile, .at(file.bytes.count))) }
    var closing: [Int: Int] = [:]
    var open: [Int] = []
    for (position, token) in tokens.enumerated() {
      if token.kind == .symbol(.leftBrace) {
        open.append(position)
      } else if token.kind == .symbol(.rightBrace), let opener = open.popLast() {
        closing[opener] = position
      }
    }
    self.tokens = tokens
    self.docs = docs
    self.closingBrace = closing
  }

  /// Parses a whole file; the diagnostics include the lexer's and are ordered by position.
  public static func parse(_ file: SourceFile) -> (PolicyFile, [Diagnostic]) {
    let (tokens, lexerDiagnostics) = Lexer.tokenize(file)
    var parser = Parser(file: file, tokens: tokens, level: 0, stringDepth: 0)
    let policy = parser.parsePolicyFile()
    return (policy, (lexerDiagnostics + parser.diagnostics).sortedByPosition())
  }

  // MARK: Tokens

  var current: Token { tokens[index] }

  func peekToken(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

  var atEnd: Bool { current.kind == .endOfFile }

  /// Consumes the current token (never moving past the end of the file) and returns it.
  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  /// The end offset of the last consumed token.
  var previousEnd: Int { index > 0 ? tokens[index - 1].range.end : current.range.start }

  func at(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }

  func atKeyword(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

  /// Whether the current token is the identifier `word` (a contextual keyword).
  func atWord(_ word: String) -> Bool { current.kind == .identifier(word) }

  /// The current token's text when it is an identifier.
  var currentWord: String? {
    if case .identifier(let word) = current.kind { return word }
    return nil
  }

  /// The range from `start` to the end of the last consumed token.
  func range(from start: Int) -> SourceRange { SourceRange(start: start, end: max(start, previousEnd)) }

  /// Where to point at something missing: the current token, or just after the previous one when
  /// the current token is on a later line or is the end of the file.
  var missingRange: SourceRange {
    if (current.startsLine || atEnd) && index > 0 { return .at(previousEnd) }
    return current.range
  }

  /// Describes a token for a message: its text in backticks, or what it is.
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .endOfFile: return endDescription
    case .string: return "a string"
    case .docComment: return "a documentation comment"
    case .identifier(let word) where Parser.declarationWords.contains(word) && word != "points":
      return "declaration `\(word)`"
    default:
      let text = file.text(in: token.range)
      let short = text.count > 20 ? String(text.prefix(20)) + "…" : text
      return "`\(displayed(short))`"
    }
  }

  // MARK: Reporting

  /// Reports an error found at the current token, unless one was already reported there or the
  /// lexer rejected the token, or an over-deep expression is being skipped.
  mutating func report(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, labels: [Diagnostic.Label] = [],
    notes: [String] = [], fixIts: [Diagnostic.FixIt] = []
  ) {
    errorCount += 1
    guard !abandoning, index != lastErrorIndex else { return }
    lastErrorIndex = index
    if current.kind == .invalid { return }
    diagnostics.append(Diagnostic(code, message, at: range, labels: labels, notes: notes, fixIts: fixIts))
  }

  /// Reports an error that is not about the current token and leaves parsing undisturbed, such as
  /// a duplicate clause or an unknown type name.
  mutating func reportAlways(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, labels: [Diagnostic.Label] = [],
    notes: [String] = [], fixIts: [Diagnostic.FixIt] = []
  ) {
    diagnostics.append(Diagnostic(code, message, at: range, labels: labels, notes: notes, fixIts: fixIts))
  }

  // MARK: Expecting

  /// Consumes `symbol`, or reports it missing.
  @discardableResult
  mutating func expect(_ symbol: Symbol, _ context: String, fixIt: Bool = false) -> Token? {
    if at(symbol) { return advance() }
    let insert = Diagnostic.FixIt(
      range: .at(previousEnd), replacement: symbol == .colon ? ":" : " \(symbol.rawValue)",
      message: "insert `\(symbol.rawValue)`")
    report(
      ParserDiagnostics.expectedToken, "expected `\(symbol.rawValue)` \(context), found \(describe(current))",
      at: missingRange, fixIts: fixIt ? [insert] : [])
    return nil
  }

  /// Consumes the closing `symbol` of a group, or reports the group unclosed with a label at `opener`.
  @discardableResult
  mutating func expectClosing(_ symbol: Symbol, opener: Token, _ what: String) -> Token? {
    if at(symbol) { return advance() }
    report(
      ParserDiagnostics.unclosedDelimiter,
      "expected `\(symbol.rawValue)` to close \(what), found \(describe(current))", at: missingRange,
      labels: [Diagnostic.Label(opener.range, "`\(file.text(in: opener.range))` opened here")])
    return nil
  }

  /// Consumes the contextual keyword `word`, or reports it missing.
  @discardableResult
  mutating func expectWord(_ word: String, _ context: String) -> Token? {
    if atWord(word) { return advance() }
    report(
      ParserDiagnostics.expectedToken, "expected `\(word)` \(context), found \(describe(current))",
      at: missingRange)
    return nil
  }

  /// Consumes a name, or reports `what` missing.
  mutating func expectName(_ what: String) -> Identifier? {
    if case .identifier(let name) = current.kind {
      return Identifier(name, advance().range)
    }
    report(ParserDiagnostics.expectedName, "expected \(what), found \(describe(current))", at: missingRange)
    return nil
  }

  /// The text of a string literal that must be plain (no interpolation), consuming it.
  mutating func expectPlainString(
    _ what: String, named noun: String
  ) -> (text: String, range: SourceRange)? {
    guard case .string(let parts) = current.kind else {
      report(
        ParserDiagnostics.expectedToken, "expected \(what), found \(describe(current))", at: missingRange)
      return nil
    }
    let token = advance()
    var text = ""
    for part in parts {
      switch part {
      case .text(let piece):
        text += piece
      case .interpolation(_, let range, _):
        reportAlways(
          ParserDiagnostics.interpolationNotAllowed, "\(noun) cannot contain an interpolation",
          at: SourceRange(start: range.start - 1, end: range.end + 1),
          notes: ["write `\\{` for a literal brace"])
      }
    }
    return (text, token.range)
  }

  // MARK: Lookahead

  /// Whether the token at `position` starts a declaration: a declaration word followed by what
  /// that declaration needs next (so a field named `test` or a name `select` stays a name).
  func isDeclarationStart(at position: Int) -> Bool {
    guard position < tokens.count, case .identifier(let word) = tokens[position].kind,
      Parser.declarationWords.contains(word)
    else { return false }
    let next = tokens[min(position + 1, tokens.count - 1)]
    switch word {
    case "test":
      if case .string = next.kind { return true }
      return false
    case "points":
      if case .identifier("worth") = next.kind { return true }
      return false
    case "budget":
      return next.kind != .symbol(.leftParen) && next.kind != .symbol(.minus)
        && Parser.canStartExpression(next)
    default:
      if case .identifier = next.kind { return true }
      return false
    }
  }

  /// Whether a token can be the first of an expression.
  static func canStartExpression(_ token: Token) -> Bool {
    switch token.kind {
    case .identifier, .int, .float, .percent, .money, .duration, .date, .string, .invalid: true
    case .keyword(let keyword): [.not, .if, .true, .false].contains(keyword)
    case .symbol(let symbol): symbol == .leftParen || symbol == .leftBracket || symbol == .minus
    default: false
    }
  }

  /// Whether the current token starts a line with a declaration.
  var atLineStartDeclaration: Bool { current.startsLine && isDeclarationStart(at: index) }
}
