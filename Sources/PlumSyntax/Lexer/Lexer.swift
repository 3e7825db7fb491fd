import PlumDiagnostics

/// Turns a policy's UTF-8 bytes into tokens.
///
/// The lexer never stops at bad input: each problem (an unterminated string, a stray byte, an
/// invalid date, …) becomes a diagnostic with a precise span and an `.invalid` token, and lexing
/// goes on after it. Strings nested in interpolations are lexed by a nested lexer over the
/// interpolation's bytes, so every token's range is an absolute offset in the file.
public struct Lexer {
  /// How deeply strings may nest inside string interpolations (`"{f("{x}")}"` is depth 2).
  static let maxStringDepth = 16

  let file: SourceFile
  let bytes: [UInt8]
  /// One past the last byte this lexer reads.
  let end: Int
  let keepsComments: Bool
  /// How many strings enclose the bytes being lexed.
  let stringDepth: Int
  var position: Int
  /// Whether a line break (or the start of the file) precedes the next token.
  var sawLineBreak: Bool
  var tokens: [Token] = []
  var diagnostics: [Diagnostic] = []

  init(file: SourceFile, range: SourceRange, keepsComments: Bool, stringDepth: Int) {
    self.file = file
    self.bytes = file.bytes
    self.end = min(range.end, file.bytes.count)
    self.keepsComments = keepsComments
    self.stringDepth = stringDepth
    self.position = max(0, range.start)
    self.sawLineBreak = stringDepth == 0
  }

  /// Splits a file into tokens, ending with `.endOfFile`; comments are skipped, `///` lines kept.
  public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    tokenize(file, keepingComments: false)
  }

  /// Splits a file into tokens; with `keepingComments`, `//` and `/* */` comments come back as
  /// `.comment` tokens in source order, for tools such as a formatter that must keep them.
  ///
  /// The other tokens, including their `startsLine` flags, are the same either way.
  public static func tokenize(
    _ file: SourceFile, keepingComments: Bool
  ) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var lexer = Lexer(
      file: file, range: SourceRange(start: 0, end: file.bytes.count), keepsComments: keepingComments,
      stringDepth: 0)
    lexer.skipByteOrderMark()
    lexer.run()
    return (lexer.tokens, lexer.diagnostics)
  }

  /// Tokenizes the bytes of one string interpolation, which sits inside `stringDepth` strings.
  static func tokenize(
    _ file: SourceFile, in range: SourceRange, stringDepth: Int
  ) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var lexer = Lexer(file: file, range: range, keepsComments: false, stringDepth: stringDepth)
    lexer.run()
    return (lexer.tokens, lexer.diagnostics)
  }

  mutating func skipByteOrderMark() {
    if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
  }

  mutating func run() {
    while true {
      skipTrivia()
      guard position < end else { break }
      lexToken()
    }
    tokens.append(Token(.endOfFile, .at(end), startsLine: sawLineBreak))
  }

  /// The byte `ahead` bytes past the current position, or nil past the end.
  func peek(_ ahead: Int = 0) -> UInt8? {
    let index = position + ahead
    return index < end ? bytes[index] : nil
  }

  mutating func emit(_ kind: Token.Kind, from start: Int) {
    tokens.append(Token(kind, SourceRange(start: start, end: position), startsLine: sawLineBreak))
    sawLineBreak = false
  }

  mutating func report(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [String] = [],
    fixIts: [Diagnostic.FixIt] = []
  ) {
    diagnostics.append(Diagnostic(code, message, at: range, notes: notes, fixIts: fixIts))
  }

  /// The source text between two offsets.
  func text(_ start: Int, _ stop: Int) -> String {
    String(decoding: bytes[start..<stop], as: UTF8.self)
  }

  mutating func lexToken() {
    let byte = bytes[position]
    if byte.isIdentifierStart {
      lexIdentifier()
    } else if byte.isASCIIDigit {
      lexNumber()
    } else if byte == UInt8(ascii: "\"") {
      lexString()
    } else {
      let start = position
      if let symbol = lexSymbol() {
        emit(.symbol(symbol), from: start)
      } else {
        lexUnexpected()
      }
    }
  }

  /// Lexes a name; letters outside ASCII are reported and kept in the name, so the parse goes on.
  mutating func lexIdentifier() {
    let start = position
    var foreign: SourceRange?
    while let byte = peek() {
      if byte.isIdentifierContinue {
        position += 1
      } else if byte >= 0x80, let (scalar, length) = decodeScalar(bytes, at: position, end: end),
        scalar.properties.isAlphabetic
      {
        foreign = foreign ?? SourceRange(start: position, end: position + length)
        position += length
      } else {
        break
      }
    }
    let word = text(start, position)
    if let foreign {
      report(
        LexerDiagnostics.unexpectedCharacter,
        "unexpected character `\(text(foreign.start, foreign.end))` in the name `\(word)`", at: foreign,
        notes: ["names are written with ASCII letters, digits and `_`"])
    }
    emit(Keyword(rawValue: word).map { .keyword($0) } ?? .identifier(word), from: start)
  }

  /// Reads an operator or punctuation mark, longest match first.
  mutating func lexSymbol() -> Symbol? {
    guard let first = peek() else { return nil }
    if let second = peek(1) {
      let pair = String(decoding: [first, second], as: UTF8.self)
      if let symbol = Symbol(rawValue: pair) {
        position += 2
        return symbol
      }
    }
    guard first < 0x80, let symbol = Symbol(rawValue: String(UnicodeScalar(first))) else { return nil }
    position += 1
    return symbol
  }

  /// Reports a byte sequence that starts no token and skips it.
  mutating func lexUnexpected() {
    let start = position
    let byte = bytes[position]
    guard let length = decodeScalar(bytes, at: position, end: end)?.length else {
      position += 1
      while let next = peek(), next >= 0x80, decodeScalar(bytes, at: position, end: end) == nil {
        position += 1
      }
      report(
        LexerDiagnostics.invalidUTF8, "invalid UTF-8 byte sequence",
        at: SourceRange(start: start, end: position), notes: ["Plum source files must be UTF-8"])
      emit(.invalid, from: start)
      return
    }
    position += length
    if let scalar = decodeScalar(bytes, at: start, end: end)?.scalar, scalar.properties.isAlphabetic,
      byte >= 0x80
    {
      position = start
      lexIdentifier()
      return
    }
    var notes: [String] = []
    var fixIts: [Diagnostic.FixIt] = []
    // Stand-ins for `and`, `or` and `not` are reported and read as the word, so parsing carries on
    // as the author meant.
    var standIn: Keyword?
    switch (byte, peek()) {
    case (UInt8(ascii: "&"), UInt8(ascii: "&")?), (UInt8(ascii: "|"), UInt8(ascii: "|")?):
      position += 1
      standIn = byte == UInt8(ascii: "&") ? .and : .or
    case (UInt8(ascii: "!"), _):
      standIn = .not
    case (UInt8(ascii: ";"), _):
      notes = ["declarations and clauses need no separator"]
    case (UInt8(ascii: "'"), _):
      notes = ["strings are written in double quotes"]
    default:
      break
    }
    if let standIn {
      fixIts = [
        Diagnostic.FixIt(
          range: SourceRange(start: start, end: position), replacement: standIn.rawValue,
          message: "replace with `\(standIn.rawValue)`")
      ]
    }
    let shown = displayed(text(start, position))
    report(
      LexerDiagnostics.unexpectedCharacter, "unexpected character `\(shown)`",
      at: SourceRange(start: start, end: position), notes: notes, fixIts: fixIts)
    if let standIn {
      emit(.keyword(standIn), from: start)
      return
    }
    emit(.invalid, from: start)
  }
}
